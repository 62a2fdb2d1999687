# subprocess (posix_spawn, vfork), execve errors seen by the caller, #! scripts, fexecve
# expect-only: qemu-riscv64 runs no RISC-V program from a guest execve without binfmt_misc
printf '#!/bin/sh -e\necho script: "$@"\n' > "$WORK/s.sh"
chmod +x "$WORK/s.sh"
$RUN /usr/bin/python3 -c '
import subprocess, os, sys
for prog in (["/nonexistent/prog"], ["no-such-program-here"], ["/etc/passwd"]):
    try:
        subprocess.run(prog)
    except OSError as e:
        print(type(e).__name__, e.errno)
print(subprocess.run(["echo", "hi"], capture_output=True).stdout)
print(subprocess.run(["/bin/sh", "-c", "echo $((6*7)); exit 3"], capture_output=True, text=True))
print(subprocess.run([sys.argv[1], "a b", "c"], capture_output=True, text=True).stdout, end="")
print(subprocess.run([sys.executable, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True).stdout, end="")
fd = os.open("/usr/bin/echo", os.O_RDONLY)
pid = os.fork()
if pid == 0:
    os.execve(fd, ["echo", "via fexecve"], {})
print(os.waitpid(pid, 0)[1])
' "$WORK/s.sh"
