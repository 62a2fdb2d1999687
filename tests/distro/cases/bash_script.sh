# a bash script: functions, arrays, arithmetic, command substitution (a fork each), pipes
# expect-only: qemu-riscv64 runs no RISC-V program from a guest execve without binfmt_misc
$RUN /bin/bash -c '
fib() { local n=$1; (( n < 2 )) && { echo $n; return; }; echo $(( $(fib $((n-1))) + $(fib $((n-2))) )); }
declare -A h=([one]=1 [two]=2); a=(x y z)
echo "fib10=$(fib 10) ${#a[@]} ${a[1]} ${h[two]} $((2**40))"
for f in /usr/bin/bash /usr/bin/perl; do printf "%s " "$(basename "$f")"; done; echo
echo "$(echo nested $(echo deeper))" | tr a-z A-Z
ls /usr/lib/riscv64-linux-gnu/libc.so.6 && cd /usr/lib && pwd
sh -c "exit 7"; echo "status $?"
'
