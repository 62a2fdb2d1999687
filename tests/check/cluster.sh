# Cluster mode under Open MPI's mpirun: the guest suite's multithreaded programs and the
# cluster's own (tests/cluster) over 2 and 3 ranks, over the TCP and the shared-memory
# transports, each agreeing with qemu-riscv64 (or with rvx on one machine where qemu cannot run
# the program); the refusals of a cluster that cannot start; a rank killed with SIGKILL.
# Prints PASS/FAIL lines for tests/run.
set -u
T=$OUT/cluster
mkdir -p "$T"
RVX_MPI=$(dirname "$RVX")/rvx-mpi
SYSROOT=${SYSROOT:-/usr/riscv64-linux-gnu}
CC=${GUEST_CC:-riscv64-linux-gnu-gcc}
CXX=${GUEST_CXX:-riscv64-linux-gnu-g++}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
if ! command -v mpirun >/dev/null || [ ! -x "$RVX_MPI" ]; then
	echo "FAIL cluster-setup: needs mpirun and $RVX_MPI (Open MPI: scripts/install-deps, then make)"
	exit 0
fi

# mpirun NP BTL ARGS...: one job on this machine, every rank a process, never left behind
mpi() {
	local np=$1 btl=$2
	shift 2
	local b=(--mca btl self,tcp)
	[ "$btl" = vader ] && b=(--mca btl self,vader --mca btl_vader_eager_limit 8192)
	timeout -k 5 120 mpirun -np "$np" --oversubscribe --bind-to none --mca pml ob1 "${b[@]}" \
		--mca mpi_yield_when_idle 1 "$@"
}

progs=""
for n in threads threads_cxx openmp futex_ops atomics smc_threads signal_race threads_fork guest_jit; do
	for src in tests/guest/$n.c tests/guest/$n.cc; do [ -f "$src" ] && progs="$progs $src"; done
done
for src in tests/cluster/*.c; do grep -q '^// no-suite:' "$src" || progs="$progs $src"; done

for src in $progs; do
	name=$(basename "${src%.*}")
	flags=$(sed -n 's|^// cflags: \(.*\)|\1|p' "$src")
	expect=$(sed -n 's|^// expect-status: \([0-9]*\).*|\1|p' "$src")
	expect=${expect:-0}
	compiler=$CC
	case $src in *.cc) compiler=$CXX ;; esac
	bin=$T/$name
	if ! $compiler -O2 -g -static $flags -o "$bin" "$src" -lm 2>"$bin.build.log"; then
		echo "FAIL cluster-$name: does not build: $(head -3 "$bin.build.log")"
		continue
	fi
	# the reference: qemu-riscv64, rvx on one machine where qemu cannot run it, or the output
	# only cluster mode gives (NAME.expected)
	if [ -f "${src%.*}.expected" ]; then
		cp "${src%.*}.expected" "$bin.ref"
	elif grep -q '^// no-qemu:' "$src"; then
		(cd "$T" && timeout 120 "$RVX" "$bin" >"$bin.ref" 2>/dev/null)
	else
		(cd "$T" && timeout 120 qemu-riscv64 -L "$SYSROOT" "$bin" >"$bin.ref" 2>/dev/null)
	fi
	# (split: with page splitting, which is off unless asked for)
	configs=("2 tcp jit" "3 tcp jit" "2 vader jit" "3 vader jit" "2 vader interp" "2 vader jit split")
	grep -q '^// only: np2' "$src" && configs=("2 vader jit") # long: one configuration
	for cfg in "${configs[@]}"; do
		set -- $cfg
		t="cluster-$name-np$1-$2-$3${4:+-$4}"
		out="$bin.$1$2$3${4:-}"
		# the translator sees every block from its first run, as for static programs in tests/run
		tier=()
		[ "$3" = jit ] && tier=(--translate-after 1)
		# (-d signal: a guest's fatal fault names its pc and address, a host fault says so)
		[ -n "${4:-}" ] && tier+=(--cluster-opt all -d signal)
		(cd "$T" && mpi "$1" "$2" "$RVX" --cluster --engine "$3" "${tier[@]}" "$bin" >"$out.out" 2>"$out.err")
		st=$?
		if [ "$st" != "$expect" ]; then
			echo "FAIL $t: exit status $st, expected $expect: $(grep -v '^\(---\|$\)' "$out.err" | head -c 300)"
			grep '^rvx:' "$out.err" | grep -v 'delivering signal' | tail -5
		elif ! cmp -s "$out.out" "$bin.ref"; then
			echo "FAIL $t: output differs from the reference: $(diff "$out.out" "$bin.ref" | head -5 | tr '\n' '|')"
		else
			echo "PASS $t"
		fi
	done
done

# the figures of -d cluster: page faults by kind, messages, delegated syscalls, on every rank, and
# each rank's service thread's CPU time (some, as it served the run) and sleeps
(cd "$T" && mpi 2 vader "$RVX" --cluster -d cluster "$T/counters" >/dev/null 2>"$T/stats.err")
service_cpu() { sed -n "s/.*rank $1: .* \([0-9.]*\) ms of CPU in all, [0-9]* sleeps, [0-9]* times preempted/\1/p" "$T/stats.err"; }
if grep -q "rank 1: read miss faults" "$T/stats.err" && grep -q "rank 0: .*messages in" "$T/stats.err" &&
	grep -q "rank 1: .*syscalls delegated to the master" "$T/stats.err" &&
	awk -v a="$(service_cpu 0)" -v b="$(service_cpu 1)" 'BEGIN { exit !(a > 0 && b > 0) }'; then
	echo "PASS cluster-stats"
else
	echo "FAIL cluster-stats: $(head -c 300 "$T/stats.err")"
fi

# read-ahead: a reader's sequential misses make the home push the pages after them; with
# --cluster-opt no-forward nothing is pushed, and the output is the same
for opt in all no-forward; do
	(cd "$T" && mpi 2 vader "$RVX" --cluster --cluster-opt $opt -d cluster "$T/stream" >"$T/stream.$opt.out" 2>"$T/stream.$opt.err")
done
if ! cmp -s "$T/stream.all.out" "$T/stream.ref" || ! cmp -s "$T/stream.no-forward.out" "$T/stream.ref"; then
	echo "FAIL cluster-forward: output differs from the reference: $(cat "$T/stream.all.out" "$T/stream.no-forward.out" | head -c 300)"
elif ! grep -q "rank [0-9]: read-ahead pushed [1-9]" "$T/stream.all.err" ||
	! grep -q "rank 1: read-ahead took [1-9]" "$T/stream.all.err"; then
	echo "FAIL cluster-forward: nothing pushed ahead: $(grep "rank" "$T/stream.all.err" | head -c 300)"
elif grep -q "read-ahead" "$T/stream.no-forward.err"; then
	echo "FAIL cluster-forward-off: pages pushed with --cluster-opt no-forward"
else
	echo "PASS cluster-forward ($(sed -n 's/.*rank 1: read miss faults \([0-9]*\),.*/\1/p' "$T/stream.all.err") read misses on rank 1 with read-ahead, $(sed -n 's/.*rank 1: read miss faults \([0-9]*\),.*/\1/p' "$T/stream.no-forward.err") without)"
fi

# page splitting: tests/cluster/split.c run long enough for its page to move between writers
# often (12 moves within a second split it, and each rank keeps the page for milliseconds at a
# time while its service shares the core: 3*10^7 increments a thread); split (instructions look
# the split table up) and joined again (by the accesses no shadow page takes), with the output
# qemu gives; and with --cluster-opt no-split (the default) never
(cd "$T" && timeout 120 qemu-riscv64 "$T/split" 30000000 >"$T/split.long.ref" 2>/dev/null)
for opt in all no-split; do
	(cd "$T" && mpi 2 vader "$RVX" --cluster --cluster-opt $opt -d cluster --translate-after 1 "$T/split" 30000000 \
		>"$T/split.$opt.out" 2>"$T/split.$opt.err")
done
if ! cmp -s "$T/split.all.out" "$T/split.long.ref" || ! cmp -s "$T/split.no-split.out" "$T/split.long.ref"; then
	echo "FAIL cluster-split: output differs from qemu's: $(diff "$T/split.all.out" "$T/split.long.ref" | head -5 | tr '\n' '|') $(diff "$T/split.no-split.out" "$T/split.long.ref" | head -5 | tr '\n' '|')"
elif ! grep -q "split into chunk" "$T/split.all.err" || ! grep -q "joined again" "$T/split.all.err" ||
	! grep -q "rank [0-9]: page splitting: .* [1-9][0-9]* instructions look split pages up" "$T/split.all.err"; then
	echo "FAIL cluster-split: the page was not split and joined: $(grep "split" "$T/split.all.err" | head -c 300)"
elif grep -q "split into chunk" "$T/split.no-split.err"; then
	echo "FAIL cluster-split-off: a page split with --cluster-opt no-split"
else
	echo "PASS cluster-split ($(grep -c "split into chunk" "$T/split.all.err") splits, $(grep -c "joined again" "$T/split.all.err") joins)"
fi

# signals after split-page faults: tests/cluster/split_signal.c's thread on rank 1 takes them
# (each ran again on the shadow page), then must still get pthread_kill's signals
if ! $CC -O2 -g -static -pthread -o "$T/split_signal" tests/cluster/split_signal.c 2>"$T/split_signal.build.log"; then
	echo "FAIL cluster-split-signal: does not build: $(head -3 "$T/split_signal.build.log")"
else
	# 2 s of false sharing, for the page to move between the ranks often enough to split
	(cd "$T" && timeout 120 qemu-riscv64 "$T/split_signal" 2 >"$T/split_signal.ref" 2>/dev/null)
	(cd "$T" && mpi 2 vader "$RVX" --cluster --cluster-opt all -d cluster --translate-after 1 "$T/split_signal" 2 \
		>"$T/split_signal.out" 2>"$T/split_signal.err")
	if ! cmp -s "$T/split_signal.out" "$T/split_signal.ref"; then
		echo "FAIL cluster-split-signal: output differs from qemu's: $(head -c 200 "$T/split_signal.out")"
	elif ! grep -q "split into chunk" "$T/split_signal.err"; then
		echo "FAIL cluster-split-signal: the page was not split"
	else
		echo "PASS cluster-split-signal"
	fi
fi

# plugins on every rank: each rank's copy sees the threads that run there (its lines start
# "rank N: "), names their code by the master's files' symbols, and, summed over the ranks, the
# hotblocks counts of tests/cluster/plugin_threads.c's loop are one machine's, its threads moving
# between ranks halfway (group hints)
PLUGINS=$(dirname "$RVX")/plugins
hot=$PLUGINS/libhotblocks.so,limit=100000
bin=$T/plugin_threads
# counted_loop's blocks: "pc runs" lines, summed by pc over the ranks
loop_counts() { sed -n 's/^\(rank [0-9]*: \)\{0,1\}\(0x[0-9a-f]*\), counted_loop, [0-9]*, \([0-9]*\)$/\2 \3/p' "$1" |
	awk '{s[$1] += $2} END {for (pc in s) print pc, s[pc]}' | sort; }
if ! $CC -O2 -g -static -pthread -I include -o "$bin" tests/cluster/plugin_threads.c 2>"$bin.build.log"; then
	echo "FAIL cluster-plugins: does not build: $(head -3 "$bin.build.log")"
else
	(cd "$T" && timeout 120 qemu-riscv64 "$bin" >"$bin.ref" 2>/dev/null)
	(cd "$T" && timeout 120 "$RVX" -d plugin -plugin "$hot" "$bin" >/dev/null 2>"$bin.one.err")
	loop_counts "$bin.one.err" >"$bin.one.counts"
	for cfg in "2 vader jit" "3 tcp interp" "2 tcp jit"; do
		set -- $cfg
		t="cluster-plugins-np$1-$2-$3"
		out="$bin.$1$2$3"
		# the log in a file, where each rank appends whole lines (mpirun's merged stderr may cut
		# one rank's line with another's)
		rm -f "$out.log"
		(cd "$T" && mpi "$1" "$2" "$RVX" --cluster --engine "$3" --translate-after 1 -d plugin,cluster \
			-D "$out.log" -plugin "$hot" "$bin" >"$out.out" 2>"$out.err")
		st=$?
		loop_counts "$out.log" >"$out.counts"
		ranks=$(grep -c "^rank [0-9]*: collected [0-9]* blocks" "$out.log")
		if [ "$st" != 0 ] || ! cmp -s "$out.out" "$bin.ref"; then
			echo "FAIL $t: exit status $st, output $(head -c 100 "$out.out"): $(grep -v '^\(---\|$\)' "$out.err" | head -c 300)"
		elif [ "$ranks" != "$1" ]; then
			echo "FAIL $t: $ranks ranks' plugins reported, of $1"
		elif ! grep -q "moves from rank" "$out.log"; then
			echo "FAIL $t: no thread moved"
		elif [ ! -s "$bin.one.counts" ] || ! cmp -s "$out.counts" "$bin.one.counts"; then
			echo "FAIL $t: counted_loop's runs summed over the ranks: $(tr '\n' ' ' <"$out.counts"), on one machine: $(tr '\n' ' ' <"$bin.one.counts")"
		else
			echo "PASS $t ($(grep -c "counted_loop" "$out.log") rows over the ranks, $(grep -c "moves from rank" "$out.log") moves)"
		fi
	done
fi

# every optimisation off (the directory at the master alone, no read-ahead, no automatic
# placement): the programs above give the same output; and with them on (the default) the
# directory's work is spread over the ranks
for name in counters maps stream groups threads_cxx; do
	(cd "$T" && mpi 2 vader "$RVX" --cluster --cluster-opt none "$T/$name" >"$T/$name.none.out" 2>"$T/$name.none.err")
	if cmp -s "$T/$name.none.out" "$T/$name.ref"; then
		echo "PASS cluster-opt-none-$name"
	else
		echo "FAIL cluster-opt-none-$name: $(diff "$T/$name.none.out" "$T/$name.ref" | head -5 | tr '\n' '|') $(head -c 200 "$T/$name.none.err")"
	fi
done
if grep -q "rank 1: directory: [1-9][0-9]* page requests served as home" "$T/stream.all.err"; then
	echo "PASS cluster-spread-homes"
else
	echo "FAIL cluster-spread-homes: rank 1 served no page requests as home: $(grep directory "$T/stream.all.err")"
fi

# the group hint moves threads between ranks while they run (tests/cluster/groups.c checks what
# they compute; here, that they moved)
(cd "$T" && mpi 2 vader "$RVX" --cluster -d cluster "$T/groups" >/dev/null 2>"$T/groups.err")
moved=$(sed -n 's/.*rank \([0-9]\): \([0-9]*\) threads moved to another rank.*/\2/p' "$T/groups.err" | awk '{s += $1} END {print s + 0}')
if [ "${moved:-0}" -ge 4 ] && grep -q "joins group 5, on rank" "$T/groups.err"; then
	echo "PASS cluster-group-hint ($moved moves)"
else
	echo "FAIL cluster-group-hint: ${moved:-0} moves: $(grep rvx "$T/groups.err" | head -c 300)"
fi

# --strace shows where each syscall runs
(cd "$T" && mpi 2 vader "$RVX" --cluster --strace "$T/counters" >/dev/null 2>"$T/strace.err")
if grep -q "\[global\] futex(" "$T/strace.err" && grep -q "\[local\] rt_sigprocmask(" "$T/strace.err"; then
	echo "PASS cluster-strace-column"
else
	echo "FAIL cluster-strace-column: $(head -c 300 "$T/strace.err")"
fi

# refusals: one line and status 72 (or 64 for a bad option)
refuse() { # name status pattern command...
	local name=$1 want=$2 pat=$3
	shift 3
	"$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null
	local st=$?
	if [ "$st" != "$want" ] || ! grep -qE "$pat" "$T/$name.err"; then
		echo "FAIL cluster-$name: status $st (want $want): $(head -c 300 "$T/$name.err")"
	else
		echo "PASS cluster-$name"
	fi
}
refuse no-launcher 72 "^rvx: --cluster runs as the ranks of an MPI job" "$RVX" --cluster "$T/counters"
refuse world-of-one 72 "^rvx: --cluster needs at least 2 ranks" mpi 1 tcp "$RVX" --cluster "$T/counters"
refuse bad-place 64 "^rvx: --cluster-place wants roundrobin, fill, groups:N or a list" \
	mpi 2 tcp "$RVX" --cluster --cluster-place sideways "$T/counters"
refuse place-without-cluster 64 "is for cluster mode" "$RVX" --cluster-place fill "$T/counters"
refuse bad-opt 64 "^rvx: --cluster-opt wants all, none, or optimisations" \
	mpi 2 tcp "$RVX" --cluster --cluster-opt forward,sideways "$T/counters"
refuse opt-without-cluster 64 "is for cluster mode" "$RVX" --cluster-opt none "$T/counters"
refuse missing-program 66 "^rvx: cannot open" mpi 2 tcp "$RVX" --cluster "$T/nope"
[ "$(grep -c '^rvx: cannot open' "$T/missing-program.err")" = 1 ] ||
	echo "FAIL cluster-missing-program-once: $(grep -c '^rvx:' "$T/missing-program.err") lines from rvx"

# placement: round-robin by default, or the ranks a list gives; counted from the threads that
# ended on rank 1 (-d cluster, in a log file where each rank appends whole lines: mpirun's
# merged stderr may cut one rank's line with another's); no automatic placement, which may move
# threads as others end
for spec in "roundrobin:3" "1,1,1,1,1,1:6" "0,0,0,0,0,0:0" "1,0,0:2" "groups:2:2" "groups:3:3"; do
	place=${spec%:*} want=${spec##*:}
	rm -f "$T/place.log"
	(cd "$T" && mpi 2 vader "$RVX" --cluster --cluster-place "$place" --cluster-opt no-place -d cluster \
		-D "$T/place.log" "$T/counters" >/dev/null 2>"$T/place.err")
	got=$(sed -n 's/.*rank 1: .* exit \([0-9]*\).*/\1/p' "$T/place.log")
	if [ "${got:-0}" = "$want" ]; then
		echo "PASS cluster-place-$place"
	else
		echo "FAIL cluster-place-$place: rank 1 ran ${got:-0} of the 6 threads, expected $want"
	fi
done

# round-robin's balance once threads end (bench/uneven.c: threads 1 and 3, on rank 1, end
# early; 2 and 4 share rank 0 with the main thread): one of them moves to rank 1 and ends there,
# and the output is qemu-riscv64's; without automatic placement it stays. The run (about 0.35 s
# past mpirun's start-up) leaves plans 20 ms apart time to see the short threads gone before the
# long ones end, on a loaded machine too
$CC -O2 -static -pthread -o "$T/uneven" bench/uneven.c
want=$(timeout 120 qemu-riscv64 "$T/uneven" 4 8 16000000 2>&1)
for opt in all no-place; do
	rm -f "$T/uneven-$opt.log"
	out=$(cd "$T" && mpi 2 vader "$RVX" --cluster --cluster-opt $opt -d cluster -D "$T/uneven-$opt.log" \
		"$T/uneven" 4 8 16000000 2>"$T/uneven-$opt.err")
	ended=$(sed -n 's/.*rank 1: .* exit \([0-9]*\).*/\1/p' "$T/uneven-$opt.log")
	balanced=$(sed -n 's/.*moves asked (\([0-9]*\) to balance the ranks).*/\1/p' "$T/uneven-$opt.log")
	expect_ended=3 expect_balanced=1
	[ $opt = no-place ] && expect_ended=2 expect_balanced=
	if [ "$out" = "$want" ] && [ "${ended:-0}" = $expect_ended ] && [ "$balanced" = "$expect_balanced" ]; then
		echo "PASS cluster-balance-$opt (rank 1 ran $ended of the 4 threads to their end)"
	else
		echo "FAIL cluster-balance-$opt: output '$out' (qemu: '$want'), rank 1 ended ${ended:-0} threads," \
			"${balanced:-no} moves to balance: $(grep -v '^rvx: cluster rank' "$T/uneven-$opt.err" | head -c 300)"
	fi
done

# a rank killed with SIGKILL ends the job within 5 s, with a message naming the rank
$CC -O2 -static -pthread -o "$T/sleeper" tests/cluster/sleeper.c
(cd "$T" && mpi 3 tcp "$RVX" --cluster "$T/sleeper" >"$T/kill.out" 2>"$T/kill.err") &
job=$!
victim=""
for _ in $(seq 100); do
	sleep 0.1
	grep -q sleeping "$T/kill.out" 2>/dev/null || continue
	for p in $(pgrep -f "^$RVX --cluster $T/sleeper"); do
		tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=1" && victim=$p
	done
	[ -n "$victim" ] && break
done
if [ -z "$victim" ]; then
	echo "FAIL cluster-kill-rank: rank 1 never started"
	kill "$job" 2>/dev/null
else
	start=$(date +%s%N)
	kill -9 "$victim"
	wait "$job"
	st=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	if [ "$st" = 0 ] || [ "$ms" -gt 5000 ] || ! grep -q "rank 1" "$T/kill.err"; then
		echo "FAIL cluster-kill-rank: status $st after $ms ms: $(grep -v '^-*$' "$T/kill.err" | head -c 300)"
	else
		echo "PASS cluster-kill-rank (job ended $ms ms after the SIGKILL)"
	fi
fi
