# -cpu rv64,vlen=N: the vector tests (every arithmetic form, every load and store form, indexed ones, the
# string routines) under VLEN 256 and 1024 against QEMU 10 under the same VLEN, with both
# engines (VLEN 128, the default, runs in the guest tests), and the refusal of a VLEN rvx does not have.
q10=$(tests/oracle/qemu10 2>/dev/null) || { echo "FAIL vlen: cannot fetch QEMU 10"; exit 0; }
mkdir -p "$OUT/vlen"
for t in rvv_arith rvv_mem rvv_strlen rvv_loops rvv_masks rvv_indexed rvv_blocks rvv_reductions rvv_compares rvv_fp_compares rvv_mask_load rvv_mask_store rvv_register_runs rvv_homes; do
	if ! $GUEST_CC -O2 -march=rv64gcv -static -o "$OUT/vlen/$t" "tests/guest/$t.c" -lm 2>"$OUT/vlen/$t.log"; then
		echo "FAIL vlen-$t: does not build"
		continue
	fi
	[ $t = rvv_loops ] && continue # the loops' forms and paths at VLEN 128 only (below)
	for v in 256 1024; do
		timeout 300 "$q10" -cpu "rva23u64,vlen=$v" "$OUT/vlen/$t" >"$OUT/vlen/$t.$v.qemu" 2>&1
		for e in jit interp; do
			timeout 300 "$RVX" --engine $e -cpu "rv64,vlen=$v" "$OUT/vlen/$t" >"$OUT/vlen/$t.$v.$e" 2>&1
			if cmp -s "$OUT/vlen/$t.$v.qemu" "$OUT/vlen/$t.$v.$e" && [ -s "$OUT/vlen/$t.$v.$e" ]; then
				echo "PASS vlen-$t-$v-$e"
			else
				echo "FAIL vlen-$t-$v-$e: differs from QEMU 10: $(diff "$OUT/vlen/$t.$v.$e" "$OUT/vlen/$t.$v.qemu" | head -3 | tr '\n' '|')"
			fi
		done
	done
done
# the translator's 16-byte (SSE) forms, which a host with AVX2 leaves for 32-byte ones, its
# vector registers in the vCPU, which a host with AVX-512VL keeps in ymm16-31 at VLEN 128, and
# its byte and word forms without AVX-512BW (copied through ymm0 instead of in place; v0.t masks
# left to the interpreter, and tails but for the forms that blend them with AVX2): the same
# tests (and the vector loops, whose registers live in ymm registers on a host with AVX2 and no
# AVX-512: rvv_homes) with AVX2, AVX-512 or AVX-512BW hidden from rvx (glibc's tunable), against
# QEMU 10 at the default VLEN
for t in rvv_arith rvv_mem rvv_strlen rvv_loops rvv_masks rvv_indexed rvv_blocks rvv_reductions rvv_compares rvv_fp_compares rvv_mask_load rvv_mask_store rvv_register_runs rvv_homes; do
	[ -x "$OUT/vlen/$t" ] || continue
	timeout 300 "$q10" -cpu rva23u64 "$OUT/vlen/$t" >"$OUT/vlen/$t.128.qemu" 2>&1
	for hide in sse-only:-AVX2 no-avx512:-AVX512F,-AVX512VL no-avx512bw:-AVX512BW; do
		name=${hide%%:*}
		GLIBC_TUNABLES=glibc.cpu.hwcaps=${hide#*:} timeout 300 "$RVX" --translate-after 1 "$OUT/vlen/$t" \
			>"$OUT/vlen/$t.$name" 2>&1
		if cmp -s "$OUT/vlen/$t.128.qemu" "$OUT/vlen/$t.$name" && [ -s "$OUT/vlen/$t.$name" ]; then
			echo "PASS vlen-$t-$name"
		else
			echo "FAIL vlen-$t-$name: differs from QEMU 10: $(diff "$OUT/vlen/$t.$name" "$OUT/vlen/$t.128.qemu" | head -3 | tr '\n' '|')"
		fi
	done
done
# vclz of 32- and 64-bit elements on an AVX-512 host without AVX512CD (the AVX2 forms in the
# AVX-512 path; glibc's tunable cannot hide VPOPCNTDQ, BITALG or GFNI, which vcpop.v, vctz and
# vbrev would fall back without)
if [ -x "$OUT/vlen/rvv_masks" ]; then
	GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512CD timeout 300 "$RVX" \
		--translate-after 1 "$OUT/vlen/rvv_masks" >"$OUT/vlen/rvv_masks.no-avx512cd" 2>&1
	if cmp -s "$OUT/vlen/rvv_masks.128.qemu" "$OUT/vlen/rvv_masks.no-avx512cd" && [ -s "$OUT/vlen/rvv_masks.no-avx512cd" ]; then
		echo "PASS vlen-rvv_masks-no-avx512cd"
	else
		echo "FAIL vlen-rvv_masks-no-avx512cd: differs from QEMU 10: $(diff "$OUT/vlen/rvv_masks.no-avx512cd" "$OUT/vlen/rvv_masks.128.qemu" | head -3 | tr '\n' '|')"
	fi
fi
# the vector length a program sees, and a VLEN rvx refuses
cat >"$OUT/vlen/vlenb.c" <<'C'
#include <stdio.h>
int main(void)
{
	unsigned long vlenb, vl;
	__asm__ volatile("csrr %0, vlenb\n\tvsetvli %1, zero, e8, m8, ta, ma" : "=r"(vlenb), "=r"(vl));
	printf("%lu %lu\n", vlenb, vl);
	return 0;
}
C
$GUEST_CC -O2 -march=rv64gcv -static -o "$OUT/vlen/vlenb" "$OUT/vlen/vlenb.c"
got=$("$RVX" -cpu rv64,vlen=512 "$OUT/vlen/vlenb")
[ "$got" = "64 512" ] && echo "PASS vlen-vlenb" || echo "FAIL vlen-vlenb: vlen=512 gave '$got' (want '64 512')"
got=$("$RVX" "$OUT/vlen/vlenb")
[ "$got" = "16 128" ] && echo "PASS vlen-default" || echo "FAIL vlen-default: gave '$got' (want '16 128')"
"$RVX" -cpu rv64,vlen=2048 "$OUT/vlen/vlenb" >/dev/null 2>"$OUT/vlen/refuse.err"
st=$?
[ $st = 64 ] && grep -q "vlen" "$OUT/vlen/refuse.err" && echo "PASS vlen-refused" ||
	echo "FAIL vlen-refused: vlen=2048 exit $st: $(head -1 "$OUT/vlen/refuse.err")"
