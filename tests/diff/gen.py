#!/usr/bin/env python3
"""Differential tester: random but valid RV64GC (+Zba/Zbb/Zbs) instruction sequences — integer,
M, A (AMOs, LR/SC), F/D in every rounding mode, loads and stores to a scratch area, forward
branches, CSRs, quiet compares (frflags, flt/fle, fsflags and a branch, then FP arithmetic, loads
and a faulting load before the frflags register's next write), loads and stores that fault
mid-sequence (the harness's SIGSEGV handler hashes
the registers its signal frame shows and skips the access); compressed forms wherever the
assembler can use them. A 200 us timer signal arrives throughout (blocked in sequences with
LR/SC, whose SC a signal may fail). Each sequence starts from random registers and memory and
ends by dumping every register, fflags, the scratch memory and the fault hash. Every program
runs under rvx's translator, rvx's interpreter and qemu-riscv64, and all three must print the
same thing.

With --vector the sequences mix in vector instructions (V 1.0: vsetvli/vsetivli with random
valid vtypes and AVLs, unit-stride loads and stores (also of another EEW than SEW), vlm/vsm,
strided, segment and indexed loads and stores, single-width integer and F/D arithmetic in
vv/vx/vi/vf forms, widening FP arithmetic, F/D-integer and widening/narrowing FP conversions, masked and not, multiply-adds, merges, compares, reductions (FP ones too), vfmv.s.f, slides, vrgather, vcompress, vmsbf/vmsif/vmsof, Zvbb), the
32 vector registers and vl/vtype/vxrm/vxsat join the dump, and QEMU 10 (tests/oracle/qemu10,
-cpu rva23u64) is the third emulator.

usage: gen.py [--programs N] [--seqs N] [--seed S] [--out DIR] [--vector] [--twice]
Prints PASS/FAIL lines; a failing program is kept with a reproducing command."""
import argparse, os, random, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# registers a sequence may write and read: not sp/gp/tp, not s11 (scratch base) or t6 (address
# temporary), whose values are addresses that differ between emulators
XR = [1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30]
RMS = ["rne", "rtz", "rdn", "rup", "rmm", "dyn"]
SPECIAL = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x7fffffffffffffff,
           0x8000000000000000, 0xffffffffffffffff, 0xfffffffffffffffe, 63, 64, 31, 32]
FSPECIAL_D = [0, 1 << 63, 0x3ff0000000000000, 0xbff0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
              0x7ff8000000000000, 0x7ff4000000000000, 1, 0x000fffffffffffff, 0x7fefffffffffffff,
              0x3fe0000000000000, 0x4330000000000000, 0x43e0000000000000, 0x41e0000000000000]
FSPECIAL_S = [0, 0x80000000, 0x3f800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 1, 0x007fffff,
              0x7f7fffff, 0x3f000000, 0x4b000000, 0x5f000000, 0x4f000000]

def x(r):
    return "x%d" % r

class Gen:
    def __init__(self, rnd, vector=False):
        self.r = rnd
        self.label = 0
        self.vector = vector
        self.vsew = None
        self.vregs = 1
        self.vlmul8 = 8

    def xs(self):
        return x(self.r.choice(XR))

    def xd(self):
        return x(0) if self.r.random() < 0.03 else self.xs()

    def fault_base(self):
        """x31 set below every emulator's first mapping: an access through it faults"""
        return "li x31, %d" % self.r.randrange(0x100, 0x8000)

    def fault_offset(self):
        """an access's offset from fault_base's x31 (all still below the first mapping)"""
        return self.r.randrange(-0xff, 0x800)

    def f(self):
        return "f%d" % self.r.randrange(32)

    def rm(self):
        return self.r.choice(RMS)

    def imm12(self):
        return self.r.choice([0, 1, -1, 2047, -2048, self.r.randrange(-2048, 2048)])

    # ---- vectors: the current vtype is tracked so that operands fit it (--vector)
    VINT = ["vadd", "vsub", "vand", "vor", "vxor", "vmul", "vminu", "vmin", "vmaxu", "vmax", "vsll", "vsrl", "vsra", "vsaddu",
            "vssub", "vaaddu", "vaadd", "vsadd", "vssubu"]
    VINT_X = ["vrsub", "vslideup", "vslidedown", "vslide1down", "vslide1up"]
    VFP = ["vfadd", "vfsub", "vfmul", "vfdiv", "vfmin", "vfmax", "vfsgnj", "vfsgnjn", "vfsgnjx"]
    VCMP = ["vmseq", "vmsne", "vmsltu", "vmslt", "vmsleu", "vmsle", "vmsgtu", "vmsgt"]

    def vsetvli(self):
        r = self.r
        while True:
            sew, lmul = r.choice([8, 16, 32, 64]), r.choice(["mf8", "mf4", "mf2", "m1", "m1", "m2", "m4", "m8"])
            frac = {"mf8": 8, "mf4": 4, "mf2": 2}.get(lmul, 1)
            if sew <= 64 // frac:
                break
        self.vsew, self.vregs = sew, int(lmul[1]) if lmul[0] == "m" and lmul[1] != "f" else 1
        self.vlmul8 = 8 // frac if frac > 1 else 8 * self.vregs
        tail = r.choice(["ta", "tu"]) + "," + r.choice(["ma", "mu"])
        if r.random() < 0.3:
            return ["vsetivli %s, %d, e%d, %s, %s" % (self.xd(), r.randrange(32), sew, lmul, tail)]
        return ["vsetvli %s, %s, e%d, %s, %s" % (self.xd(), r.choice([self.xs(), self.xs(), "x0"]), sew, lmul, tail)]

    def vreg(self, avoid0=False):
        n = self.vregs
        while True:
            v = self.r.randrange(0, 32, n)
            if not (avoid0 and v == 0):
                return "v%d" % v

    def vinsn(self, in_loop=False, skippable=False):
        """One vector instruction (with its address set-up); in a loop body neither vtype nor
        x31 (the loop's counter) changes, nor vtype where a branch may skip the instruction."""
        r = self.r
        if not in_loop and not skippable and (self.vsew is None or r.random() < 0.12):
            return self.vsetvli()
        if self.vsew is None:
            return []
        masked = r.random() < 0.3
        m = ", v0.t" if masked else ""
        src = lambda: self.vreg(masked)  # a source group holding the mask v0 is reserved under it
        kind = r.choice(["int", "int", "intx", "fp", "fp", "madd", "merge", "cmp", "cmp", "red", "mv", "first", "csr",
                         "wide", "narrow", "mlogic"] + ([] if in_loop else ["mem", "mem"]))
        fp_ok = self.vsew >= 32
        if kind == "mem":
            off = r.randrange(0, 2048 - 8 * 16, self.vsew // 8)
            op = r.choice(["vle", "vse", "vleff", "vle", "vse", "eew", "vlm", "strided", "seg", "indexed"])
            at = "addi x31, x27, %d" % off
            lg = {8: 0, 16: 1, 32: 2, 64: 3}[self.vsew]
            if op == "vlm":  # the mask's ceil(vl / 8) bytes, never masked
                return [at, "%s v%d, (x31)" % (r.choice(["vlm.v", "vsm.v"]), r.randrange(32))]
            if op == "eew":  # another element size than SEW: EMUL = LMUL * EEW / SEW
                eew = r.choice([8, 16, 32, 64])
                emul8 = self.vlmul8 * eew // self.vsew
                if self.vlmul8 * eew % self.vsew or not 1 <= emul8 <= 64:
                    return []
                regs = max(1, emul8 // 8)
                while True:
                    v = r.randrange(0, 32, regs)
                    if not (masked and v == 0):
                        break
                return [at, "%s%d.v v%d, (x31)%s" % (r.choice(["vle", "vse", "vle"]), eew, v, m)]
            if op == "strided" and r.random() < 0.2:  # stride x0: one element, broadcast
                return ["addi x31, x27, 1024", "%s%d.v %s, (x31), x0%s" % (r.choice(["vlse", "vsse"]), self.vsew,
                                                                          self.vreg(masked), m)]
            if op == "strided":  # a stride of -4 to 3 elements from the window's middle
                s = self.xs()
                return ["andi %s, %s, 7" % (s, s), "addi %s, %s, -4" % (s, s), "slli %s, %s, %d" % (s, s, lg),
                        "addi x31, x27, 1024", "%s%d.v %s, (x31), %s%s" % (r.choice(["vlse", "vsse"]), self.vsew,
                                                                          self.vreg(masked), s, m)]
            if op == "seg":  # 2 to 4 fields of at most 8 registers in all
                nf = r.randrange(2, 5)
                if nf * self.vregs > 8:
                    return []
                while True:
                    v = r.randrange(0, 32, self.vregs)
                    if v + nf * self.vregs <= 32 and not (masked and v == 0):
                        break
                return [at, "%s%de%d.v v%d, (x31)%s" % (r.choice(["vlseg", "vsseg"]), nf, self.vsew, v, m)]
            if op == "indexed":  # indexes of SEW made 0 to 15 elements, a destination apart from them
                i, d = self.vreg(masked), self.vreg(masked)
                if i == d:
                    return []
                return ["vand.vi %s, %s, 15" % (i, i), "vsll.vi %s, %s, %d" % (i, i, lg), at,
                        "%s%d.v %s, (x31), %s%s" % (r.choice(["vluxei", "vsuxei"]), self.vsew, d, i, m)]
            name = "vle%dff.v" % self.vsew if op == "vleff" else "%s%d.v" % (op, self.vsew)
            return [at, "%s %s, (x31)%s" % (name, self.vreg(masked and op != "vse"), m)]
        if kind == "fp" and fp_ok and r.random() < 0.25:  # conversions to and from integers
            op = r.choice(["vfcvt.x.f.v", "vfcvt.xu.f.v", "vfcvt.f.x.v", "vfcvt.f.xu.v", "vfcvt.rtz.x.f.v",
                           "vfcvt.rtz.xu.f.v"])
            return ["%s %s, %s%s" % (op, self.vreg(masked), src(), m)]
        if kind == "fp" and fp_ok and r.random() < 0.1:
            return ["vfmv.s.f v%d, %s" % (r.randrange(32), self.f())]
        if kind == "int" and r.random() < 0.15:  # Zvbb, as .insn (binutils 2.40 does not know it)
            d, s2 = self.vreg(masked), src()
            vm = 0 if masked else 1
            form = r.choice(["vandn.vv", "vandn.vx", "vrol.vv", "vror.vx", "vror.vi", "vrev8", "vbrev8", "vbrev", "vclz",
                             "vctz", "vcpop"])
            if form.endswith(".vv") or form.endswith(".vx") or form.endswith(".vi"):
                funct6 = {"vandn": 0x01, "vrol": 0x15, "vror": 0x14}[form[:-3]]
                f3 = {"vv": 0, "vx": 4, "vi": 3}[form[-2:]]
                if form.endswith(".vi"):
                    imm = r.randrange(64)
                    return [".insn r 0x57, 3, %d, %s, x%d, %s # %s%s" % ((funct6 | imm >> 5) << 1 | vm, "x" + d[1:],
                                                                        imm & 31, "x" + s2[1:], form, m)]
                s1 = "x" + src()[1:] if f3 == 0 else self.xs()
                return [".insn r 0x57, %d, %d, %s, %s, %s # %s%s" % (f3, funct6 << 1 | vm, "x" + d[1:], s1,
                                                                     "x" + s2[1:], form, m)]
            sel = {"vbrev8": 8, "vrev8": 9, "vbrev": 10, "vclz": 12, "vctz": 13, "vcpop": 14}[form]
            return [".insn r 0x57, 2, %d, %s, x%d, %s # %s.v%s" % (0x12 << 1 | vm, "x" + d[1:], sel, "x" + s2[1:], form, m)]
        if kind == "merge" and r.random() < 0.2:  # vcompress: vd apart from vs2's group and vs1
            d, s2, s1 = self.vreg(), self.vreg(), r.randrange(32)
            if d == s2 or int(d[1:]) <= s1 < int(d[1:]) + self.vregs:
                return []
            return ["vcompress.vm %s, %s, v%d" % (d, s2, s1)]
        if kind == "merge" and r.random() < 0.5:  # vrgather: vd apart from its sources
            d, s2, s1 = self.vreg(masked), self.vreg(masked), self.vreg(masked)
            if d in (s2, s1):
                return []
            form = r.choice(["vv", "vx", "vi"])
            src1 = s1 if form == "vv" else self.xs() if form == "vx" else str(r.randrange(32))
            return ["vrgather.%s %s, %s, %s%s" % (form, d, s2, src1, m)]
        if kind == "wide" and self.vsew == 32 and self.vregs <= 4 and r.random() < 0.3:
            # FP widening arithmetic: vd's group twice the narrow sources', apart from them
            op = r.choice(["vfwadd", "vfwsub", "vfwmul", "vfwadd.w", "vfwsub.w"])
            d = r.randrange(0, 32, 2 * self.vregs)
            wide2 = op.endswith(".w")  # vs2 wide too: vd itself half the time
            if wide2:
                s2 = "v%d" % (d if r.random() < 0.5 else r.randrange(0, 32, 2 * self.vregs))
            else:
                s2 = self.vreg(masked)
            s1 = self.vreg(masked)
            def apart(v, n):  # v's group of n registers apart from vd's
                return int(v[1:]) + n <= d or int(v[1:]) >= d + 2 * self.vregs
            if (masked and (d == 0 or s2 == "v0")) or (not wide2 and not apart(s2, self.vregs)) or \
                    not apart(s1, self.vregs) or (wide2 and int(s2[1:]) <= int(s1[1:]) < int(s2[1:]) + 2 * self.vregs):
                return []
            if r.random() < 0.4:
                return ["%s.%sf v%d, %s, %s%s" % (op[:6], "w" if wide2 else "v", d, s2, self.f(), m)]
            return ["%s.%sv v%d, %s, %s%s" % (op[:6], "w" if wide2 else "v", d, s2, s1, m)]
        if kind == "wide" and self.vsew in (16, 32) and self.vregs <= 4 and r.random() < 0.3:
            # FP widening conversions: vd's group twice vs2's, apart from it
            ops = ["vfwcvt.f.x.v", "vfwcvt.f.xu.v"] + (["vfwcvt.f.f.v"] if self.vsew == 32 else [])
            d = r.randrange(0, 32, 2 * self.vregs)
            s2 = self.vreg(masked)
            if d == 0 and masked or (int(s2[1:]) + self.vregs > d and int(s2[1:]) < d + 2 * self.vregs):
                return []
            return ["%s v%d, %s%s" % (r.choice(ops), d, s2, m)]
        if kind == "narrow" and self.vsew == 32 and self.vregs <= 4 and r.random() < 0.3:
            s2 = r.randrange(0, 32, 2 * self.vregs)  # vs2's group twice vd's
            d = self.vreg(masked)
            if (int(d[1:]) + self.vregs > s2 and int(d[1:]) < s2 + 2 * self.vregs and int(d[1:]) != s2) or \
                    (masked and s2 == 0):  # v0 read as data under its own mask: reserved
                return []
            return ["vfncvt.f.f.w %s, v%d%s" % (d, s2, m)]
        if kind == "fp" and fp_ok:
            op = r.choice(self.VFP)
            if r.random() < 0.4:
                return ["%s.vf %s, %s, %s%s" % (op, self.vreg(masked), src(), self.f(), m)]
            return ["%s.vv %s, %s, %s%s" % (op, self.vreg(masked), src(), src(), m)]
        if kind == "madd":
            op = r.choice(["vmacc", "vnmsac", "vfmacc", "vfnmsub"] if fp_ok else ["vmacc", "vnmsac"])
            return ["%s.vv %s, %s, %s%s" % (op, self.vreg(masked), src(), src(), m)]
        if kind == "merge":
            return ["vmerge.vvm %s, %s, %s, v0" % (self.vreg(True), self.vreg(True), self.vreg(True))]
        if kind == "cmp":  # a mask destination may share only a source group's first register */
            s2, s1 = self.vreg(), self.vreg()
            while True:
                d = r.randrange(32)
                if d in (int(s2[1:]), int(s1[1:])) or all(not (g <= d < g + self.vregs) for g in (int(s2[1:]), int(s1[1:]))):
                    break
            if fp_ok and r.random() < 0.4:  # FP compares: .vv and .vf, vmfgt/vmfge .vf only
                op = r.choice(["vmfeq", "vmfle", "vmflt", "vmfne", "vmfgt", "vmfge"])
                form = "vf" if op in ("vmfgt", "vmfge") else r.choice(["vv", "vf"])
            else:
                op = r.choice(self.VCMP)
                form = r.choice(["vv", "vx"] if op in ("vmsltu", "vmslt") else ["vx", "vi"] if op in ("vmsgtu", "vmsgt")
                                else ["vv", "vx", "vi"])
            s1 = s1 if form == "vv" else self.xs() if form == "vx" else self.f() if form == "vf" else \
                str(r.randrange(-16, 16))
            return ["%s.%s v%d, %s, %s%s" % (op, form, d, s2, s1, m)]
        if kind == "mlogic":  # mask logic (unmasked), v0 included
            op = r.choice(["vmand", "vmnand", "vmandn", "vmxor", "vmor", "vmnor", "vmorn", "vmxnor"])
            return ["%s.mm v%d, v%d, v%d" % (op, r.randrange(32), r.randrange(32), r.randrange(32))]
        if kind == "first" and r.random() < 0.3:  # vmsbf/vmsif/vmsof: vd apart from vs2, not v0 under v0.t
            d, s2 = r.randrange(1 if masked else 0, 32), r.randrange(32)
            if d == s2:
                return []
            return ["%s v%d, v%d%s" % (r.choice(["vmsbf.m", "vmsif.m", "vmsof.m"]), d, s2, m)]
        if kind == "first":
            return ["%s %s, v%d%s" % (r.choice(["vfirst.m", "vcpop.m"]), self.xd(),
                                      r.randrange(1, 32) if masked else r.randrange(32), m)]
        if kind == "csr":
            return ["csrr %s, %s" % (self.xd(), r.choice(["vl", "vtype", "vlenb"]))]
        if kind == "red":
            if self.vsew <= 32 and r.random() < 0.2:  # widening sums: vd and vs1 at 2 * SEW
                return ["%s.vs v%d, %s, v%d%s" % (r.choice(["vwredsum", "vwredsumu"]), r.randrange(32), self.vreg(),
                                                  r.randrange(32), m)]
            op = r.choice(["vredsum", "vredand", "vredor", "vredxor", "vredminu", "vredmin", "vredmaxu", "vredmax"] +
                          (["vfredosum", "vfredusum", "vfredmax", "vfredmin"] if fp_ok else []))
            return ["%s.vs v%d, %s, v%d%s" % (op, r.randrange(32), self.vreg(), r.randrange(32), m)]
        if kind == "mv":
            form = r.choice(["v.v %s, %s" % (self.vreg(), self.vreg()), "v.x %s, %s" % (self.vreg(), self.xs()),
                             "v.i %s, %d" % (self.vreg(), r.randrange(-16, 16)), "s.x v%d, %s" % (r.randrange(32), self.xs()), "id.v"])
            if form == "id.v":  # vid.v vd (masked: not v0)
                return ["vid.v %s%s" % (self.vreg(masked), m)]
            return ["vmv." + form]
        if kind == "wide" and self.vsew <= 32 and self.vregs <= 4:  # vd's group twice the sources'
            n = self.vregs
            while True:
                d = r.randrange(0, 32, 2 * n)
                if not (masked and d == 0):
                    break
            def narrow():
                while True:
                    v = r.randrange(0, 32, n)
                    if (v + n <= d or v >= d + 2 * n) and not (masked and v == 0):
                        return "v%d" % v
            op = r.choice(["vwadd", "vwaddu", "vwsub", "vwsubu", "vwmul", "vwmulu", "vwmacc", "vwmaccu"])
            form = r.choice(["vv", "vx"] + (["wv", "wx"] if op in ("vwadd", "vwaddu", "vwsub", "vwsubu") else []))
            s2 = "v%d" % r.randrange(2 * n if masked else 0, 32, 2 * n) if form[0] == "w" else narrow()
            s1 = narrow() if form[1] == "v" else self.xs()
            while form == "wv" and int(s2[1:]) <= int(s1[1:]) < int(s2[1:]) + 2 * n:
                s1 = narrow()  # no register read with two element sizes
            if op.startswith("vwmacc"):
                return ["%s.%s v%d, %s, %s%s" % (op, form, d, s1, s2, m)]
            return ["%s.%s v%d, %s, %s%s" % (op, form, d, s2, s1, m)]
        if kind == "narrow" and self.vsew <= 32 and self.vregs <= 4:  # vs2's group twice vd's
            n = self.vregs
            s2 = r.randrange(2 * n if masked else 0, 32, 2 * n)
            while True:  # vd: vs2's lowest register, or outside its group
                d = r.choice([s2, r.randrange(0, 32, n)])
                if not (masked and d == 0) and (d == s2 or d + n <= s2 or d >= s2 + 2 * n):
                    break
            op, form = r.choice(["vnsrl", "vnsra"]), r.choice(["wx", "wi"])
            s1 = self.xs() if form == "wx" else str(r.randrange(0, 32))
            return ["%s.%s v%d, v%d, %s%s" % (op, form, d, s2, s1, m)]
        if kind == "intx":
            op = r.choice(self.VINT_X)
            d, s2 = self.vreg(masked), src()
            while op in ("vslideup", "vslide1up") and d == s2:  # onto its source: reserved
                d = self.vreg(masked)
            return ["%s.vx %s, %s, %s%s" % (op, d, s2, self.xs(), m)]
        op = r.choice(self.VINT)
        form = r.choice(["vv", "vx", "vi"]) if op in ("vadd", "vand", "vor", "vxor", "vsll", "vsrl", "vsra", "vsaddu", "vsadd") else r.choice(["vv", "vx"])
        s1 = src() if form == "vv" else self.xs() if form == "vx" else str(r.randrange(0, 16) if op in ("vsll", "vsrl", "vsra") else r.randrange(-16, 16))
        return ["%s.%s %s, %s, %s%s" % (op, form, self.vreg(masked), src(), s1, m)]

    def wchain_tail(self, v):
        """After a 32-bit result in v: W operations that read it (rotates, multiplies, adds, a
        sext.w), at times with unrelated work between, then at times a 64-bit use of v."""
        r, out = self.r, []
        for _ in range(r.choice([1, 1, 2, 3])):
            if r.random() < 0.3:
                out.append("xor %s, %s, %s" % (self.xd(), self.xs(), self.xs()))
            d = r.choice([self.xd(), self.xd(), v])
            out.append(r.choice(["addw %s, %s, %s" % (d, v, self.xs()), "mulw %s, %s, %s" % (d, self.xs(), v),
                                 "addiw %s, %s, 0" % (d, v), "slliw %s, %s, %d" % (d, v, r.randrange(32)),
                                 "srliw %s, %s, %d" % (d, v, r.randrange(32)), "subw %s, %s, %s" % (d, self.xs(), v)]))
            if d != v and r.random() < 0.5:
                v = d
        if r.random() < 0.5:
            out.append(r.choice(["add %s, %s, %s", "sltu %s, %s, %s", "xor %s, %s, %s"]) % (self.xd(), v, self.xs()))
        return out

    def insn(self, exclude=()):
        r = self.r
        kind = None
        if self.vector and r.random() < 0.35:
            return self.vinsn(in_loop="amo" in exclude, skippable="vset" in exclude)
        while kind is None or kind in exclude:
            kind = r.choices(["alu", "alui", "shift", "m", "zb", "lui", "mem", "amo", "lrsc", "fp", "fcvt",
                              "fmisc", "fmem", "csr", "branch", "storerun", "loop", "sumload", "copyrun",
                              "shiftrot", "extend", "fault", "wchain", "quiet"],
                             [10, 8, 5, 6, 6, 2, 8, 3, 1, 12, 6, 6, 3, 2, 3, 2, 2, 2, 2, 3, 3, 1, 3, 2])[0]
        if kind == "loop":
            # a counted loop (x31 counts) over straight-line code: the translator keeps it in
            # one block that branches back to itself, with registers allocated across passes;
            # with vectors, often a vector loop: a vsetvli (at the head, or after a scalar
            # instruction) whose vtype the body keeps
            self.label += 1
            body = []
            if self.vector and "vset" not in exclude and r.random() < 0.6:
                if r.random() < 0.3:  # a scalar one: it runs under the previous pass's vtype too
                    self.vector = False
                    body += self.insn(exclude=("branch", "loop", "amo", "lrsc", "mem", "storerun", "fmem", "fault",
                                               "quiet"))
                    self.vector = True
                body += self.vsetvli()
            bounds = [len(body)]  # where an item of the body begins or ends
            for _ in range(r.randrange(3, 14)):
                body += self.insn(exclude=("branch", "loop", "amo", "lrsc", "fault", "quiet"))
                bounds.append(len(body))
            walk = not self.vector and r.random() < 0.4
            if walk:  # a pointer the loop walks (checked once before its head in the translator): gp,
                # which no sequence otherwise uses (saved and restored around each, and not compared)
                step = r.choice([8, 8, 16, -8])
                at = r.choice([0, len(body)])  # not inside another item's instructions
                body[at:at] = [r.choice(["ld", "sd", "lw", "lbu"]) + " %s, %d(x3)" % (self.xd(), r.choice([0, 8, -8])),
                               "addi x3, x3, %d" % step]
                bounds = [0] + [b + 2 for b in bounds] if at == 0 else bounds + [len(body)]
            head = ["addi x3, x27, 1000"] if walk else []
            cond = ["beq", "bne", "blt", "bge", "bltu", "bgeu"]
            tail = []
            # (not with vectors: a later item's vtype would depend on the way taken)
            if not self.vector and r.random() < 0.2:
                # an if inside the body (a branch over whole items of it, which then set up no
                # address another uses: not a loop exit)
                self.label += 1
                a, b = sorted(r.sample(bounds, 2)) if len(bounds) > 1 else (bounds[0], bounds[0])
                body[b:b] = ["addi %s, %s, %d" % (self.xd(), self.xs(), self.imm12()), ".Lskip%d:" % self.label]
                body.insert(a, "%s %s, %s, .Lskip%d" % (r.choice(cond), self.xs(), self.xs(), self.label))
            if r.random() < 0.3:
                # an exit in the middle of the body (the translator goes on along the branch's
                # fall-through in one block, the exit a side exit; with vectors after the loop's
                # vsetvli, so that the vtype after the loop is the same either way, and the
                # vector registers the loop keeps in host registers written back there)
                self.label += 1
                body.insert(r.randrange(bounds[0] if self.vector else 0, len(body) + 1),
                            "%s %s, %s, .Lexit%d" % (r.choice(cond), self.xs(), self.xs(), self.label))
                tail = [".Lexit%d:" % self.label]
            self.label += 1
            n = self.label
            if r.random() < 0.3:
                # its test first, reached by a jump, and a backward branch from the body to it
                # (the translator follows that branch into the test: one block, a side exit the
                # other way, and a loop that closes by the test's fall-through)
                return head + ["li x31, %d" % r.randrange(1, 6), "j .Lbody%d" % n, ".Ltest%d:" % n,
                        "beqz x31, .Lout%d" % n, ".Lbody%d:" % n] + body + \
                       ["addi x31, x31, -1", "%s x31, %s, .Ltest%d" % (r.choice(["bge", "bgeu", "bne"]),
                                                                    r.choice(["x0", self.xs()]), n),
                        ".Lout%d:" % n] + tail
            return head + ["li x31, %d" % r.randrange(1, 6), ".Lloop%d:" % n] + body + \
                   ["addi x31, x31, -1", "bnez x31, .Lloop%d" % n] + tail
        if kind == "alu":
            op = r.choice(["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
                           "addw", "subw", "sllw", "srlw", "sraw"])
            return ["%s %s, %s, %s" % (op, self.xd(), self.xs(), self.xs())]
        if kind == "alui":
            op = r.choice(["addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"])
            return ["%s %s, %s, %d" % (op, self.xd(), self.xs(), self.imm12())]
        if kind == "shift":
            op = r.choice(["slli", "srli", "srai", "slliw", "srliw", "sraiw", "rori", "roriw", "slli.uw",
                           "bclri", "bseti", "binvi", "bexti"])
            lim = 32 if op.endswith("w") else 64
            return ["%s %s, %s, %d" % (op, self.xd(), self.xs(), r.randrange(lim))]
        if kind == "m":
            op = r.choice(["mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "mulw", "divw",
                           "divuw", "remw", "remuw"])
            return ["%s %s, %s, %s" % (op, self.xd(), self.xs(), self.xs())]
        if kind == "zb":
            op = r.choice(["add.uw", "sh1add", "sh2add", "sh3add", "sh1add.uw", "sh2add.uw", "sh3add.uw",
                           "andn", "orn", "xnor", "max", "maxu", "min", "minu", "rol", "rolw", "ror", "rorw",
                           "bclr", "bext", "binv", "bset", "clz", "clzw", "ctz", "cpop", "cpopw", "sext.b",
                           "sext.h", "zext.h", "orc.b", "rev8"])
            # ctzw is left out: qemu-riscv64 7.2 miscounts it (tests/guest/zb.c)
            if op in ("clz", "clzw", "ctz", "cpop", "cpopw", "sext.b", "sext.h", "zext.h", "orc.b", "rev8"):
                return ["%s %s, %s" % (op, self.xd(), self.xs())]
            return ["%s %s, %s, %s" % (op, self.xd(), self.xs(), self.xs())]
        if kind == "lui":
            if r.random() < 0.4:  # la and li of 32 bits: the translator makes the sum at once
                d = self.xs()
                first = r.choice(["lui", "auipc"])
                return ["%s %s, %d" % (first, d, r.randrange(1 << 20)),
                        "%s %s, %s, %d" % (r.choice(["addi", "addiw"] if first == "lui" else ["addi"]), d, d,
                                           r.randrange(-2048, 2048))]
            return ["lui %s, %d" % (self.xd(), r.randrange(1 << 20)), "auipc %s, %d" % (self.xd(), r.randrange(1 << 20))][r.randrange(2):][:1]
        if kind == "mem":
            size = r.choice([1, 2, 4, 8])
            off = r.randrange(0, 2040 - 8)
            if r.random() < 0.8:
                off &= ~(size - 1)
            if r.random() < 0.5:
                op = {1: r.choice(["lb", "lbu"]), 2: r.choice(["lh", "lhu"]), 4: r.choice(["lw", "lwu"]), 8: "ld"}[size]
                return ["%s %s, %d(x27)" % (op, self.xd(), off)]
            op = {1: "sb", 2: "sh", 4: "sw", 8: "sd"}[size]
            return ["%s %s, %d(x27)" % (op, self.xs(), off)]
        if kind == "sumload":
            # a table lookup: an index, its scaled sum with the base, a load by it into the same
            # register (one load by an address mode in the translator)
            idx, dst, k = "x%d" % r.choice(XR), "x%d" % r.choice(XR), r.choice([0, 0, 1, 2, 3])
            op = r.choice(["lb", "lbu", "lh", "lhu", "lw", "lwu", "ld"])
            if k and r.random() < 0.4:
                # as gcc writes it where the table lies far from its base: the byte index, an
                # addi of the distance and the load back by it (a movzx and one load)
                far, d = r.randrange(256, 2048), r.randrange(0, 1000)
                return (["andi %s, %s, 255" % (dst, self.xs())] if r.random() < 0.8 else
                        ["andi %s, %s, 127" % (dst, self.xs())]) + \
                       ["slli %s, %s, %d" % (dst, dst, k), "addi %s, %s, %d" % (dst, dst, far),
                        r.choice(["add %s, %s, x27", "add %s, x27, %s"]) % (dst, dst),
                        "%s %s, %d(%s)" % (op, r.choice([dst, dst, "x%d" % r.choice(XR)]), d - far, dst)]
            add = ["sh%dadd %s, %s, x27" % (k, dst, idx)] if k else [r.choice(
                ["add %s, %s, x27" % (dst, idx), "add %s, x27, %s" % (dst, idx)])]
            if k and r.random() < 0.5:  # without Zba: slli then add, the shifted index kept or not
                tmp = r.choice([dst, dst, "x%d" % r.choice(XR)])
                add = ["slli %s, %s, %d" % (tmp, idx, k), r.choice(["add %s, %s, x27", "add %s, x27, %s"]) % (dst, tmp)]
            return ["andi %s, %s, 127" % (idx, self.xs())] + add + \
                   ["%s %s, %d(%s)" % (op, r.choice([dst, dst, "x%d" % r.choice(XR)]), r.randrange(0, 1000), dst)]
        if kind == "extend":
            # zext.w, zext.h and casts written without Zba/Zbb: slli then srli or srai of the same
            # register by the same 32, 48 or 56 (one mov, movzx or movsx in the translator), often
            # of a W operation's result (whose sign extension then need not be made), at times a
            # near miss (another amount, another destination)
            d, out = self.xd(), []
            s = self.xs()
            if r.random() < 0.4:
                out.append("%s %s, %s, %s" % (r.choice(["addw", "subw", "sllw"]), d, self.xs(), self.xs()))
                s = d
            k = r.choice([32, 32, 48, 56, r.randrange(1, 64)])
            k2 = k if r.random() < 0.85 else r.choice([32, 48, 56])
            out += ["slli %s, %s, %d" % (d, s, k),
                    "%s %s, %s, %d" % (r.choice(["srli", "srai"]), d if r.random() < 0.9 else self.xd(), d, k2)]
            return out
        if kind == "shiftrot":
            # a rotate without Zbb: two shifts of one register, or'ed (one ror in the translator),
            # its temporaries often overwritten right after
            w = r.random() < 0.6
            bits = 32 if w else 64
            k = r.randrange(1, bits)
            x, a, b = "x%d" % r.choice(XR), self.xs(), self.xs()
            shifts = ["srli%s %s, %s, %d" % ("w" if w else "", a, x, k), "slli%s %s, %s, %d" % ("w" if w else "", b, x, bits - k)]
            r.shuffle(shifts)
            rot = r.choice([a, b, self.xd()])
            out = shifts + ["or %s, %s, %s" % ((rot,) + ((a, b) if r.random() < 0.5 else (b, a)))]
            for _ in range(r.choice([0, 0, 1, 2, 3, 6, 11])):  # other work scheduled among them, as gcc does
                other = self.insn(exclude=("branch", "loop", "amo", "lrsc", "mem", "storerun", "fmem", "sumload",
                                           "copyrun", "shiftrot", "fp", "fcvt", "fmisc", "csr", "vset", "fault", "quiet"))
                if other:
                    out.insert(r.randrange(1, len(out)), other[0])
            if r.random() < 0.5:
                out.append("addi %s, %s, 1" % (r.choice([a, b]), self.xs()))
            if w and r.random() < 0.5:  # the rotate's next user a 32-bit operation, then others
                out += self.wchain_tail(rot)
            return out
        if kind == "wchain":
            # a hash's chain of 32-bit operations: x * 5 as slliw and addw (the shifted value
            # kept or not), multiplies, each result's next user a W operation (the translator
            # leaves out or puts off the sign extensions), then 64-bit uses of them
            t, x, d = self.xd(), self.xs(), self.xd()
            k = r.choice([1, 2, 3, 3, 4])
            out = ["slliw %s, %s, %d" % (t, x, k),
                   r.choice(["addw %s, %s, %s", "addw %s, %s, %s", "subw %s, %s, %s"]) % (
                       r.choice([d, t]), t, r.choice([x, self.xs()]))]
            if r.random() < 0.5:
                out[1] = "addw %s, %s, %s" % (r.choice([d, t]), r.choice([x, self.xs()]), t)
            return out + self.wchain_tail(out[1].split()[1].rstrip(","))
        if kind == "copyrun":
            # narrow loads that tile 2, 4 or 8 bytes into distinct registers, then stores of them
            # elsewhere (an unaligned word copied byte by byte), in any order, usually in the
            # same layout (one load and one store in the translator)
            size = r.choice([1, 1, 2, 4])
            n = r.choice([k for k in (2, 4, 8) if k * size <= 8])
            src, dst = r.randrange(0, 2040 - 8), r.randrange(0, 2040 - 8)
            regs = r.sample(XR, n)
            op = r.choice({1: ["lb", "lbu"], 2: ["lh", "lhu"], 4: ["lw", "lwu"]}[size])
            lorder, sorder = list(range(n)), list(range(n))
            r.shuffle(lorder)
            r.shuffle(sorder)
            where = list(range(n)) if r.random() < 0.85 else r.sample(range(n), n)
            fault = "fault" not in exclude and r.random() < 0.3  # not in loops: x31 counts there
            out = ([self.fault_base()] if fault else []) + \
                  ["%s x%d, %d(x27)" % (op, regs[k], src + k * size) for k in lorder] + \
                  ["%s x%d, %d(x27)" % ({1: "sb", 2: "sh", 4: "sw"}[size], regs[k], dst + where[k] * size)
                   for k in sorder]
            if fault:
                # loads, pure operations, then a load that faults before the loaded registers die:
                # its fault must show them as the copy left them, though the copy's stores may have
                # changed the bytes it loaded
                others = [q for q in XR if q not in regs]
                if r.random() < 0.5:  # b read, then written: a replay from the run would see its new value
                    a, b = r.sample(others, 2)
                    out += ["addi x%d, x%d, 1" % (a, b), "addi x%d, x%d, 3" % (b, b)]
                for _ in range(r.randrange(3)):
                    if r.random() < 0.5:
                        out.append("ld x%d, %d(x27)" % (r.choice(others), r.randrange(0, 2040 - 8) & ~7))
                    else:
                        out.append("addi x%d, %s, %d" % (r.choice(XR), self.xs(), r.randrange(-8, 8)))
                out.append("%s x%d, %d(x31)" % (r.choice(["ld", "lw", "lbu"]), r.choice(XR), self.fault_offset()))
                dying = regs
            else:
                dying = [regs[k] for k in r.sample(range(n), r.choice([0, 1, n]))]  # loaded registers that die at once
            for q in dying:
                out.append("addi x%d, %s, %d" % (q, self.xs(), r.randrange(-8, 8)))
            return out
        if kind == "storerun":
            # narrow stores that tile 2, 4 or 8 bytes in any order (an unaligned word copied
            # through the stack), often read back whole
            size = r.choice([1, 1, 2, 4])
            n = r.choice([k for k in (2, 4, 8) if k * size <= 8])
            off = r.randrange(0, 2040 - 8)
            order = list(range(n))
            r.shuffle(order)
            op = {1: "sb", 2: "sh", 4: "sw"}[size]
            out = ["%s %s, %d(x27)" % (op, "x0" if r.random() < 0.1 else self.xs(), off + k * size) for k in order]
            if r.random() < 0.7:
                load = {2: "lh", 4: "lw", 8: "ld"}[n * size]
                out.append("%s %s, %d(x27)" % (load, self.xd(), off))
            return out
        if kind == "amo":
            w = r.choice(["w", "d"])
            off = r.randrange(0, 2040 - 8) & ~(7 if w == "d" else 3)
            op = r.choice(["amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"])
            order = r.choice(["", ".aq", ".rl", ".aqrl"])
            return ["addi x31, x27, %d" % off, "%s.%s%s %s, %s, (x31)" % (op, w, order, self.xd(), self.xs())]
        if kind == "lrsc":
            w = r.choice(["w", "d"])
            off = r.randrange(0, 2040 - 8) & ~(7 if w == "d" else 3)
            mid = [] if r.random() < 0.5 else ["addi %s, %s, 1" % (self.xd(), self.xs())]
            return ["addi x31, x27, %d" % off, "lr.%s %s, (x31)" % (w, self.xd())] + mid + \
                   ["sc.%s %s, %s, (x31)" % (w, self.xd(), self.xs())]
        if kind == "fp":
            p = r.choice(["s", "d"])
            op = r.choice(["fadd", "fsub", "fmul", "fdiv", "fsqrt", "fmadd", "fmsub", "fnmsub", "fnmadd"])
            rm = self.rm()
            if op == "fsqrt":
                return ["fsqrt.%s %s, %s, %s" % (p, self.f(), self.f(), rm)]
            if op.startswith("fm") and op not in ("fmul",) or op.startswith("fn"):
                return ["%s.%s %s, %s, %s, %s, %s" % (op, p, self.f(), self.f(), self.f(), self.f(), rm)]
            return ["%s.%s %s, %s, %s, %s" % (op, p, self.f(), self.f(), self.f(), rm)]
        if kind == "fcvt":
            rm = self.rm()
            c = r.choice(["w.s", "wu.s", "l.s", "lu.s", "w.d", "wu.d", "l.d", "lu.d", "s.w", "s.wu", "s.l", "s.lu",
                          "d.w", "d.wu", "d.l", "d.lu", "s.d", "d.s"])
            dst, src = c.split(".")
            if dst in ("w", "wu", "l", "lu"):
                return ["fcvt.%s %s, %s, %s" % (c, self.xd(), self.f(), rm)]
            if src in ("w", "wu", "l", "lu"):
                if c in ("d.w", "d.wu"):
                    return ["fcvt.%s %s, %s" % (c, self.f(), self.xs())]
                return ["fcvt.%s %s, %s, %s" % (c, self.f(), self.xs(), rm)]
            if c == "d.s":
                return ["fcvt.d.s %s, %s" % (self.f(), self.f())]
            return ["fcvt.s.d %s, %s, %s" % (self.f(), self.f(), rm)]
        if kind == "fmisc":
            p = r.choice(["s", "d"])
            op = r.choice(["fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax", "feq", "flt", "fle", "fclass", "fmvx", "fmvf"])
            if op in ("feq", "flt", "fle"):
                return ["%s.%s %s, %s, %s" % (op, p, self.xd(), self.f(), self.f())]
            if op == "fclass":
                return ["fclass.%s %s, %s" % (p, self.xd(), self.f())]
            if op == "fmvx":
                return ["fmv.x.%s %s, %s" % ("w" if p == "s" else "d", self.xd(), self.f())]
            if op == "fmvf":
                return ["fmv.%s.x %s, %s" % ("w" if p == "s" else "d", self.f(), self.xs())]
            return ["%s.%s %s, %s, %s" % (op, p, self.f(), self.f(), self.f())]
        if kind == "quiet":
            # C's isless before a sqrt: frflags a; flt b; fsflags a; bnez b, then a way that
            # writes a before reading it: FP arithmetic (raising flags), integer work, loads of
            # the scratch area and one that faults, where an exit must still show a as frflags
            # read it
            a, b = r.sample(XR, 2)
            others = ["x%d" % k for k in XR if k != a]  # x() is shadowed in this method
            self.label += 1
            out = [self.fault_base(), "fsflagsi %d" % r.choice([0, 0, r.randrange(32)])]
            f1, f2, p = self.f(), self.f(), r.choice("dds")
            if r.random() < 0.5:  # a host rounding mode and 0 < 0: the way runs, and in line
                out += ["fsrmi x0, %d" % r.randrange(4), "fmv.%s.x %s, x0" % ("w" if p == "s" else "d", f1)]
                f2 = f1
            out += ["frflags %s" % "x%d" % a,
                    "%s.%s %s, %s, %s" % (r.choice(["flt", "fle"]), p, "x%d" % b, f1, f2),
                    "fsflags %s" % "x%d" % a, "bnez %s, .Lskip%d" % ("x%d" % b, self.label)]
            for _ in range(r.randrange(1, 6)):
                out.append(r.choice([
                    "%s.d %s, %s, %s" % (r.choice(["fadd", "fsub", "fmul", "fdiv"]), self.f(), self.f(), self.f()),
                    "fsqrt.d %s, %s" % (self.f(), self.f()),
                    "addi %s, %s, %d" % (r.choice(others), r.choice(others), r.randrange(-2048, 2048)),
                    "fld %s, %d(x27)" % (self.f(), r.randrange(0, 2032) & ~7),
                    "ld %s, %d(x27)" % (r.choice(others), r.randrange(0, 2032) & ~7),
                    "lw %s, %d(x31)" % (r.choice(others), self.fault_offset() & ~3)]))
            return out + ["addi %s, %s, 1" % ("x%d" % a, r.choice(others)), ".Lskip%d:" % self.label]
        if kind == "fault":
            # an access below every emulator's first mapping, in the middle of the work: the
            # harness's SIGSEGV handler hashes the registers the fault shows and skips it
            base, off = self.fault_base(), self.fault_offset()
            op = r.choice(["lb", "lhu", "lw", "ld", "sb", "sh", "sw", "sd", "fld", "flw", "fsd", "fsw"])
            reg = self.f() if op[0] == "f" else self.xd() if op[0] == "l" else self.xs()
            return [base, "%s %s, %d(x31)" % (op, reg, off)]
        if kind == "fmem":
            p = r.choice(["w", "d"])
            off = r.randrange(0, 2040 - 8) & ~(3 if p == "w" else 7)
            if r.random() < 0.5:
                return ["fl%s %s, %d(x27)" % (p, self.f(), off)]
            return ["fs%s %s, %d(x27)" % (p, self.f(), off)]
        if kind == "csr":
            return [r.choice(["frflags %s" % self.xd(), "fsflags %s, %s" % (self.xd(), self.xs()),
                              "fsrmi %s, %d" % (self.xd(), r.randrange(5)), "frrm %s" % self.xd(),
                              "frcsr %s" % self.xd(), "fsflagsi %d" % r.randrange(32)])]
        # forward branch over the next one or two instructions
        self.label += 1
        op = r.choice(["beq", "bne", "blt", "bge", "bltu", "bgeu"])
        body = self.insn(exclude=("vset",)) if r.random() < 0.7 else []
        a, b = ("x0" if r.random() < 0.15 else self.xs() for _ in range(2))  # bgtz, blez, bnez...
        return ["%s %s, %s, .Lskip%d" % (op, a, b, self.label)] + \
               [b for b in body if not b.startswith("b")] + [".Lskip%d:" % self.label]

def xval(r):
    return r.choice(SPECIAL) if r.random() < 0.3 else r.getrandbits(64)

def fval(r):
    if r.random() < 0.5:
        v = r.choice(FSPECIAL_S) if r.random() < 0.5 else r.getrandbits(32)
        sgn = 0x80000000 if r.random() < 0.3 else 0
        box = 0xffffffff00000000 if r.random() < 0.95 else r.getrandbits(32) << 32
        return box | (v ^ sgn)
    v = r.choice(FSPECIAL_D) if r.random() < 0.5 else r.getrandbits(64)
    return v ^ ((1 << 63) if r.random() < 0.3 else 0)

VLENB = 16  # vector sequences run with VLEN 128

def program(seed, nseqs, length, vector=False, runs=1):
    r = random.Random(seed)
    g = Gen(r, vector)
    out = ["#include <signal.h>", "#include <stdint.h>", "#include <stdio.h>", "#include <string.h>",
           "#include <sys/time.h>", "#include <ucontext.h>", "",
           "struct state { uint64_t x[32], f[32], fcsr, mem, vcsr[3]; uint8_t v[%d]; };" % (32 * VLENB),
           "static uint8_t mem[4096] __attribute__((aligned(64)));"]
    asm = [".text"]
    quiet = []
    for s in range(nseqs):
        asm += [".globl seq%d" % s, "seq%d:" % s,
                "addi sp, sp, -224"]
        asm += ["sd x%d, %d(sp)" % (reg, 8 * i) for i, reg in enumerate([1, 3, 4, 8, 9] + list(range(18, 28)))]
        asm += ["fsd f%d, %d(sp)" % (reg, 120 + 8 * i) for i, reg in enumerate([8, 9] + list(range(18, 28)))]
        asm += ["mv x31, a0", "ld x27, %d(x31)" % (8 * 65), "ld t0, %d(x31)" % (8 * 64), "fscsr t0"]
        asm += ["fld f%d, %d(x31)" % (i, 8 * (32 + i)) for i in range(32)]
        if vector:  # the vector registers from the state (whole-register loads need no vtype)
            asm += ["addi t1, x31, %d" % (8 * 69)]
            for k in range(4):
                asm += ["vl8re8.v v%d, (t1)" % (8 * k), "addi t1, t1, %d" % (8 * VLENB)]
        asm += ["ld x%d, %d(x31)" % (i, 8 * i) for i in XR]
        g.vsew = None
        body = []
        for _ in range(length):
            body += g.insn()
        asm += body
        # a signal between LR and SC may make the SC fail (Linux drops the reservation on a
        # trap): such a sequence runs with the timer's signal blocked
        quiet.append(any(l.startswith("lr.") for l in body))
        asm += ["ld x31, 0(sp)"]  # placeholder replaced below
        asm.pop()
        # the state pointer went into x31 and may have been overwritten: it is saved below sp
        asm += ["ld x31, 216(sp)"]
        asm += ["sd x%d, %d(x31)" % (i, 8 * i) for i in XR]
        asm += ["fsd f%d, %d(x31)" % (i, 8 * (32 + i)) for i in range(32)]
        asm += ["frcsr t0", "sd t0, %d(x31)" % (8 * 64)]
        if vector:
            asm += ["csrr t0, vl", "sd t0, %d(x31)" % (8 * 66), "csrr t0, vtype", "sd t0, %d(x31)" % (8 * 67),
                    "csrr t0, vcsr", "sd t0, %d(x31)" % (8 * 68), "addi t1, x31, %d" % (8 * 69)]
            for k in range(4):
                asm += ["vs8r.v v%d, (t1)" % (8 * k), "addi t1, t1, %d" % (8 * VLENB)]
        asm += ["ld x%d, %d(sp)" % (reg, 8 * i) for i, reg in enumerate([1, 3, 4, 8, 9] + list(range(18, 28)))]
        asm += ["fld f%d, %d(sp)" % (reg, 120 + 8 * i) for i, reg in enumerate([8, 9] + list(range(18, 28)))]
        asm += ["addi sp, sp, 224", "ret"]
        # keep the state pointer on the frame: insert right after the frame is made
        i = asm.index("seq%d:" % s) + 2
        asm.insert(i, "sd a0, 216(sp)")
    out.append("__asm__(\n%s\n);" % "\n".join('"%s\\n"' % a for a in asm))
    out += ["void seq%d(struct state *);" % s for s in range(nseqs)]
    out.append("static void (*const seqs[])(struct state *) = {%s};" % ", ".join("seq%d" % s for s in range(nseqs)))
    inits = []
    for s in range(nseqs * runs):
        xsv = [xval(r) for _ in range(32)]
        fsv = [fval(r) for _ in range(32)]
        inits.append("{{%s}, {%s}, %d}" % (", ".join("0x%xull" % v for v in xsv), ", ".join("0x%xull" % v for v in fsv),
                                           r.randrange(5) << 5))
    out.append("static const struct state init[] = {\n%s\n};" % ",\n".join(inits))
    out.append("static const unsigned char quiet[] = {%s};" % ", ".join(str(int(q)) for q in quiet))
    out.append("#define VECTOR %d" % int(vector))
    out.append("#define RUNS %d" % runs)
    out.append("""
/* A fault's registers as the signal frame shows them (not sp, gp, tp, x27 and x31: addresses),
 * hashed; the access is skipped. */
static volatile uint64_t faults, fault_hash;
static volatile unsigned long ticks;

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t h = fault_hash ^ 0x9e3779b97f4a7c15ull, pc = uc->uc_mcontext.__gregs[0];
	for (unsigned i = 1; i < 32; i++)
		h = (h ^ (i == 2 || i == 3 || i == 4 || i == 27 || i == 31 ? 0 : uc->uc_mcontext.__gregs[i])) *
		    0x100000001b3ull;
	for (unsigned i = 0; i < 32; i++)
		h = (h ^ uc->uc_mcontext.__fpregs.__d.__f[i]) * 0x100000001b3ull;
	fault_hash = (h ^ uc->uc_mcontext.__fpregs.__d.__fcsr ^ (uint64_t)(uintptr_t)si->si_addr) * 0x100000001b3ull;
	faults++;
	uc->uc_mcontext.__gregs[0] = pc + ((*(uint16_t *)(uintptr_t)pc & 3) == 3 ? 4 : 2);
	(void)sig;
}

/* a timer signal arriving anywhere, loops included, must change nothing */
static void on_tick(int sig)
{
	ticks++;
	(void)sig;
}

int main(void)
{
	unsigned s, i;
	struct sigaction sa;
	struct itimerval every = {{0, 200}, {0, 200}};
	sigset_t alarm;
	sigemptyset(&alarm);
	sigaddset(&alarm, SIGALRM);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaddset(&sa.sa_mask, SIGALRM);
	sigaction(SIGSEGV, &sa, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_tick;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &every, NULL);
	for (unsigned n = 0; n < RUNS * sizeof seqs / sizeof seqs[0]; n++) {
		struct state st = init[n];
		uint64_t h = 0xcbf29ce484222325ull;
		s = n / RUNS;
		faults = fault_hash = 0;
		for (i = 0; i < sizeof mem; i++)
			mem[i] = (uint8_t)(i * 167 + s * 13 + n % RUNS * 71 + (i >> 5));
		st.mem = (uint64_t)(uintptr_t)mem;
		sigprocmask(quiet[s] ? SIG_BLOCK : SIG_UNBLOCK, &alarm, NULL);
		seqs[s](&st);
		sigprocmask(SIG_BLOCK, &alarm, NULL); /* not in stdio */
		if (RUNS > 1)
			printf("seq %u run %u:", s, n % RUNS);
		else
			printf("seq %u:", s);
		for (i = 0; i < 32; i++)
			printf(" %llx", (unsigned long long)(i == 2 || i == 3 || i == 4 || i == 27 || i == 31 ? 0 : st.x[i]));
		for (i = 0; i < 32; i++)
			printf(" %llx", (unsigned long long)st.f[i]);
		for (i = 0; i < sizeof mem; i++)
			h = (h ^ mem[i]) * 0x100000001b3ull;
		printf(" fcsr %llx mem %016llx faults %llu %016llx", (unsigned long long)st.fcsr, (unsigned long long)h,
		       (unsigned long long)faults, (unsigned long long)fault_hash);
		if (VECTOR) {
			h = 0xcbf29ce484222325ull;
			for (i = 0; i < sizeof st.v; i++)
				h = (h ^ st.v[i]) * 0x100000001b3ull;
			printf(" vl %llu vtype %llx vcsr %llx v %016llx", (unsigned long long)st.vcsr[0],
			       (unsigned long long)st.vcsr[1], (unsigned long long)st.vcsr[2], (unsigned long long)h);
		}
		printf("\\n");
	}
	return 0;
}
""")
    return "\n".join(out)

def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--programs", type=int, default=4)
    ap.add_argument("--seqs", type=int, default=250)
    ap.add_argument("--length", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "out", "diff"))
    ap.add_argument("--rvx", default=os.path.join(ROOT, "build", "rvx"))
    ap.add_argument("--vector", action="store_true")
    # each sequence runs twice, from two states; the translator also runs with its default
    # profiling tier shortened to one interpreted run, so that the second run's blocks are
    # translated along the ways the first run took (forward branches that fell through run on
    # in one block) and then go other ways (side exits)
    ap.add_argument("--twice", action="store_true")
    o = ap.parse_args()
    os.makedirs(o.out, exist_ok=True)
    qemu = [shutil.which("qemu-riscv64")] if shutil.which("qemu-riscv64") else None
    march = "rv64gc_zba_zbb_zbs"
    if o.vector:
        march = "rv64gcv_zba_zbb_zbs"
        q10 = subprocess.run([os.path.join(ROOT, "tests", "oracle", "qemu10")], capture_output=True, text=True)
        qemu = [q10.stdout.strip(), "-cpu", "rva23u64"] if q10.returncode == 0 else None
    failures = 0
    for p in range(o.programs):
        seed = o.seed * 100003 + p
        src = os.path.join(o.out, "diff-%d.c" % seed)
        exe = src[:-2]
        open(src, "w").write(program(seed, o.seqs, o.length, o.vector, 2 if o.twice else 1))
        b = subprocess.run(["riscv64-linux-gnu-gcc", "-O1", "-static", "-march=" + march, "-o", exe, src],
                           capture_output=True, text=True)
        if b.returncode:
            print("FAIL diff-%d: does not build: %s" % (seed, b.stderr[:400]))
            failures += 1
            continue
        outs = {}
        profiled = [("jit-profiled", [o.rvx, "--engine", "jit", "--translate-after", "2", exe])] if o.twice else []
        for name, cmd in [("jit", [o.rvx, "--engine", "jit", "--translate-after", "1", exe]), ("interp", [o.rvx, "--engine", "interp", exe])] + \
                         profiled + ([("qemu", qemu + [exe])] if qemu else []):
            outs[name] = run(cmd)
        ref = outs["interp"]
        bad = []
        for name, res in outs.items():
            if res[0] != 0:
                bad.append("%s exited %d: %s" % (name, res[0], res[2][:200]))
            elif res[1] != ref[1]:
                a, c = res[1].splitlines(), ref[1].splitlines()
                k = next(i for i in range(min(len(a), len(c)) + 1) if i >= min(len(a), len(c)) or a[i] != c[i])
                bad.append("%s differs from the interpreter at %s" % (name, (a[k] if k < len(a) else "<end>").split(":")[0]))
        if bad:
            failures += 1
            print("FAIL diff-%d (%d sequences): %s; reproduce: %s" % (seed, o.seqs, "; ".join(bad), exe))
        else:
            print("PASS diff-%d (%d sequences x %d instructions%s, jit = interp = %s)" % (
                seed, o.seqs, o.length, ", each run twice" if o.twice else "", "qemu" if qemu else "no qemu"))
            os.remove(exe)
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())
