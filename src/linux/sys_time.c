/* Clocks: read through the host C library, which answers from the vDSO without entering the
 * kernel. A RISC-V process reads them from its own vDSO; the guest, which has none, makes the
 * ecall, and the host syscall behind it would be most of what the call costs. */
#include <sys/time.h>
#include <time.h>

#include "syscall.h"

long sys_clock_gettime(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct timespec ts;
	if (clock_gettime((clockid_t)a[0], &ts) != 0)
		return -errno;
	return guest_write(cpu, a[1], &ts, sizeof ts) ? 0 : -EFAULT;
}

long sys_gettimeofday(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct timeval tv;
	struct timezone tz;
	if (gettimeofday(&tv, a[1] ? &tz : NULL) != 0)
		return -errno;
	if ((a[0] && !guest_write(cpu, a[0], &tv, sizeof tv)) || (a[1] && !guest_write(cpu, a[1], &tz, sizeof tz)))
		return -EFAULT;
	return 0;
}
