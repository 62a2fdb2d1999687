# The -L path rule (README, "Paths under -L"): the root's files by their guest names, chroot-like
# resolution of absolute symlinks inside the root, / and getcwd and /proc/self/exe in guest
# names, /tmp the host's.
# expect-only: qemu-riscv64 lists / from the root but leaves chdir, getcwd and /proc/self/exe on the host
echo "from the host" > "$WORK/host-file"
ROOT=$ROOT $RUN /usr/bin/python3 -c '
import os, sys
def check(name, ok):
    print(name, "ok" if ok else "WRONG")
check("root listing", sorted(os.listdir("/")) == sorted(os.listdir(os.environ["ROOT"])))
check("absolute symlink in the root", open("/usr/lib/ssl/openssl.cnf").read() == open("/etc/ssl/openssl.cnf").read()
      and os.readlink("/usr/lib/ssl/openssl.cnf") == "/etc/ssl/openssl.cnf")
check("merged /usr", os.path.exists("/lib/ld-linux-riscv64-lp64d.so.1") and os.path.realpath("/bin/sh") == "/usr/bin/dash")
check("program names", sys.executable == "/usr/bin/python3" and os.readlink("/proc/self/exe") == "/usr/bin/python3.13")
os.chdir("/usr/lib")
check("chdir and getcwd", os.getcwd() == "/usr/lib" and os.path.exists("riscv64-linux-gnu/libc.so.6"))
check("dotdot stays in the root", os.path.realpath("/../../usr") == "/usr" and os.path.exists("/../../usr/bin/perl"))
check("host /tmp", open(sys.argv[1]).read() == "from the host\n")
check("lstat of a symlink", os.path.islink("/usr/bin/python3") and not os.path.islink("/usr/bin/python3.13"))
' "$WORK/host-file"
