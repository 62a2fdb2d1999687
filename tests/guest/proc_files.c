/* The /proc files that must describe the guest: /proc/self/exe, maps, auxv and cmdline (the
 * guest's arguments, not the emulator's); signal dispositions ignored by the parent stay ignored. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "check.h"

int main(int argc, char **argv)
{
	char line[512], self[256];
	int found_stack = 0, found_exe = 0, fd;
	unsigned long entry = 0;
	FILE *f;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	CHECK(n > 0);
	self[n] = 0;
	f = fopen("/proc/self/maps", "r");
	CHECK(f != NULL);
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char perms[8];
		CHECK(sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && lo < hi);
		if (strstr(line, "[stack]") && perms[0] == 'r' && perms[1] == 'w')
			found_stack = 1;
		if (strstr(line, self) && perms[2] == 'x')
			found_exe = 1;
	}
	fclose(f);
	CHECK(found_stack && found_exe);
	fd = open("/proc/self/auxv", O_RDONLY);
	CHECK(fd >= 0);
	{
		Elf64_auxv_t a;
		while (read(fd, &a, sizeof a) == sizeof a && a.a_type != AT_NULL)
			if (a.a_type == AT_ENTRY)
				entry = a.a_un.a_val;
	}
	close(fd);
	CHECK(entry != 0 && entry == getauxval(AT_ENTRY));
	CHECK(getauxval(AT_PAGESZ) == 4096);
	CHECK((getauxval(AT_HWCAP) & 0x112d) == 0x112d);
	CHECK(getauxval(AT_RANDOM) != 0 && getauxval(AT_EXECFN) != 0);
	{
		char cmd[4096], want[4096];
		size_t w = 0;
		for (int i = 0; i < argc; i++) {
			size_t k = strlen(argv[i]) + 1;
			CHECK(w + k <= sizeof want);
			memcpy(want + w, argv[i], k);
			w += k;
		}
		fd = open("/proc/self/cmdline", O_RDONLY);
		CHECK(fd >= 0);
		n = read(fd, cmd, sizeof cmd);
		close(fd);
		CHECK(n == (ssize_t)w && memcmp(cmd, want, w) == 0);
	}
	{ /* the process is named after the program (its first 15 bytes), as exec names it */
		char comm[32] = "", base[16];
		const char *slash = strrchr(self, '/');
		snprintf(base, sizeof base, "%s", slash ? slash + 1 : self);
		fd = open("/proc/self/comm", O_RDONLY);
		CHECK(fd >= 0 && read(fd, comm, sizeof comm - 1) > 0);
		close(fd);
		comm[strcspn(comm, "\n")] = 0;
		if (strcmp(comm, "qemu-riscv64") != 0) /* (QEMU keeps its own name) */
			CHECK(strcmp(comm, base) == 0);
	}
	printf("proc files ok\n");
	return 0;
}
