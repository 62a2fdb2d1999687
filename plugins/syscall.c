/* syscall: per-syscall counts and errors at exit; print=on traces each call and its result;
 * filter=NR:VALUE skips syscall NR, which then returns VALUE (e.g. filter=172:4242 makes getpid
 * answer 4242; filter=64:-1 makes write fail with EPERM). */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

#define NR_MAX  512
#define FILTERS 16

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t calls[NR_MAX], errors[NR_MAX];
static bool print;
static struct {
	int64_t nr;
	int64_t value;
} filters[FILTERS];
static int nfilters;

static void on_syscall(rvx_plugin_id_t id, unsigned int vcpu_index, int64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
		       uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8)
{
	char line[160];
	(void)a4, (void)a5, (void)a6, (void)a7, (void)a8;
	if (num >= 0 && num < NR_MAX) {
		pthread_mutex_lock(&lock);
		calls[num]++;
		pthread_mutex_unlock(&lock);
	}
	if (print) {
		snprintf(line, sizeof line,
			 "vcpu %u: syscall %" PRId64 "(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64 ")\n", vcpu_index, num,
			 a1, a2, a3);
		rvx_plugin_outs(id, line);
	}
}

static void on_return(rvx_plugin_id_t id, unsigned int vcpu_index, int64_t num, int64_t ret)
{
	char line[96];
	if (ret < 0 && ret > -4096 && num >= 0 && num < NR_MAX) {
		pthread_mutex_lock(&lock);
		errors[num]++;
		pthread_mutex_unlock(&lock);
	}
	if (print) {
		snprintf(line, sizeof line, "vcpu %u: syscall %" PRId64 " = %" PRId64 "\n", vcpu_index, num, ret);
		rvx_plugin_outs(id, line);
	}
}

static bool on_filter(rvx_plugin_id_t id, unsigned int vcpu_index, int64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
		      uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8, uint64_t *sysret)
{
	(void)id, (void)vcpu_index, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6, (void)a7, (void)a8;
	for (int i = 0; i < nfilters; i++)
		if (filters[i].nr == num) {
			*sysret = (uint64_t)filters[i].value;
			return true;
		}
	return false;
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	char line[96];
	(void)userdata;
	rvx_plugin_outs(id, "syscall no.  calls  errors\n");
	for (int nr = 0; nr < NR_MAX; nr++) {
		if (!calls[nr])
			continue;
		snprintf(line, sizeof line, "%-10d %6" PRIu64 " %7" PRIu64 "\n", nr, calls[nr], errors[nr]);
		rvx_plugin_outs(id, line);
	}
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		char *end;
		if (!strncmp(argv[i], "print=", 6) && rvx_plugin_bool_parse("print", argv[i] + 6, &print))
			continue;
		if (!strncmp(argv[i], "filter=", 7) && nfilters < FILTERS) {
			filters[nfilters].nr = strtoll(argv[i] + 7, &end, 0);
			if (*end == ':') {
				filters[nfilters].value = strtoll(end + 1, &end, 0);
				if (!*end) {
					nfilters++;
					continue;
				}
			}
		}
		fprintf(stderr, "syscall: unknown argument '%s' (have: print=on|off, filter=NR:VALUE)\n", argv[i]);
		return -1;
	}
	rvx_plugin_register_vcpu_syscall_cb(id, on_syscall);
	rvx_plugin_register_vcpu_syscall_ret_cb(id, on_return);
	if (nfilters)
		rvx_plugin_register_vcpu_syscall_filter_cb(id, on_filter);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
