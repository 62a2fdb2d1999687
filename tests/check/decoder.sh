# Decoder against objdump (see decoder.py).
make -s build/tests/disasm_dump >/dev/null || { echo "FAIL decoder: cannot build the unit test"; exit 0; }
python3 tests/check/decoder.py build/tests/disasm_dump
