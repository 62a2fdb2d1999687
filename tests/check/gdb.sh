# The gdb stub (-g): gdb-multiarch in batch mode drives guest programs under both engines
# (breakpoints, steps, finish/next, registers and memory written, FP and vector state, watchpoints, threads,
# signals stopped on, passed and dropped, a fatal fault, the exit status, PIE with shared
# libraries, Ctrl-C, detach and kill); the same sessions under qemu-riscv64 -g give the same
# transcript where QEMU supports them; a protocol client checks what gdb 13 cannot drive on
# RISC-V (catch syscall) and the answers to malformed packets. Prints PASS/FAIL lines.
set -u
T=$OUT/gdb
mkdir -p "$T"
CC=${GUEST_CC:-riscv64-linux-gnu-gcc}
SRC=tests/gdb
GDB=$(command -v gdb-multiarch || true)

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

if [ -z "$GDB" ]; then
	fail gdb-client "gdb-multiarch is not installed (scripts/install-deps installs it)"
	exit 0
fi
$CC -O1 -g -static -march=rv64gcv -o "$T/vector" $SRC/vector.c 2>"$T/build.log" &&
	$CC -O1 -g -static -pthread -o "$T/target" $SRC/target.c 2>>"$T/build.log" &&
	$CC -O1 -g -pthread -o "$T/target-pie" $SRC/target.c 2>>"$T/build.log" ||
	{ fail gdb-build "$(head -3 "$T/build.log")"; exit 0; }

wait_socket() {
	for _ in $(seq 100); do
		[ -S "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# session NAME RUNNER PROG ARG [COMMAND...]: RUNNER (jit, interp or qemu) runs PROG ARG and waits
# for gdb on a socket; gdb runs the commands. Leaves NAME.gdb (gdb's output), NAME.out (the
# program's) and NAME.status. With SIGINT_AFTER=S, gdb gets a SIGINT (Ctrl-C) after S seconds; with
# NOFILE=1, gdb is given neither the program nor a sysroot; RVX_ARGS are more options for rvx.
session() {
	local name=$1 runner=$2 prog=$3 arg=$4 sock=$T/$1.sock gdbpid
	shift 4
	local args=()
	for c in "$@"; do args+=(-ex "$c"); done
	rm -f "$sock"
	if [ "$runner" = qemu ]; then
		(timeout 60 "$QEMU" -g "$sock" "$prog" $arg >"$T/$name.out" 2>&1; echo $? >"$T/$name.status") 2>/dev/null &
	elif [ "${runner%-*}" = cluster ]; then # 2 ranks: threads 1, 2 and 3 on rank 1
		(OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 timeout -k 5 60 mpirun -np 2 --oversubscribe \
			--bind-to none --mca pml ob1 --mca btl self,vader --mca mpi_yield_when_idle 1 "$RVX" --cluster \
			--cluster-place 1,1,1 --engine "${runner#cluster-}" -d cluster ${RVX_ARGS:-} -g "unix:$sock" \
			"$prog" $arg >"$T/$name.out" 2>&1
			echo $? >"$T/$name.status") 2>/dev/null &
	else
		(timeout 60 "$RVX" --engine "$runner" ${RVX_ARGS:-} -g "unix:$sock" "$prog" $arg >"$T/$name.out" 2>&1
			echo $? >"$T/$name.status") 2>/dev/null &
	fi
	if ! wait_socket "$sock"; then
		echo "no socket" >"$T/$name.gdb"
		wait
		return
	fi
	# not under timeout(1), which would take the SIGINT meant for gdb: a watchdog instead
	local setup=(-ex "set sysroot $SYSROOT" -ex "file $prog")
	[ -n "${NOFILE:-}" ] && setup=() # gdb reads the program and libraries through the stub
	"$GDB" -q -batch -nx -ex "set confirm off" "${setup[@]}" -ex "target remote $sock" "${args[@]}" \
		>"$T/$name.gdb" 2>&1 </dev/null &
	gdbpid=$!
	(sleep 90 && kill -KILL $gdbpid) 2>/dev/null &
	watchdog=$!
	if [ -n "${SIGINT_AFTER:-}" ]; then
		sleep "$SIGINT_AFTER"
		kill -INT $gdbpid
	fi
	wait $gdbpid
	kill $watchdog 2>/dev/null
	wait
}

# expect NAME TEST WHAT...: each WHAT is a line fragment gdb printed (or "out:TEXT" the program
# printed, "status:N" its exit status, "!TEXT" something gdb must not print)
expect() {
	local name=$1 test=$2 w
	shift 2
	for w in "$@"; do
		case $w in
		out:*) grep -qF -- "${w#out:}" "$T/$name.out" ||
			{ fail "$test" "the program did not print '${w#out:}': $(head -c 300 "$T/$name.out")"; return; } ;;
		status:*) [ "$(cat "$T/$name.status" 2>/dev/null)" = "${w#status:}" ] ||
			{ fail "$test" "exit status $(cat "$T/$name.status" 2>/dev/null), wanted ${w#status:}"; return; } ;;
		!*) ! grep -qF -- "${w#!}" "$T/$name.gdb" ||
			{ fail "$test" "gdb printed '${w#!}'"; return; } ;;
		*) grep -qF -- "$w" "$T/$name.gdb" ||
			{ fail "$test" "gdb did not print '$w': $(tr '\n' '|' <"$T/$name.gdb" | tail -c 600)"; return; } ;;
		esac
	done
	pass "$test"
}

P=$T/target
for e in jit interp; do
	session break-$e $e "$P" calls "break leaf" "continue" "bt" "continue" "info registers a0" "delete" "continue"
	expect break-$e gdb-break-$e "Breakpoint 1, leaf (x=x@entry=0)" "in middle (x=x@entry=0)" "in main (" \
		"Breakpoint 1, leaf (x=x@entry=1)" "a0             0x1" "exited normally" "out:sum 45 counter 45" status:0

	session step-$e $e "$P" calls "break leaf" "continue" "stepi" "stepi" "info registers pc" "finish" "next" "next"
	expect step-$e gdb-step-$e "<leaf+6>" 'Value returned is $1 = 1' "	counter += r;" "	return r;"

	# a register and a global written: leaf's argument 0 becomes 100 (returns 301), counter 1000
	session write-$e $e "$P" calls "break leaf" "continue" 'set $a0 = 100' "finish" "set var counter = 1000" \
		"delete" "continue"
	expect write-$e gdb-write-$e 'Value returned is $1 = 301' "out:sum 345 counter 1345" status:0

	session fp-$e $e "$P" fp "break fp_work" "continue" "finish" "info registers fflags frm fcsr" 'p $fa0' \
		'set $frm = 1' 'p $fcsr' 'p $instret > 1000'
	expect fp-$e gdb-fp-$e "fflags         0x1	NV:0 DZ:0 OF:0 UF:0 NX:1" "frm            0x0" \
		"fcsr           0x1" "double = 0.66666666666666663" '$3 = 33' '$4 = 1'

	# the vector state through the target description's vector feature: CSRs, a register by its
	# 32-bit view, an element written (the program stores and prints it), a second VLEN
	session vector-$e $e "$T/vector" "" "break vmark" "continue" 'p $vl' 'p $vlenb' 'p $vtype' 'p $v8.w' \
		'set var $v8.w[0] = 99' 'p $v8.b[4]' "continue"
	expect vector-$e gdb-vector-$e '$1 = 4' '$2 = 16' '$3 = 208' '$4 = {1, 2, 3, 4}' '$5 = 2' \
		"out:99 2 3 4 vl 4" status:0
	RVX_ARGS="-cpu rv64,vlen=256" session vector256-$e $e "$T/vector" "" "break vmark" "continue" 'p $vlenb' \
		'p $v8.w' "continue"
	expect vector256-$e gdb-vector256-$e '$1 = 32' '$2 = {1, 2, 3, 4, 0, 0, 0, 0}' "out:1 2 3 4 vl 4" status:0

	# as on hardware: the store to watched, then its load, then the store and the load of counter
	session watch-$e $e "$P" watch "watch watched" "continue" "info registers pc" "delete" "rwatch watched" \
		"continue" "info registers pc" "delete" "awatch counter" "continue" "info registers pc" "continue" \
		"delete" "continue"
	expect watch-$e gdb-watch-$e "Hardware watchpoint 1: watched" "Old value = 0" "New value = 42" "<touch+10>" \
		"Hardware read watchpoint 2: watched" "Value = 42" "<touch+12>" \
		"Hardware access (read/write) watchpoint 3: counter" "New value = 43" "<touch+16>" "Value = 43" \
		"exited normally" "out:watched 42 counter 43"

	session threads-$e $e "$P" threads "break leaf" "continue" "info threads" "thread 1" "bt 1" \
		"delete" "continue"
	expect threads-$e gdb-threads-$e "hit Breakpoint 1, leaf (x=x@entry=" "  1    Thread " '"worker-' \
		"[Switching to thread 1 " "exited normally" "out:threads counter 594"
	[ "$(grep -cE '^[* ] +[0-9]+ +Thread ' "$T/threads-$e.gdb")" -ge 2 ] && pass gdb-thread-list-$e ||
		fail gdb-thread-list-$e "info threads showed fewer than 2 threads"

	# eight threads reach the breakpoint at once: the stops gdb is not told first are told after
	# it resumes (with swbreak, gdb ignores those at a breakpoint it has deleted meanwhile)
	session crowd-$e $e "$P" crowd "break leaf" "continue" "delete" "continue"
	expect crowd-$e gdb-crowd-$e "hit Breakpoint 1, leaf (x=x@entry=" "exited normally" "out:crowd sum 92"

	# one thread steps while the others stay stopped: they are where they were
	session lockstep-$e $e "$P" threads "break leaf" "continue" "delete" "set scheduler-locking step" \
		"info threads" "next" "next" "next" "info threads" "continue"
	others() { # the rows of the Nth `info threads` table but the current thread's
		awk -v n="$2" '/Target Id/ { t++; next } t == n && /^  +[0-9]+ +Thread / { print }' "$1"
	}
	expect lockstep-$e gdb-lockstep-$e "exited normally" "out:threads counter 594"
	if [ -n "$(others "$T/lockstep-$e.gdb" 1)" ] &&
		[ "$(others "$T/lockstep-$e.gdb" 1)" = "$(others "$T/lockstep-$e.gdb" 2)" ]; then
		pass gdb-lockstep-others-stay-$e
	else
		fail gdb-lockstep-others-stay-$e "other threads moved while one stepped: $(tr '\n' '|' <"$T/lockstep-$e.gdb" | tail -c 500)"
	fi

	session signal-$e $e "$P" signal "continue" "continue"
	expect signal-$e gdb-signal-$e "Program received signal SIGUSR1" "out:signal counter 1010" status:0
	session nopass-$e $e "$P" signal "handle SIGUSR1 nostop noprint nopass" "continue"
	expect nopass-$e gdb-signal-dropped-$e "out:signal counter 0" status:0
	session passed-$e $e "$P" signal "handle SIGUSR1 nostop noprint pass" "continue"
	expect passed-$e gdb-signal-passed-$e "!Program received" "out:signal counter 1010" status:0

	session segv-$e $e "$P" segv "continue" 'p $pc == &main' "continue"
	expect segv-$e gdb-segv-$e "Program received signal SIGSEGV, Segmentation fault." \
		"Program terminated with signal SIGSEGV" status:139

	session exit-$e $e "$P" syscall "continue"
	expect exit-$e gdb-exit-status-$e "exited with code 03" "out:hello" status:3

	session pie-$e $e "$T/target-pie" calls "break leaf" "continue" "info sharedlibrary" "bt" "kill"
	expect pie-$e gdb-pie-$e "Breakpoint 1, leaf (x=x@entry=0)" "libc.so.6" "ld-linux-riscv64-lp64d.so.1" \
		"in main (" "killed" status:0

	NOFILE=1 session hostio-$e $e "$T/target-pie" calls "break leaf" "continue" "info sharedlibrary" "bt"
	expect hostio-$e gdb-host-io-$e "Breakpoint 1, leaf (x=x@entry=0)" "target:/lib/libc.so.6" \
		"target:/lib/ld-linux-riscv64-lp64d.so.1" "in main ("

	SIGINT_AFTER=3 session interrupt-$e $e "$P" spin "continue" 'p counter > 1000' "kill"
	expect interrupt-$e gdb-interrupt-$e "Program received signal SIGINT, Interrupt." '$1 = 1' status:0

	# posix_spawn (vfork, exec): the child runs its own leaf() undebugged
	session spawn-$e $e "$P" spawn "break leaf" "continue"
	expect spawn-$e gdb-spawn-$e "exited normally" "!Breakpoint 1, leaf" "out:sum 45 counter 45" "out:spawned 0" status:0

	# with a plugin loaded (its interpreter path and its translations stop at breakpoints too)
	RVX_ARGS="-d plugin -plugin $(dirname "$RVX")/plugins/libinsn.so" session plugin-$e $e "$P" calls \
		"break leaf" "continue" "continue" "delete" "continue"
	expect plugin-$e gdb-with-plugin-$e "Breakpoint 1, leaf (x=x@entry=0)" "Breakpoint 1, leaf (x=x@entry=1)" \
		"exited normally" "out:sum 45 counter 45" "out:total insns: " status:0

	session detach-$e $e "$P" calls "break leaf" "continue" "detach"
	expect detach-$e gdb-detach-$e "detached" "out:sum 45 counter 45" status:0
done

# Cluster mode (2 ranks): the stub at the master, the workers on rank 1. A thread comes to the
# master for gdb (its breakpoint, its signal, a stop of all) and goes back when gdb lets it run;
# one blocked in a syscall the master runs for it is seen where it waits. The sanitizer tier
# builds no rvx-mpi: cluster mode is tested in the main one (and cluster.sh fails without it).
R=$T/ranks
if [ -x "$(dirname "$RVX")/rvx-mpi" ] && command -v mpirun >/dev/null &&
	$CC -O1 -g -static -pthread -o "$R" $SRC/ranks.c 2>>"$T/build.log"; then
	leaf=$(riscv64-linux-gnu-nm "$R" | sed -n 's/^0*\([0-9a-f]*\) T leaf$/\1/p')
	for e in jit interp; do
		cl=cluster-$e
		session ranks-break-$e $cl "$R" calls "break leaf" "continue" "info threads" "bt" "continue" "delete" \
			"continue"
		expect ranks-break-$e gdb-cluster-break-$e "hit Breakpoint 1, leaf (x=x@entry=" '"worker-' \
			"in worker (arg=" "exited normally" "out:calls total 594" \
			"out:moves from rank 1 to rank 0 at pc 0x$leaf" "out:moves from rank 0 to rank 1 at pc 0x$leaf" status:0

		session ranks-step-$e $cl "$R" one "break leaf" "continue" "stepi" "stepi" "info registers pc" "finish" \
			"next" "continue"
		expect ranks-step-$e gdb-cluster-step-$e '"one-1" hit Breakpoint 1' "<leaf+6>" 'Value returned is $1 = 16' \
			"__atomic_add_fetch(&total, r, __ATOMIC_SEQ_CST);" "out:one total 18" status:0

		SIGINT_AFTER=3 session ranks-interrupt-$e $cl "$R" spin "continue" "info threads" \
			"p spins[1] > 0 && spins[2] > 0" "kill"
		expect ranks-interrupt-$e gdb-cluster-interrupt-$e "received signal SIGINT, Interrupt." \
			'"spinner-1" ' '"spinner-2" ' "spinner (arg=" '$1 = 1' "out:moves from rank 1 to rank 0" \
			"out:rvx: terminated by gdb" status:0
	done
	cl=cluster-jit
	# leaf's argument 5 becomes 100 in a thread of rank 1: it returns 301, the sum is 303
	session ranks-write $cl "$R" one "break leaf" "continue" 'set $a0 = 100' "finish" "continue"
	expect ranks-write gdb-cluster-write-register 'Value returned is $1 = 301' "out:one total 303" status:0
	# the waiter blocks in pthread_cond_wait on rank 1 (its futex wait runs at the master) while the
	# main thread stops at the breakpoint: gdb sees where it waits
	session ranks-wait $cl "$R" wait "break leaf" "continue" "info threads" "thread 2" "bt" "delete" "continue"
	expect ranks-wait gdb-cluster-blocked-thread "leaf (x=x@entry=2)" '"waiter-1"' "in pthread_cond_wait" \
		"in waiter (arg=" "exited normally" "out:wait total 33" status:0
	# a signal for a thread of rank 1 (pthread_kill): reported in that thread, then its handler runs
	session ranks-usr1 $cl "$R" usr1 "continue" "info threads" "continue"
	expect ranks-usr1 gdb-cluster-thread-signal '"signalled-1" received signal SIGUSR1' "signalled (arg=" \
		"exited normally" "out:usr1 total 12" "out:moves from rank 1 to rank 0" status:0
	session ranks-segv $cl "$R" segv "continue" "bt 1" "continue"
	expect ranks-segv gdb-cluster-signal '"faulter-1" received signal SIGSEGV' "in faulter (arg=" \
		"terminated with signal SIGSEGV" "out:moves from rank 1 to rank 0" status:139
	# a watchpoint set once the workers stopped: they stay at the master while it is set (only the
	# master checks it), and go back to rank 1 once it is gone
	session ranks-watch $cl "$R" calls "break leaf" "continue" "watch total" "delete 1" "continue" "continue" \
		"delete" "continue"
	expect ranks-watch gdb-cluster-watch "Hardware watchpoint 2: total" "Old value = " "New value = " \
		"exited normally" "out:calls total 594" status:0
	session ranks-detach $cl "$R" calls "break leaf" "continue" "detach"
	expect ranks-detach gdb-cluster-detach "hit Breakpoint 1, leaf (x=x@entry=" "detached" "out:calls total 594" \
		status:0
fi

# The same sessions under qemu-riscv64's stub give the same transcript (QEMU 7.2 has no
# watchpoints in user mode; its thread and process names differ, and its stack is elsewhere)
normalise() { sed -E -e 's/\(process [0-9]+\)/(X)/; s/\(Remote target\)/(X)/; s/argv=0x[0-9a-f]+/argv=STACK/' "$1"; }
if [ -n "$QEMU" ]; then
	for s in "break calls|break leaf|continue|bt|continue|info registers a0|delete|continue" \
		"step calls|break leaf|continue|stepi|stepi|info registers pc|finish|next|next" \
		"write calls|break leaf|continue|set \$a0 = 100|finish|set var counter = 1000|delete|continue" \
		"signal signal|continue|continue" "segv segv|continue|continue" "exit syscall|continue"; do
		IFS='|' read -r -a cmd <<<"$s"
		set -- ${cmd[0]}
		session q-$1 qemu "$P" $2 "${cmd[@]:1}"
		session r-$1 jit "$P" $2 "${cmd[@]:1}"
		if diff <(normalise "$T/q-$1.gdb") <(normalise "$T/r-$1.gdb") >"$T/$1.diff" &&
			[ "$(cat "$T/q-$1.status")" = "$(cat "$T/r-$1.status")" ]; then
			pass gdb-same-as-qemu-$1
		else
			fail gdb-same-as-qemu-$1 "$(head -c 400 "$T/$1.diff" | tr '\n' '|') status $(cat "$T/q-$1.status") vs $(cat "$T/r-$1.status")"
		fi
	done
fi

# QEMU_GDB and a TCP port
rm -f "$T/env.sock"
(QEMU_GDB=unix:$T/env.sock timeout 60 "$RVX" "$P" calls >"$T/env.out" 2>&1; echo $? >"$T/env.status") &
wait_socket "$T/env.sock" && timeout 60 "$GDB" -q -batch -nx -ex "file $P" -ex "target remote $T/env.sock" \
	-ex "break middle" -ex "continue" >"$T/env.gdb" 2>&1
wait
expect env gdb-qemu-gdb-variable "Breakpoint 1, middle (x=x@entry=0)" status:0
for try in 1 2 3 4 5; do
	port=$((20000 + RANDOM % 20000))
	rm -f "$T/tcp.status"
	(timeout 60 "$RVX" -g $port "$P" calls >"$T/tcp.out" 2>&1; echo $? >"$T/tcp.status") &
	pid=$!
	for _ in $(seq 50); do
		grep -q ":$(printf %04X $port) " /proc/net/tcp 2>/dev/null && break
		[ -s "$T/tcp.status" ] && break
		sleep 0.1
	done
	if [ -s "$T/tcp.status" ]; then # taken: another port
		wait $pid
		continue
	fi
	timeout 60 "$GDB" -q -batch -nx -ex "file $P" -ex "target remote 127.0.0.1:$port" -ex "break leaf" \
		-ex "continue" -ex "continue" >"$T/tcp.gdb" 2>&1
	wait $pid
	break
done
expect tcp gdb-tcp-port "Breakpoint 1, leaf (x=x@entry=1)" status:0

# catch syscall (gdb 13 has no RISC-V syscall support) and malformed packets, over the protocol
for e in jit interp; do
	rm -f "$T/rsp.sock"
	(timeout 60 "$RVX" --engine $e -g "unix:$T/rsp.sock" "$P" syscall >"$T/rsp-$e.out" 2>&1) &
	python3 $SRC/rsp.py "$T/rsp.sock" syscall | sed "s/^\(PASS\|FAIL\) \([^:]*\)/\1 \2-$e/"
	wait
done
rm -f "$T/rsp.sock"
(timeout 60 "$RVX" -g "unix:$T/rsp.sock" "$P" calls >"$T/rsp-bad.out" 2>&1) &
python3 $SRC/rsp.py "$T/rsp.sock" malformed
wait

# refusals: one line, a distinct status
refuse() { # test status args...
	local test=$1 want=$2
	shift 2
	timeout 20 "$RVX" "$@" >"$T/$test.out" 2>&1
	local st=$?
	if [ $st = "$want" ] && [ "$(wc -l <"$T/$test.out")" = 1 ] && grep -q '^rvx: ' "$T/$test.out"; then
		pass "$test"
	else
		fail "$test" "status $st (wanted $want): $(head -c 300 "$T/$test.out")"
	fi
}
refuse gdb-refuse-bad-address 64 -g bogus:x "$P" calls
refuse gdb-refuse-bad-port 64 -g 99999 "$P" calls
refuse gdb-refuse-cannot-listen 75 -g "unix:$T/no-such-dir/sock" "$P" calls
refuse gdb-refuse-missing-value 64 -g
echo x >"$T/not-a-socket"
refuse gdb-refuse-not-a-socket 75 -g "$T/not-a-socket" "$P" calls
[ "$(cat "$T/not-a-socket")" = x ] && pass gdb-leaves-other-files || fail gdb-leaves-other-files "a file at the socket path was removed"
