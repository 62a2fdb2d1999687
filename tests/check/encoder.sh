# The translator's VEX (AVX2) and EVEX (AVX-512VL) encodings decoded by Capstone
# (tests/unit/vex_encode.c); the EVEX forms Capstone 4 cannot decode (or decodes with a stray
# space), assembled by GNU as.
make -s build/tests/vex_encode >/dev/null || { echo "FAIL vex-encode: cannot build the unit test"; exit 0; }
build/tests/vex_encode
tmp=$(mktemp -d)
bad=0
n=0
while IFS="$(printf '\t')" read -r text bytes; do
	n=$((n + 1))
	printf '%s\n' "$text" > "$tmp/a.s"
	if ! as -o "$tmp/a.o" "$tmp/a.s" 2> "$tmp/err"; then
		echo "FAIL vex-encode-lanes: GNU as refuses $text: $(cat "$tmp/err")"
		bad=1
		continue
	fi
	want=$(objdump -d "$tmp/a.o" | sed -n 's/^ *0:\t\([0-9a-f ]*\)\t.*/\1/p' | sed 's/ *$//')
	if [ "$want" != "$bytes" ]; then
		echo "FAIL vex-encode-lanes: $text is $want, encoded as $bytes"
		bad=1
	fi
done <<END
$(build/tests/vex_encode --lanes)
END
rm -rf "$tmp"
[ $bad = 0 ] && echo "PASS vex-encode-lanes: $n EVEX forms Capstone cannot check assemble to the same bytes with GNU as"
exit 0
