/* The rvx command: options, usage, exit statuses. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../include/rvx.h"
#ifdef RVX_MPI
#include "../src/cluster/cluster.h"
#include "../src/cluster/transport.h"
#include "../src/gdb/gdb.h"
#endif

/* Exit statuses of rvx itself (the guest's own status passes through unchanged). */
enum {
	EXIT_USAGE = 64,    /* bad option */
	EXIT_CORRUPT = 65,  /* truncated or corrupt ELF */
	EXIT_NOINPUT = 66,  /* program missing or unreadable */
	EXIT_NOTELF = 67,   /* not an ELF executable */
	EXIT_MACHINE = 68,  /* ELF for another machine */
	EXIT_RV32 = 69,     /* 32-bit RISC-V */
	EXIT_INTERNAL = 70, /* could not set up the machine */
	EXIT_INTERP = 71,   /* program interpreter not found */
	EXIT_CLUSTER = 72,  /* cluster mode cannot start: no MPI launcher, library or peers */
	EXIT_PLUGIN = 73,   /* a plugin cannot be loaded, or refused to install */
	EXIT_BINFMT = 74,   /* the binfmt_misc entry cannot be registered or removed */
	EXIT_GDB = 75,      /* the gdb stub cannot listen or accept */
};

#define DEFAULT_SYSROOT "/usr/riscv64-linux-gnu"

static const struct {
	const char *name;
	unsigned bit;
	const char *help;
} log_items[] = {
    {"in_asm", RVX_LOG_IN_ASM, "show each guest instruction when it is first decoded"},
    {"out_asm", RVX_LOG_OUT_ASM, "show each translated block: its guest instructions and its x86-64 code"},
    {"exec", RVX_LOG_EXEC, "show each guest instruction as it runs"},
    {"unimp", RVX_LOG_UNIMP, "report unsupported syscalls (once each)"},
    {"signal", RVX_LOG_SIGNAL, "show guest signal delivery"},
    {"strace", RVX_LOG_STRACE, "one line per guest syscall (same as --strace)"},
    {"stats", RVX_LOG_STATS, "engine statistics at exit"},
    {"cluster", RVX_LOG_CLUSTER, "cluster mode: per-rank faults, pages, messages, delegated syscalls at exit"},
    {"plugin", RVX_LOG_PLUGIN, "output of plugins (-plugin)"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: rvx [options] PROGRAM [ARGS...]\n"
		   "Runs a RISC-V 64 Linux program (RV64GC, static or dynamic) on this x86-64 Linux host.\n\n"
		   "options:\n"
		   "  -L DIR            RISC-V sysroot for the dynamic loader and /lib paths\n"
		   "                    (default: $QEMU_LD_PREFIX, else " DEFAULT_SYSROOT " if present)\n"
		   "  -E VAR=VALUE      set VAR in the guest's environment\n"
		   "  -U VAR            remove VAR from the guest's environment\n"
		   "  -0 ARGV0          run the program with this argv[0]\n"
		   "  -r RELEASE        the kernel release uname reports; also $QEMU_UNAME\n"
		   "  -seed N           the guest's random bytes (AT_RANDOM, getrandom) from a generator\n"
		   "                    seeded with N, the same at every run; also $QEMU_RAND_SEED\n"
		   "  -strace, --strace log each guest syscall with its arguments and result\n"
		   "  -d ITEM[,ITEM]    debug log; -d help lists the items\n"
		   "  -D FILE           write the debug log to FILE instead of stderr\n"
		   "  -cpu help         list the ISA this build implements; -cpu rv64,vlen=N sets VLEN\n"
		   "                    (128, the default, 256, 512 or 1024)\n"
		   "  --v-control N     the vector control (prctl PR_RISCV_V_*) an execve passes on\n"
		   "  --engine NAME     jit (translate to x86-64, the default) or interp (the reference\n"
		   "                    interpreter); also $RVX_ENGINE\n"
		   "  --translate-after N  jit: translate a block the Nth time it runs, interpreting the\n"
		   "                    runs before (1-255, default 5: code that runs a few times is not worth it)\n"
		   "  --cluster         run the program's threads over the ranks of an MPI job, one\n"
		   "                    process in one address space: mpirun -np N rvx --cluster PROG\n"
		   "  --cluster-place P where new threads go: roundrobin (default), fill (a rank's cores\n"
		   "                    first), groups:N (N threads a rank in turn) or a list of ranks\n"
		   "                    for threads 1, 2, ... (e.g. 1,1,2)\n"
		   "  --cluster-opt LIST  the cluster's optimisations: all, none, or names, each turned\n"
		   "                    off with no- (no-forward), left to right: forward (read-ahead of\n"
		   "                    sequential misses), place (automatic placement of threads that\n"
		   "                    share pages), spread (directory homes over the ranks), all on by\n"
		   "                    default; split (pages written at different places by several\n"
		   "                    ranks split in 64-byte units), off unless asked for\n"
		   "  --cluster-selftest  (under mpirun, no program) measure the link and remote page\n"
		   "                    faults: round trip, 4 KiB cost, fault latencies, remote scan rate\n"
		   "  -perfmap          write /tmp/perf-PID.map naming translated code by guest symbols\n"
		   "  -jitdump          write /tmp/jit-PID.dump (perf record -k 1, then perf inject --jit)\n"
		   "                    so that perf report names guest functions\n"
		   "  -plugin FILE[,ARG=VALUE...]  load an instrumentation plugin (include/rvx-plugin.h)\n"
		   "                    with its arguments; repeatable; its output shows with -d plugin\n"
		   "                    (with --cluster every rank loads it: each line says its rank)\n"
		   "  -g PORT           wait for gdb-multiarch to connect (target remote :PORT) and run the\n"
		   "                    program under its control; also HOST:PORT, or a Unix socket:\n"
		   "                    unix:PATH or a PATH with a '/' (target remote PATH); also $QEMU_GDB\n"
		   "                    (with --cluster the master listens, and gdb sees every thread)\n"
		   "  --binfmt[=print|register|remove]  print (or, as root, register or remove) the\n"
		   "                    binfmt_misc entry that runs RISC-V 64 programs with this rvx\n"
		   "  -h, --help        this text\n"
		   "  -V, --version     version\n\n"
		   "exit status: the guest's own; a guest killed by a signal kills rvx with that signal.\n"
		   "rvx's own errors: 64 bad option, 65 corrupt ELF, 66 missing program, 67 not ELF,\n"
		   "68 ELF for another machine, 69 RV32 ELF, 70 internal error, 71 missing interpreter,\n"
		   "72 cluster mode cannot start (no MPI launcher or library, a world of one rank),\n"
		   "73 a plugin cannot be loaded or refused to install, 74 the binfmt_misc entry cannot\n"
		   "be registered or removed, 75 the gdb stub cannot listen.\n");
}

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "rvx: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "; see 'rvx --help'\n");
	return EXIT_USAGE;
}

static int parse_debug(const char *spec, unsigned *out)
{
	char *copy = strdup(spec), *save = NULL, *item;
	size_t i;
	int ok = 1;
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof log_items / sizeof log_items[0]; i++)
			if (strcmp(item, log_items[i].name) == 0)
				break;
		if (i == sizeof log_items / sizeof log_items[0]) {
			ok = 0;
			break;
		}
		*out |= log_items[i].bit;
	}
	free(copy);
	return ok;
}

static int exit_status_for(int err)
{
	switch (err) {
	case RVX_E_NOENT: return EXIT_NOINPUT;
	case RVX_E_NOTELF: return EXIT_NOTELF;
	case RVX_E_MACHINE: return EXIT_MACHINE;
	case RVX_E_RV32: return EXIT_RV32;
	case RVX_E_CORRUPT: return EXIT_CORRUPT;
	case RVX_E_INTERP: return EXIT_INTERP;
	case RVX_E_INVAL: return EXIT_USAGE;
	case RVX_E_PLUGIN: return EXIT_PLUGIN;
	case RVX_E_GDB: return EXIT_GDB;
	default: return EXIT_INTERNAL;
	}
}

struct env_edit {
	bool set;       /* -E (set) or -U (unset) */
	const char *kv; /* VAR=VALUE or VAR */
};

/* Applies -E/-U edits to a copy of the host environment. */
static char **guest_environment(const struct env_edit *edits, int nedits)
{
	extern char **environ;
	int n = 0, i, j;
	char **env;
	while (environ[n])
		n++;
	env = calloc((size_t)(n + nedits + 1), sizeof *env);
	if (!env)
		return NULL;
	memcpy(env, environ, (size_t)n * sizeof *env);
	for (i = 0; i < nedits; i++) {
		bool set = edits[i].set;
		const char *kv = edits[i].kv;
		size_t klen = set ? (size_t)(strchr(kv, '=') - kv) : strlen(kv);
		for (j = 0; j < n; j++) {
			if (strncmp(env[j], kv, klen) == 0 && env[j][klen] == '=') {
				memmove(&env[j], &env[j + 1], (size_t)(n - j) * sizeof *env);
				n--;
				j--;
			}
		}
		if (set)
			env[n++] = (char *)kv;
	}
	env[n] = NULL;
	return env;
}

/* Whether a launcher started this process as one rank of a job (Open MPI, PMIx, PMI, Slurm). */
static bool launched_by_mpi(void)
{
	static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK",
					   "SLURM_STEP_ID"};
	for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++)
		if (getenv(vars[k]))
			return true;
	return false;
}

#ifndef RVX_MPI
/* Runs the variant of rvx called name beside this one with the same arguments; returns only
 * when it cannot, after saying why (unless why is NULL: the caller goes on without it). */
static void hand_over(const char *name, char **argv, const char *why)
{
	char self[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 16);
	self[n > 0 ? n : 0] = 0;
	slash = strrchr(self, '/');
	if (!slash) {
		fprintf(stderr, "rvx: %s: cannot find this program's directory\n", why);
		return;
	}
	strcpy(slash + 1, name);
	execv(self, argv);
	if (why) /* else the caller goes on without it */
		fprintf(stderr, "rvx: %s needs %s: %s\n", why, self, strerror(errno));
}
#endif

/* --cluster: -1 to go on here (rvx-mpi), else the exit status. The rvx binary itself has no
 * MPI library (its start-up stays fast): it hands over to rvx-mpi beside it. */
static int cluster_check(int argc, char **argv, const char *place)
{
	(void)argc;
	if (!launched_by_mpi()) {
		fprintf(stderr, "rvx: --cluster runs as the ranks of an MPI job: start it with mpirun -np N rvx "
				"--cluster PROGRAM (or srun)\n");
		return EXIT_CLUSTER;
	}
#if defined(RVX_MPI)
	(void)argv;
	(void)place;
	return -1;
#else
	(void)place;
	hand_over("rvx-mpi", argv, "--cluster (rvx built with Open MPI: install libopenmpi-dev and run make)");
	return EXIT_CLUSTER;
#endif
}

#ifdef RVX_MPI
/* One rank of a cluster run: the master loads and runs the program, the others serve it. */
static int run_cluster(rvx_machine *m, const char *place, const char *copt, const char *gdb, const char *path, int argc,
		       char *const *argv, char *const *envp)
{
	struct cl_transport *t;
	struct cl_options opt = {.off = CL_OPT_SPLIT}; /* page splitting is asked for */
	char err[256];
	int r;
	if ((place && !cluster_parse_place(place, &opt, err, sizeof err)) ||
	    (copt && !cluster_parse_opt(copt, &opt, err, sizeof err))) {
		fprintf(stderr, "rvx: %s\n", err);
		return EXIT_USAGE;
	}
	if (gdb) /* threads go where the debugger takes them, not where their pages are */
		opt.off |= CL_OPT_PLACE;
	t = cl_transport_mpi_new(NULL, NULL, err, sizeof err);
	if (!t) {
		fprintf(stderr, "rvx: --cluster: %s\n", err);
		return EXIT_CLUSTER;
	}
	if (t->size < 2) {
		if (t->rank == 0)
			fprintf(stderr, "rvx: --cluster needs at least 2 ranks, and this MPI job has 1 (mpirun -np N "
					"with N >= 2; under Slurm, check srun's --mpi setting)\n");
		t->finish(t);
		return EXIT_CLUSTER;
	}
	if (t->size > 64) {
		if (t->rank == 0)
			fprintf(stderr, "rvx: --cluster supports at most 64 ranks, and this MPI job has %d\n", t->size);
		t->finish(t);
		return EXIT_CLUSTER;
	}
	r = cluster_attach((struct rvx_machine *)m, t, &opt);
	if (r < 0) {
		fprintf(stderr, "rvx: --cluster on rank %d: cannot use userfaultfd: %s%s\n", t->rank, strerror(-r),
			r == -EPERM ? " (run as root, or set vm.unprivileged_userfaultfd=1)" : "");
		t->abort(t, EXIT_CLUSTER);
	}
	if (!path)
		return cluster_selftest((struct rvx_machine *)m);
	if (t->rank == 0) {
		r = rvx_load(m, path, argc, argv, envp);
		if (r == RVX_OK && gdb) /* the stub is the master's; the other ranks send threads to it */
			r = rvx_gdb_listen(m, gdb);
		if (r != RVX_OK) {
			fprintf(stderr, "rvx: %s\n", rvx_last_error(m));
			cluster_abandon((struct rvx_machine *)m);
			return exit_status_for(r);
		}
	} else if (gdb && gdb_start_stand_in((struct rvx_machine *)m) < 0) {
		fprintf(stderr, "rvx: %s\n", rvx_last_error(m));
		t->abort(t, EXIT_FAILURE);
	}
	r = cluster_run((struct rvx_machine *)m);
	fprintf(stderr, "rvx: %s\n", rvx_last_error(m));
	t->abort(t, exit_status_for(r));
	return exit_status_for(r);
}
#endif

/* rvx's log on a descriptor of its own, close-on-exec and at 1023 (below the hard limit): above
 * the soft limit and FD_SETSIZE's range, where a guest neither gets descriptors nor probes for
 * them (the soft limit raised for the moment where it is lower), so that a guest that closes
 * stderr at exit, as programs built on gnulib do, or all its descriptors, silences neither
 * plugins nor -d; the syscalls keep the guest off it (private_fd). NULL if it cannot be. */
static FILE *private_log(int fd, int buffering)
{
	struct rlimit rl, raised;
	long top = 1023;
	bool lowered = false;
	int own;
	FILE *f;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		if (rl.rlim_max != RLIM_INFINITY && (long)rl.rlim_max - 1 < top)
			top = (long)rl.rlim_max - 1;
		raised = rl;
		raised.rlim_cur = (rlim_t)top + 1;
		lowered =
		    rl.rlim_cur != RLIM_INFINITY && (long)rl.rlim_cur <= top && setrlimit(RLIMIT_NOFILE, &raised) == 0;
	}
	own = top >= 3 ? fcntl(fd, F_DUPFD_CLOEXEC, (int)top) : -1;
	if (lowered)
		setrlimit(RLIMIT_NOFILE, &rl);
	if (own < 0)
		return NULL;
	f = fdopen(own, "w");
	if (!f) {
		close(own);
		return NULL;
	}
	setvbuf(f, NULL, buffering, 0);
	return f;
}

/* -plugin FILE,NAME=VALUE,...: each plugin with its arguments. The static rvx maps them itself
 * (it hands over to rvx-dyn for those it cannot). */
static int load_plugins(rvx_machine *m, const char *const *specs, int n)
{
	for (int k = 0; k < n; k++) {
		char *copy = strdup(specs[k]), *args[64], *save = NULL, *file;
		int nargs = 0, r;
		if (!copy)
			return RVX_E_NOMEM;
		file = strtok_r(copy, ",", &save);
		while (nargs < 64 && (args[nargs] = strtok_r(NULL, ",", &save)))
			nargs++;
#if defined(RVX_DYN) || defined(RVX_MPI)
		r = file ? rvx_add_plugin(m, file, nargs, args) : RVX_E_INVAL;
#else
		r = file ? rvx_add_plugin_mapped(m, file, nargs, args) : RVX_E_INVAL;
#endif
		free(copy); /* a plugin keeps copies of what it wants of its arguments, as QEMU's do */
		if (r != RVX_OK)
			return r;
	}
	return RVX_OK;
}

#if !defined(RVX_DYN) && !defined(RVX_MPI)
/* Whether this rvx can map every plugin itself (rvx_add_plugin_mapped): then it need not hand over
 * to rvx-dyn, whose start costs a second exec and the dynamic linker's work. Else why says which
 * plugin it cannot map and why. */
static bool plugins_mappable(const char *const *specs, int n, char *why, size_t len)
{
	for (int k = 0; k < n; k++) {
		char file[PATH_MAX], reason[400];
		size_t flen = strcspn(specs[k], ",");
		if (flen >= sizeof file)
			flen = sizeof file - 1;
		memcpy(file, specs[k], flen);
		file[flen] = 0;
		if (!rvx_plugin_mappable(file, reason, sizeof reason)) {
			snprintf(why, len, "-plugin %s (%s)", file, reason);
			return false;
		}
	}
	return true;
}
#endif

/* binfmt_misc: RISC-V 64 ELF executables and shared objects (e_type 2 or 3) run by this rvx.
 * F: the kernel opens rvx when the entry is registered, so that it also runs programs inside
 * containers and chroots, where rvx's path does not exist (rvx is statically linked). */
#define BINFMT_DIR  "/proc/sys/fs/binfmt_misc"
#define BINFMT_NAME "rvx-riscv64"

static bool write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	bool ok = f && fputs(text, f) >= 0;
	if (f && fclose(f) != 0)
		ok = false;
	return ok;
}

static int binfmt(const char *what)
{
	char self[PATH_MAX], line[PATH_MAX + 512];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	self[n > 0 ? n : 0] = 0;
	snprintf(
	    line, sizeof line,
	    ":" BINFMT_NAME ":M::"
	    "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:"
	    "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:%s:F",
	    self);
	if (!strcmp(what, "print")) {
		puts(line);
		return 0;
	}
	if (strcmp(what, "register") != 0 && strcmp(what, "remove") != 0)
		return bad_usage("--binfmt wants print, register or remove, not '%s'", what);
	if (access(BINFMT_DIR "/register", F_OK) != 0)
		mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", 0, NULL); /* not mounted yet */
	if (access(BINFMT_DIR "/" BINFMT_NAME, F_OK) == 0 && !write_file(BINFMT_DIR "/" BINFMT_NAME, "-1")) {
		fprintf(stderr, "rvx: --binfmt: cannot remove the old %s entry: %s (root is needed)\n", BINFMT_NAME,
			strerror(errno));
		return EXIT_BINFMT;
	}
	if (!strcmp(what, "remove"))
		return 0;
	if (!write_file(BINFMT_DIR "/register", line)) {
		fprintf(stderr,
			"rvx: --binfmt: cannot register with %s/register: %s (root and binfmt_misc are needed)\n",
			BINFMT_DIR, strerror(errno));
		return EXIT_BINFMT;
	}
	printf("%s\nregistered: RISC-V 64 programs now run with %s\n", line, self);
	return 0;
}

/* -cpu NAME[,vlen=N]: rv64 (or QEMU's max and any); false for anything else. */
static bool parse_cpu(const char *arg, unsigned *vlen)
{
	const char *opt = strchr(arg, ',');
	size_t len = opt ? (size_t)(opt - arg) : strlen(arg);
	char *end;
	unsigned long v;
	if (!(len == 4 && !strncmp(arg, "rv64", 4)) &&
	    !(len == 3 && (!strncmp(arg, "max", 3) || !strncmp(arg, "any", 3))))
		return false;
	if (!opt)
		return true;
	if (strncmp(opt, ",vlen=", 6))
		return false;
	v = strtoul(opt + 6, &end, 10);
	if (*end || end == opt + 6 || v < 128 || v > 1024 || (v & (v - 1)))
		return false;
	*vlen = (unsigned)v;
	return true;
}

int main(int argc, char **argv)
{
	struct rvx_config cfg;
	rvx_machine *m = NULL;
	const char *sysroot = getenv("QEMU_LD_PREFIX"), *log_path = NULL, *argv0 = NULL;
	const char *engine = getenv("RVX_ENGINE"), *translate_after = NULL, *gdb = getenv("QEMU_GDB");
	const char *release = getenv("QEMU_UNAME"), *seed = getenv("QEMU_RAND_SEED");
	unsigned long long seed_value = 0;
	struct env_edit edits[argc];
	char **env, **gargv;
	char *reexec[20 + 2 * argc], self[PATH_MAX], debug_text[256] = "";
	const char *plugins[argc];
	int nplugins = 0;
	int nedits = 0, i, r, nre = 0;
	unsigned debug = 0, cfg_translate_after = 0, vlen = 0, v_control = 0;
	const char *cpu = NULL;
	bool cluster = false, selftest = false, perf_map = false, jitdump = false;
	const char *place = NULL, *copt = NULL;
	FILE *log = NULL;
	ssize_t n;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if (o[1] == '-' && o[2] == 0) {
			i++;
			break;
		}
		if (o[1] == '-')
			o++;
		if (!strcmp(o, "-h") || !strcmp(o, "-help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(o, "-V") || !strcmp(o, "-version")) {
			printf("rvx %s (RISC-V 64 Linux user-mode emulator, %s)\n", RVX_VERSION, rvx_isa_string());
			return 0;
		}
		if (!strcmp(o, "-strace")) {
			debug |= RVX_LOG_STRACE;
			continue;
		}
		if (!strcmp(o, "-binfmt") || !strncmp(o, "-binfmt=", 8))
			return binfmt(o[7] == '=' ? o + 8 : "print");
		if (!strcmp(o, "-perfmap")) {
			perf_map = true;
			continue;
		}
		if (!strcmp(o, "-jitdump")) {
			jitdump = true;
			continue;
		}
		if (!strcmp(o, "-cluster")) {
			cluster = true;
			continue;
		}
		if (!strcmp(o, "-cluster-selftest")) {
			cluster = selftest = true;
			continue;
		}
		if (i + 1 >= argc &&
		    (!strcmp(o, "-L") || !strcmp(o, "-E") || !strcmp(o, "-U") || !strcmp(o, "-0") || !strcmp(o, "-d") ||
		     !strcmp(o, "-D") || !strcmp(o, "-cpu") || !strcmp(o, "-engine") ||
		     !strcmp(o, "-translate-after") || !strcmp(o, "-v-control") || !strcmp(o, "-cluster-place") ||
		     !strcmp(o, "-cluster-opt") || !strcmp(o, "-plugin") || !strcmp(o, "-g") || !strcmp(o, "-r") ||
		     !strcmp(o, "-seed")))
			return bad_usage("option '%s' needs a value", argv[i]);
		if (!strcmp(o, "-L")) {
			sysroot = argv[++i];
		} else if (!strcmp(o, "-E")) {
			if (!strchr(argv[i + 1], '='))
				return bad_usage("-E wants VAR=VALUE, not '%s'", argv[i + 1]);
			edits[nedits++] = (struct env_edit){true, argv[++i]};
		} else if (!strcmp(o, "-U")) {
			edits[nedits++] = (struct env_edit){false, argv[++i]};
		} else if (!strcmp(o, "-0")) {
			argv0 = argv[++i];
		} else if (!strcmp(o, "-r")) {
			release = argv[++i];
		} else if (!strcmp(o, "-seed")) {
			seed = argv[++i];
		} else if (!strcmp(o, "-d")) {
			size_t k;
			if (!strcmp(argv[i + 1], "help")) {
				for (k = 0; k < sizeof log_items / sizeof log_items[0]; k++)
					printf("%-8s %s\n", log_items[k].name, log_items[k].help);
				return 0;
			}
			if (!parse_debug(argv[++i], &debug))
				return bad_usage("unknown -d item in '%s' (try -d help)", argv[i]);
		} else if (!strcmp(o, "-D")) {
			log_path = argv[++i];
		} else if (!strcmp(o, "-cpu")) {
			i++;
			if (!strcmp(argv[i], "help")) {
				printf("Available CPUs:\n  rv64    %s (the one rvx implements)\n"
				       "Options: rv64,vlen=N  VLEN, the bits of a vector register: 128 (the default), "
				       "256, 512, 1024\n",
				       rvx_isa_string());
				return 0;
			}
			if (!parse_cpu(argv[i], &vlen))
				return bad_usage(
				    "unknown CPU or option in '%s' (-cpu help lists them; vlen=128, 256, 512 "
				    "or 1024)",
				    argv[i]);
			cpu = argv[i];
		} else if (!strcmp(o, "-engine")) {
			engine = argv[++i];
		} else if (!strcmp(o, "-v-control")) { /* what a guest's execve passes on (prctl PR_RISCV_V_*) */
			char *end;
			unsigned long v = strtoul(argv[++i], &end, 10);
			if (*end || end == argv[i] || v > 0x1f)
				return bad_usage("--v-control wants the vector control bits (0-31), not '%s'", argv[i]);
			v_control = (unsigned)v;
		} else if (!strcmp(o, "-translate-after")) {
			char *end;
			unsigned long v = strtoul(argv[++i], &end, 10);
			if (*end || end == argv[i] || v < 1 || v > 255)
				return bad_usage("--translate-after wants a number from 1 to 255, not '%s'", argv[i]);
			translate_after = argv[i];
			cfg_translate_after = (unsigned)v;
		} else if (!strcmp(o, "-cluster-place")) {
			place = argv[++i];
		} else if (!strcmp(o, "-cluster-opt")) {
			copt = argv[++i];
		} else if (!strcmp(o, "-plugin")) {
			plugins[nplugins++] = argv[++i];
		} else if (!strcmp(o, "-g")) {
			gdb = argv[++i];
		} else {
			return bad_usage("unknown option '%s'", argv[i]);
		}
	}
	if (engine && strcmp(engine, "interp") != 0 && strcmp(engine, "jit") != 0)
		return bad_usage("unknown engine '%s' (have: jit, interp)", engine);
	if (release && (!release[0] || strlen(release) > 64))
		return bad_usage("-r wants a release of 1 to 64 characters, not '%s'", release);
	if (seed) {
		char *end;
		errno = 0;
		seed_value = strtoull(seed, &end, 0);
		if (*end || end == seed || errno || seed[0] == '-')
			return bad_usage("-seed wants a number, not '%s'", seed);
	}
	if (i >= argc && !selftest) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (place && !cluster)
		return bad_usage("%s is for cluster mode (--cluster)", "--cluster-place");
	if (copt && !cluster)
		return bad_usage("%s is for cluster mode (--cluster)", "--cluster-opt");
	if (cluster) { /* rvx-mpi loads plugins and disassembles host code too */
		r = cluster_check(argc, argv, place);
		if (r >= 0)
			return r;
	}
#if !defined(RVX_DYN) && !defined(RVX_MPI)
	char why[PATH_MAX + 512];
	if (nplugins && !plugins_mappable(plugins, nplugins, why, sizeof why)) { /* dlopen: a dynamic rvx */
		hand_over("rvx-dyn", argv, why);
		return EXIT_PLUGIN;
	}
	if (debug & RVX_LOG_OUT_ASM) /* rvx-dyn disassembles host code; without it, its bytes */
		hand_over("rvx-dyn", argv, NULL);
#endif
	if (!sysroot && access(DEFAULT_SYSROOT, F_OK) == 0)
		sysroot = DEFAULT_SYSROOT;
	if (log_path) {
		FILE *opened = fopen(log_path, "a");
		if (!opened) {
			fprintf(stderr, "rvx: cannot open log file '%s': %s\n", log_path, strerror(errno));
			return EXIT_USAGE;
		}
		log = private_log(fileno(opened), _IOLBF);
		if (log)
			fclose(opened);
		else
			setvbuf(log = opened, NULL, _IOLBF, 0);
	} else {
		log = private_log(STDERR_FILENO, _IONBF); /* NULL (stderr itself) where stderr is closed */
	}

	/* What a guest execve of another RISC-V program runs: this rvx with these options. */
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	self[n > 0 ? n : 0] = 0;
	reexec[nre++] = self;
	if (debug) {
		size_t k, len = 0;
		for (k = 0; k < sizeof log_items / sizeof log_items[0]; k++)
			if (debug & log_items[k].bit)
				len += (size_t)snprintf(debug_text + len, sizeof debug_text - len, "%s%s",
							len ? "," : "", log_items[k].name);
	}
	{
		const char *const passed_on[][2] = {
		    {"-L", sysroot}, {"-d", debug ? debug_text : NULL},      {"--engine", engine}, {"-D", log_path},
		    {"-cpu", cpu},   {"--translate-after", translate_after}, {"-r", release},      {"-seed", seed},
		};
		for (size_t k = 0; k < sizeof passed_on / sizeof passed_on[0]; k++)
			if (passed_on[k][1]) {
				reexec[nre++] = (char *)passed_on[k][0];
				reexec[nre++] = (char *)passed_on[k][1];
			}
	}
	if (perf_map)
		reexec[nre++] = "-perfmap";
	if (jitdump)
		reexec[nre++] = "-jitdump";
	for (int k = 0; k < nplugins; k++) { /* a program it execs runs with the same plugins */
		reexec[nre++] = "-plugin";
		reexec[nre++] = (char *)plugins[k];
	}
	reexec[nre] = NULL;

	memset(&cfg, 0, sizeof cfg);
	cfg.sysroot = sysroot;
	cfg.debug = debug;
	cfg.log = log;
	cfg.reexec_argv = reexec;
	cfg.engine = engine && !strcmp(engine, "interp") ? RVX_ENGINE_INTERP : RVX_ENGINE_JIT;
	cfg.translate_after = cfg_translate_after;
	cfg.uname_release = release;
	cfg.seeded = seed != NULL;
	cfg.random_seed = seed_value;
	cfg.vlen = vlen;
	cfg.v_control = v_control;
	cfg.perf_map = perf_map;
	cfg.host_process = 1; /* the guest's end is this process's */
	cfg.jitdump = jitdump;
	r = rvx_machine_new(&cfg, &m);
	if (r != RVX_OK) {
		fprintf(stderr, "rvx: %s\n", rvx_last_error(m));
		rvx_machine_free(m);
		return exit_status_for(r);
	}
#if defined(RVX_DYN) || defined(RVX_MPI)
	if (debug & RVX_LOG_OUT_ASM)
		rvx_use_capstone(m);
#endif
	r = load_plugins(m, plugins, nplugins);
	if (r != RVX_OK) {
		fprintf(stderr, "rvx: %s\n", rvx_last_error(m));
		rvx_machine_free(m);
		return exit_status_for(r);
	}
	env = guest_environment(edits, nedits);
	gargv = &argv[i];
	if (argv0) {
		gargv = calloc((size_t)(argc - i + 1), sizeof(char *));
		memcpy(gargv, &argv[i], (size_t)(argc - i) * sizeof(char *));
		gargv[0] = (char *)argv0;
	}
#ifdef RVX_MPI
	if (cluster) {
		r = run_cluster(m, place, copt, gdb && *gdb ? gdb : NULL, selftest ? NULL : argv[i], argc - i, gargv,
				env);
		if (r >= 0)
			return r;
		r = exit_status_for(r);
		rvx_machine_free(m);
		return r;
	}
#endif
	r = rvx_load(m, argv[i], argc - i, gargv, env);
	if (r == RVX_OK && gdb && *gdb)
		r = rvx_gdb_listen(m, gdb);
	if (r == RVX_OK)
		r = rvx_run(m); /* returns only on failure: the guest's exit ends the process */
	fprintf(stderr, "rvx: %s\n", rvx_last_error(m));
	r = exit_status_for(r);
	rvx_machine_free(m);
	free(env);
	if (argv0)
		free(gargv);
	return r;
}
