# The translator's VEX (AVX2) encodings decoded by Capstone: tests/unit/vex_encode.c.
make -s build/tests/vex_encode >/dev/null || { echo "FAIL vex-encode: cannot build the unit test"; exit 0; }
build/tests/vex_encode
