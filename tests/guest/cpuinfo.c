// /proc/cpuinfo as Linux shows it on RISC-V (a hart per CPU, its isa and mmu lines), which
// programs read to choose their code (the host's x86 description would mislead them).
// qemu: 10
// (QEMU 7.2 shows the host's /proc/cpuinfo; QEMU 10 writes a RISC-V one)
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char line[4096];
	long harts = 0, isas = 0, mmus = 0, cpus = sysconf(_SC_NPROCESSORS_ONLN);
	FILE *f = fopen("/proc/cpuinfo", "r");
	CHECK(f != NULL);
	while (fgets(line, sizeof line, f)) {
		long n;
		if (sscanf(line, "processor : %ld", &n) == 1 || sscanf(line, "processor\t: %ld", &n) == 1) {
			CHECK(n == harts);
			harts++;
		} else if (!strncmp(line, "isa\t", 4)) {
			const char *isa = strchr(line, ':');
			CHECK(isa && !strncmp(isa, ": rv64imafdc", 12));
			CHECK(strstr(isa, "_zba") && strstr(isa, "_zbb") && strstr(isa, "_zicond"));
			isas++;
		} else if (!strncmp(line, "mmu\t", 4)) {
			CHECK(strstr(line, ": sv"));
			mmus++;
		}
		CHECK(!strstr(line, "vendor_id") && !strstr(line, "flags\t")); /* nothing of x86's */
	}
	fclose(f);
	CHECK(harts == cpus && isas == harts && mmus == harts);
	printf("/proc/cpuinfo: a hart per CPU, each rv64imafdc with Zba, Zbb and Zicond, and an MMU\n");
	return 0;
}
