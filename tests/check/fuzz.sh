# A short bounded fuzz run (libFuzzer with ASan and UBSan) of the decoder and the ELF loader.
# FUZZ_SECONDS sets the time per target; `make fuzz` runs longer.
set -u
secs=${FUZZ_SECONDS:-20}
if ! command -v clang >/dev/null; then
	echo "FAIL fuzz: clang is not installed (make deps installs it)"
	exit 0
fi
F=$OUT/fuzz
mkdir -p "$F/corpus-decode" "$F/corpus-loader"
srcs=$(ls src/*.c src/*/*.c src/*/*/*.c | grep -v transport_mpi.c) # the MPI transport is rvx-mpi's alone
flags="-g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc -Iinclude -pthread"
for t in decode loader; do
	if ! clang $flags -o "$F/$t" tests/fuzz/${t}_fuzz.c $srcs -lcapstone -lm 2>"$F/$t.build.log"; then
		echo "FAIL fuzz-$t: does not build: $(head -3 "$F/$t.build.log")"
		continue
	fi
done
# seeds: real RISC-V programs and pieces of them
for b in "$OUT"/bin/hello-static "$OUT"/bin/hello-dynamic "$OUT"/cli/args; do
	[ -f "$b" ] || continue
	n=$(basename "$b")
	cp "$b" "$F/corpus-loader/$n"
	head -c 1200 "$b" >"$F/corpus-loader/$n-head"
	head -c 4096 "$b" >"$F/corpus-decode/$n"
done
for t in decode loader; do
	[ -x "$F/$t" ] || continue
	if (cd "$F" && ASAN_OPTIONS=detect_leaks=0 ./$t -max_total_time="$secs" -max_len=65536 -rss_limit_mb=4096 \
		"corpus-$t" >"$F/$t.log" 2>&1); then
		echo "PASS fuzz-$t ($(grep -oE '#[0-9]+[[:space:]]+DONE' "$F/$t.log" | tail -1))"
	else
		echo "FAIL fuzz-$t: $(grep -m3 -E 'ERROR|SUMMARY|assert' "$F/$t.log" | tr '\n' ' ') (crash input in $F)"
	fi
done
