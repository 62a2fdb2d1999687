/* perf's map of JIT code (/tmp/perf-PID.map, as perf reads for any JIT): each translated
 * block by the guest symbol it starts in, so that perf report names guest functions. */
#include <stdio.h>
#include <unistd.h>

#include "../../linux/symbols.h"
#include "internal.h"

void jit_perf_map_block(struct rvx_vcpu *cpu, const struct jit_block *b)
{
	struct jit_cache *j = cpu->m->jit;
	const char *sym;
	uint64_t start = 0;
	int pid = (int)getpid();
	if (!j->perf_map || j->perf_pid != pid) { /* the first block, or the first of a forked child */
		char path[64];
		if (j->perf_map)
			fclose(j->perf_map);
		snprintf(path, sizeof path, "/tmp/perf-%d.map", pid);
		j->perf_map = fopen(path, "a");
		j->perf_pid = pid;
		if (!j->perf_map)
			return;
	}
	sym = symbols_lookup(cpu->m, b->pc, &start);
	if (sym)
		fprintf(j->perf_map, "%lx %x %s+0x%llx\n", (unsigned long)(uintptr_t)b->code, b->size, sym,
			(unsigned long long)(b->pc - start));
	else
		fprintf(j->perf_map, "%lx %x guest:0x%llx\n", (unsigned long)(uintptr_t)b->code, b->size,
			(unsigned long long)b->pc);
	fflush(j->perf_map); /* perf may read it while the guest runs */
}
