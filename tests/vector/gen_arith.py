"""Writes tests/guest/rvv_arith.c (run it after changing the list below)."""
import os
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
int_vv = "vadd vsub vminu vmin vmaxu vmax vand vor vxor vrgather vsaddu vsadd vssubu vssub vsll vsmul vsrl vsra vssrl vssra vmul vmulh vmulhu vmulhsu vdivu vdiv vremu vrem vaaddu vaadd vasubu vasub vrgatherei16".split()
int_vx = "vadd vsub vrsub vminu vmin vmaxu vmax vand vor vxor vrgather vslideup vslidedown vsaddu vsadd vssubu vssub vsll vsmul vsrl vsra vssrl vssra vmul vmulh vmulhu vmulhsu vdivu vdiv vremu vrem vaaddu vaadd vasubu vasub vslide1up vslide1down".split()
int_vi = "vadd vrsub vand vor vxor vrgather vslideup vslidedown vsaddu vsadd vsll vsrl vsra vssrl vssra".split()
cmp_vv = "vmseq vmsne vmsltu vmslt vmsleu vmsle".split()
cmp_vx = "vmseq vmsne vmsltu vmslt vmsleu vmsle vmsgtu vmsgt".split()
cmp_vi = "vmseq vmsne vmsleu vmsle vmsgtu vmsgt".split()
madd = "vmacc vnmsac vmadd vnmsub".split()
wide_vv = "vwaddu vwadd vwsubu vwsub vwmulu vwmulsu vwmul".split()
wide_w = "vwaddu vwadd vwsubu vwsub".split()
wmacc_vv = "vwmaccu vwmacc vwmaccsu".split()
narrow = "vnsrl vnsra vnclipu vnclip".split()
red = "vredsum vredand vredor vredxor vredminu vredmin vredmaxu vredmax vwredsumu vwredsum".split()
mlog = "vmandn vmand vmor vmxor vmorn vmnand vmnor vmxnor".split()
fvv = "vfadd vfsub vfmin vfmax vfsgnj vfsgnjn vfsgnjx vfdiv vfmul".split()
fvf = "vfadd vfsub vfmin vfmax vfsgnj vfsgnjn vfsgnjx vfdiv vfrdiv vfmul vfrsub vfslide1up vfslide1down".split()
fmadd = "vfmadd vfnmadd vfmsub vfnmsub vfmacc vfnmacc vfmsac vfnmsac".split()
fcmp_vv = "vmfeq vmfle vmflt vmfne".split()
fcmp_vf = "vmfeq vmfle vmflt vmfne vmfgt vmfge".split()
fwide = "vfwadd vfwsub vfwmul".split()
fwmacc = "vfwmacc vfwnmacc vfwmsac vfwnmsac".split()
funary = "vfsqrt.v vfclass.v vfcvt.xu.f.v vfcvt.x.f.v vfcvt.f.xu.v vfcvt.f.x.v vfcvt.rtz.xu.f.v vfcvt.rtz.x.f.v vfwcvt.xu.f.v vfwcvt.x.f.v vfwcvt.f.xu.v vfwcvt.f.x.v vfwcvt.f.f.v vfwcvt.rtz.xu.f.v vfwcvt.rtz.x.f.v vfncvt.xu.f.w vfncvt.x.f.w vfncvt.f.xu.w vfncvt.f.x.w vfncvt.f.f.w vfncvt.rod.f.f.w vfncvt.rtz.xu.f.w vfncvt.rtz.x.f.w".split()
fred = "vfredusum vfredosum vfredmin vfredmax vfwredusum vfwredosum".split()
ins = []
def add(text, m=True):
    ins.append(text + (", v0.t" if m else ""))
    if m:
        ins.append(text)
for o in int_vv: add(o + ".vv v8, v16, v24")
for o in int_vx: add(o + ".vx v8, v16, %[x]")
for o in int_vi: add(o + ".vi v8, v16, " + ("3" if o in ("vsll","vsrl","vsra","vssrl","vssra","vrgather","vslideup","vslidedown") else "-7"))
for o in cmp_vv: add(o + ".vv v8, v16, v24")
for o in cmp_vx: add(o + ".vx v8, v16, %[x]")
for o in cmp_vi: add(o + ".vi v8, v16, 5")
for o in madd: add(o + ".vv v8, v24, v16"); add(o + ".vx v8, %[x], v16")
for o in wide_vv: add(o + ".vv v8, v16, v24"); add(o + ".vx v8, v16, %[x]")
for o in wide_w: add(o + ".wv v8, v16, v24"); add(o + ".wx v8, v16, %[x]")
for o in wmacc_vv: add(o + ".vv v8, v24, v16"); add(o + ".vx v8, %[x], v16")
add("vwmaccus.vx v8, %[x], v16")
for o in narrow: add(o + ".wv v8, v16, v24"); add(o + ".wx v8, v16, %[x]"); add(o + ".wi v8, v16, 3")
for o in red: add(o + ".vs v8, v16, v24")
for o in mlog: add(o + ".mm v8, v16, v24", False)
for t in ["vadc.vvm v8, v16, v24, v0", "vadc.vxm v8, v16, %[x], v0", "vadc.vim v8, v16, -3, v0",
          "vsbc.vvm v8, v16, v24, v0", "vsbc.vxm v8, v16, %[x], v0",
          "vmadc.vvm v8, v16, v24, v0", "vmadc.vxm v8, v16, %[x], v0", "vmadc.vim v8, v16, 7, v0", "vmadc.vv v8, v16, v24",
          "vmadc.vx v8, v16, %[x]", "vmadc.vi v8, v16, -1", "vmsbc.vvm v8, v16, v24, v0", "vmsbc.vxm v8, v16, %[x], v0",
          "vmsbc.vv v8, v16, v24", "vmsbc.vx v8, v16, %[x]",
          "vmerge.vvm v8, v16, v24, v0", "vmerge.vxm v8, v16, %[x], v0", "vmerge.vim v8, v16, 9, v0",
          "vmv.v.v v8, v24", "vmv.v.x v8, %[x]", "vmv.v.i v8, -5", "vmv1r.v v8, v16", "vmv2r.v v8, v16", "vmv4r.v v8, v16", "vmv8r.v v8, v16",
          "vmv.s.x v8, %[x]", "vmv.x.s %[r], v16", "vcpop.m %[r], v16", "vfirst.m %[r], v16", "vcpop.m %[r], v16, v0.t", "vfirst.m %[r], v16, v0.t",
          "vcompress.vm v8, v16, v24", "vid.v v8", "vid.v v8, v0.t", "viota.m v8, v16", "viota.m v8, v16, v0.t",
          "vmsbf.m v8, v16", "vmsif.m v8, v16, v0.t", "vmsof.m v8, v16",
          "vzext.vf2 v8, v16", "vsext.vf2 v8, v16, v0.t", "vzext.vf4 v8, v16", "vsext.vf4 v8, v16", "vzext.vf8 v8, v16", "vsext.vf8 v8, v16",
          "vfmv.f.s %[f], v16", "vfmv.s.f v8, %[f]", "vfmv.v.f v8, %[f]", "vfmerge.vfm v8, v16, %[f], v0"]:
    ins.append(t)
for o in fvv: add(o + ".vv v8, v16, v24")
for o in fvf: add(o + ".vf v8, v16, %[f]")
for o in fmadd: add(o + ".vv v8, v24, v16"); add(o + ".vf v8, %[f], v16")
for o in fcmp_vv: add(o + ".vv v8, v16, v24")
for o in fcmp_vf: add(o + ".vf v8, v16, %[f]")
for o in fwide: add(o + ".vv v8, v16, v24"); add(o + ".vf v8, v16, %[f]")
for o in ["vfwadd", "vfwsub"]: add(o + ".wv v8, v16, v24"); add(o + ".wf v8, v16, %[f]")
for o in fwmacc: add(o + ".vv v8, v24, v16"); add(o + ".vf v8, %[f], v16")
for o in funary: add(o + " v8, v16")
for o in fred: add(o + ".vs v8, v16, v24")
# Zvbb, as .insn (Debian 12's binutils does not know it): funct7 = funct6 << 1 | vm
for f6, name in ((0x01, "vandn"), (0x15, "vrol"), (0x14, "vror"), (0x35, "vwsll")):
    for vm in (0, 1):
        ins.append(".insn r 0x57, 0, 0x%02x, x8, x24, x16 # %s.vv%s" % (f6 << 1 | vm, name, "" if vm else " masked"))
        ins.append(".insn r 0x57, 4, 0x%02x, x8, %%[x], x16 # %s.vx%s" % (f6 << 1 | vm, name, "" if vm else " masked"))
for f7, imm, name in ((0x29, 3, "vror.vi 3"), (0x2b, 3, "vror.vi 35"), (0x28, 17, "vror.vi 17 masked"), (0x6b, 5, "vwsll.vi 5"), (0x6a, 31, "vwsll.vi 31 masked")):
    ins.append(".insn r 0x57, 3, 0x%02x, x8, x%d, x16 # %s" % (f7, imm, name))
# a register feeding one instruction with two EEWs (v0 as the mask and as a source, or sources of
# SEW and 2*SEW sharing a register) is reserved: which forms QEMU 10 refuses, and which it runs
for t in ["vfadd.vv v8, v16, v0, v0.t", "vmacc.vv v8, v0, v16, v0.t", "vmerge.vvm v8, v0, v16, v0",
          "vadc.vvm v8, v0, v16, v0", "vredsum.vs v8, v0, v16, v0.t", "vmseq.vv v8, v0, v16, v0.t",
          "vrgather.vv v8, v0, v16, v0.t", "vslideup.vx v8, v0, %[x], v0.t", "vzext.vf2 v8, v0, v0.t",
          "vnsrl.wv v8, v16, v0, v0.t", "vwadd.wv v8, v16, v16", "vwadd.wv v8, v16, v20",
          "vrgatherei16.vv v8, v16, v16", "vfwadd.wv v8, v16, v20", "vnsrl.wv v8, v16, v16"]:
    ins.append(t)
for code, name in ((8, "vbrev8.v"), (9, "vrev8.v"), (10, "vbrev.v"), (12, "vclz.v"), (13, "vctz.v"), (14, "vcpop.v")):
    for vm in (0, 1):
        ins.append(".insn r 0x57, 2, 0x%02x, x8, x%d, x16 # %s%s" % (0x12 << 1 | vm, code, name, "" if vm else " masked"))

body = []
body.append("""// The vector extension's arithmetic (V 1.0), each instruction under several vtypes (SEW 8 to 64,
// fractional to 8-register groups, vl below VLMAX so tails show), masked and not, with vxrm
// and frm varied: the destination group, vl, vxsat, fflags and any scalar result are printed
// (a hash of the group), and SIGILL where the vtype makes the encoding reserved. Generated by
// tests/vector/gen_arith.py; the oracle is QEMU 10.
// qemu: rva23
// cflags: -march=rv64gcv
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t d_init[1024], a_init[1024], b_init[1024], m_init[128], out[1024];
static unsigned group; /* bytes of v8-v15: 8 * VLENB */
static sigjmp_buf ill;

static void on_sigill(int sig)
{
	(void)sig;
	siglongjmp(ill, 1);
}

typedef void (*insn_fn)(uint64_t vtype, uint64_t avl, uint64_t x, double f, uint64_t *vl, uint64_t *r, double *fr);
""")
names = []
for k, t in enumerate(ins):
    fn = "t%d" % k
    names.append((fn, t))
    body.append("""static void %s(uint64_t vtype, uint64_t avl, uint64_t x, double f, uint64_t *vl, uint64_t *r, double *fr)
{
	uint64_t rr = 0;
	double ff = f;
	__asm__ volatile("vl8re8.v v8, (%%[d])\\n\\tvl8re8.v v16, (%%[a])\\n\\tvl8re8.v v24, (%%[b])\\n\\tvl1re8.v v0, (%%[m])\\n\\t"
			 "vsetvl %%[vl], %%[avl], %%[vt]\\n\\t%s\\n\\tvs8r.v v8, (%%[o])"
			 : [vl] "=&r"(*vl), [r] "+&r"(rr), [f] "+&f"(ff)
			 : [d] "r"(d_init), [a] "r"(a_init), [b] "r"(b_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl),
			   [vt] "r"(vtype), [x] "r"(x)
			 : "memory");
	*r = rr;
	*fr = ff;
}
""" % (fn, t.replace("%[f]", "%[f]")))
body.append("static const struct { const char *text; insn_fn fn; } insns[] = {\n" + "".join('\t{"%s", %s},\n' % (t.replace('"', ''), fn) for fn, t in names) + "};\n")
body.append(r"""
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* element patterns that reach the edges: small, extreme, and floats of every class */
static void fill(uint8_t *p, int n, int kind)
{
	for (int i = 0; i < n; i += 8) {
		uint64_t v = next();
		switch ((v >> 60) & 7) {
		case 0: v &= 0xff; break;
		case 1: v |= 0x8080808080808080ull; break;
		case 2: v = 0x3ff0000000000000ull + (v & 0xffffff); break; /* doubles near 1 */
		case 3: v = (v & 0x807fffff807fffffull) | 0x3f0000003f000000ull; break; /* floats near 1 */
		case 4: v = kind ? 0x7ff0000000000001ull : 0x7fc000007f800000ull; break; /* NaNs, inf */
		default: break;
		}
		memcpy(p + i, &v, 8);
	}
}

static uint64_t fnv(const uint8_t *p, int n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (int i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

int main(void)
{
	/* SEW in bits 5:3, LMUL in 2:0 (5 mf8, 6 mf4, 7 mf2), tu/mu */
	static const uint64_t vtypes[] = {0x00, 0x09, 0x12, 0x18, 0x0f, 0x1a, 0x01, 0x0b, 0x17, 0x13};
	static const uint64_t avls[] = {1000, 5};
	struct sigaction sa;
	__asm__ volatile("csrr %0, vlenb" : "=r"(group));
	group *= 8;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigill;
	sigaction(SIGILL, &sa, NULL);
	for (unsigned k = 0; k < sizeof insns / sizeof insns[0]; k++) {
		for (unsigned v = 0; v < sizeof vtypes / sizeof vtypes[0]; v++) {
			for (unsigned n = 0; n < 2; n++) {
				uint64_t vl = 0, r = 0, x = next(), fbits = next();
				double f, fr = 0;
				unsigned rnd = (k + v + n) & 3, fflags = 0, vxsat = 0;
				fill(d_init, (int)group, 0);
				fill(a_init, (int)group, v & 1);
				fill(b_init, (int)group, n);
				fill(m_init, (int)group / 8, 0);
				if (n)
					x &= 31;
				if (v & 1)
					fbits = (fbits & 0x800fffffffffffffull) | 0x3ff0000000000000ull;
				else
					fbits = 0xffffffff3f800000ull | (fbits & 0x807fffff);
				memcpy(&f, &fbits, 8);
				__asm__ volatile("csrw vxrm, %0\n\tcsrw frm, %1\n\tcsrw fflags, zero\n\tcsrw vxsat, zero" : : "r"(rnd), "r"(rnd));
				memcpy(out, d_init, group);
				if (sigsetjmp(ill, 1)) {
					printf("%s e%d%s%u avl %llu: SIGILL\n", insns[k].text, 8 << ((vtypes[v] >> 3) & 7),
					       (vtypes[v] & 4) ? "mf" : "m", (vtypes[v] & 4) ? 1u << (8 - (vtypes[v] & 7)) : 1u << (vtypes[v] & 3),
					       (unsigned long long)avls[n]);
					continue;
				}
				insns[k].fn(vtypes[v], avls[n], x, f, &vl, &r, &fr);
				__asm__ volatile("csrr %0, fflags\n\tcsrr %1, vxsat" : "=r"(fflags), "=r"(vxsat));
				uint64_t frb;
				memcpy(&frb, &fr, 8);
				printf("%s e%d%s%u avl %llu: vl %llu out %016llx r %llx f %llx fflags %u vxsat %u\n", insns[k].text,
				       8 << ((vtypes[v] >> 3) & 7), (vtypes[v] & 4) ? "mf" : "m",
				       (vtypes[v] & 4) ? 1u << (8 - (vtypes[v] & 7)) : 1u << (vtypes[v] & 3),
				       (unsigned long long)avls[n], (unsigned long long)vl, (unsigned long long)fnv(out, group),
				       (unsigned long long)r, (unsigned long long)frb, fflags, vxsat);
			}
		}
	}
	return 0;
}
""")
open(os.path.join(ROOT, "tests", "guest", "rvv_arith.c"), "w").write("".join(body))
