/* Telling perf about translated code, as perf expects of any JIT: /tmp/perf-PID.map (the
 * symbol of each block's code) and /tmp/jit-PID.dump (jitdump: each block's code and name,
 * which perf inject --jit turns into one ELF file per block), so that perf report names guest
 * functions. Both follow a fork: a child writes its own. */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../../linux/symbols.h"
#include "internal.h"

#define JITDUMP_MAGIC   0x4A695444 /* "JiTD" */
#define JITDUMP_VERSION 1
#define JIT_CODE_LOAD   0

struct jitdump_header {
	uint32_t magic, version, total_size, elf_mach, pad1, pid;
	uint64_t timestamp, flags;
};

struct jitdump_load {
	uint32_t id, total_size;
	uint64_t timestamp;
	uint32_t pid, tid;
	uint64_t vma, code_addr, code_size, code_index;
};

/* perf record -k 1: CLOCK_MONOTONIC */
static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static FILE *open_map(struct jit_cache *j, int pid)
{
	char path[64];
	if (j->perf_map && j->perf_pid == pid)
		return j->perf_map;
	if (j->perf_map)
		fclose(j->perf_map);
	snprintf(path, sizeof path, "/tmp/perf-%d.map", pid);
	j->perf_map = fopen(path, "a");
	j->perf_pid = pid;
	return j->perf_map;
}

static void close_dump(struct jit_cache *j)
{
	if (j->jitdump_mark)
		munmap(j->jitdump_mark, (size_t)sysconf(_SC_PAGESIZE));
	if (j->jitdump)
		fclose(j->jitdump);
	j->jitdump_mark = NULL;
	j->jitdump = NULL;
}

static FILE *open_dump(struct jit_cache *j, int pid)
{
	struct jitdump_header h = {JITDUMP_MAGIC, JITDUMP_VERSION, sizeof h, EM_X86_64, 0, (uint32_t)pid, now_ns(), 0};
	char path[64];
	if (j->jitdump && j->jitdump_pid == pid)
		return j->jitdump;
	close_dump(j); /* a forked child's copy: the parent's file stays the parent's */
	snprintf(path, sizeof path, "/tmp/jit-%d.dump", pid);
	j->jitdump = fopen(path, "w+");
	j->jitdump_pid = pid;
	if (!j->jitdump)
		return NULL;
	if (fwrite(&h, sizeof h, 1, j->jitdump) != 1 || fflush(j->jitdump) != 0) {
		fclose(j->jitdump);
		j->jitdump = NULL;
		return NULL;
	}
	j->jitdump_mark =
	    mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_READ | PROT_EXEC, MAP_PRIVATE, fileno(j->jitdump), 0);
	if (j->jitdump_mark == MAP_FAILED)
		j->jitdump_mark = NULL;
	return j->jitdump;
}

void jit_perf_map_block(struct rvx_vcpu *cpu, const struct jit_block *b)
{
	struct jit_cache *j = cpu->m->jit;
	int pid = (int)getpid();
	uint64_t start = 0;
	const char *sym = symbols_lookup(cpu->m, b->pc, &start);
	char name[256];
	FILE *f;
	if (sym)
		snprintf(name, sizeof name, "%s+0x%llx", sym, (unsigned long long)(b->pc - start));
	else
		snprintf(name, sizeof name, "guest:0x%llx", (unsigned long long)b->pc);
	if (cpu->m->cfg.perf_map && (f = open_map(j, pid))) {
		fprintf(f, "%lx %x %s\n", (unsigned long)(uintptr_t)b->code, b->size, name);
		fflush(f); /* perf may read it while the guest runs */
	}
	if (cpu->m->cfg.jitdump && (f = open_dump(j, pid))) {
		size_t len = strlen(name) + 1;
		struct jitdump_load r = {JIT_CODE_LOAD,
					 (uint32_t)(sizeof r + len + b->size),
					 now_ns(),
					 (uint32_t)pid,
					 (uint32_t)gettid(),
					 (uint64_t)(uintptr_t)b->code,
					 (uint64_t)(uintptr_t)b->code,
					 b->size,
					 j->jitdump_index++};
		if (fwrite(&r, sizeof r, 1, f) != 1 || fwrite(name, len, 1, f) != 1 ||
		    fwrite(b->code, b->size, 1, f) != 1)
			clearerr(f);
		fflush(f);
	}
}

void jit_perf_close(struct jit_cache *j)
{
	if (j->perf_map)
		fclose(j->perf_map);
	j->perf_map = NULL;
	close_dump(j);
}
