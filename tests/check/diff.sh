# Differential testing, bounded: 2000 random instruction sequences under the translator, the
# interpreter and qemu-riscv64 (tests/diff/gen.py; a longer run is in the README)
python3 tests/diff/gen.py --programs 8 --seqs 250 --rvx "$RVX" --out "$OUT/diff" ||
	echo "FAIL diff-scalar: gen.py ended with status $? (a failed program above, or the generator itself)"
# and 1,000 run twice from two states, the translator profiling each block's first run (its
# second run's blocks go on past forward branches along the ways the first run took, then leave
# by side exits where the second state goes the other way)
python3 tests/diff/gen.py --programs 4 --seqs 250 --seed 5 --twice --rvx "$RVX" --out "$OUT/diff-twice" ||
	echo "FAIL diff-twice: gen.py ended with status $? (a failed program above, or the generator itself)"
# and 1,000 with vector instructions mixed in, against QEMU 10 (tests/oracle/qemu10)
python3 tests/diff/gen.py --programs 4 --seqs 250 --seed 3 --vector --rvx "$RVX" --out "$OUT/diff-vector" ||
	echo "FAIL diff-vector: gen.py ended with status $? (a failed program above, or the generator itself)"
