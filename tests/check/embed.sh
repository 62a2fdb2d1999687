# The embedding API: tests/unit/embed.c, linked with the library, runs real RISC-V programs
# in several machines at once, contains their crashes, steps them and stops at an ebreak; hooks
# see their own thread's registers, and a machine freed with its threads running stops them.
# Prints PASS/FAIL lines for tests/run.
set -u
T=$OUT/embed
mkdir -p "$T"
CC=${GUEST_CC:-riscv64-linux-gnu-gcc}
BUILD=$(dirname "$RVX")
$CC -O2 -static -o "$T/loop" tests/plugin/loop.c && $CC -O2 -static -o "$T/crash" tests/embed/crash.c &&
	$CC -O2 -static -o "$T/trap" tests/embed/trap.c && $CC -O2 -static -pthread -o "$T/thexit" tests/embed/thexit.c &&
	$CC -O2 -static -pthread -o "$T/threads" tests/embed/threads.c ||
	echo "FAIL embed-build: the guest programs do not build"
if ! make -s BUILD="$BUILD" "$BUILD/tests/embed" >"$T/build.log" 2>&1; then
	echo "FAIL embed-build: $(head -3 "$T/build.log")"
	exit 0
fi
timeout 120 "$BUILD/tests/embed" "$T/loop" "$T/crash" "$T/trap" "$T/thexit" "$T/threads" 2>&1
st=$?
[ $st = 0 ] || echo "FAIL embed-status: the embedding program ended with status $st"
