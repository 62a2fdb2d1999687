/* What the statically linked rvx exports to the plugins it maps itself (so_map.c): the plugin
 * API and the parts of the C library (libc, libm) a plugin written in C calls. A dynamically
 * linked rvx exports them by the dynamic linker instead. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* The C library's entry points that compilers call but headers do not declare. */
int __isoc99_sscanf(const char *, const char *, ...);
int __isoc99_fscanf(FILE *, const char *, ...);
int __fprintf_chk(FILE *, int, const char *, ...);
int __printf_chk(int, const char *, ...);
int __sprintf_chk(char *, int, size_t, const char *, ...);
int __snprintf_chk(char *, size_t, int, size_t, const char *, ...);
int __vfprintf_chk(FILE *, int, const char *, va_list);
int __vsnprintf_chk(char *, size_t, int, size_t, const char *, va_list);
void *__memcpy_chk(void *, const void *, size_t, size_t);
void *__memmove_chk(void *, const void *, size_t, size_t);
void *__memset_chk(void *, int, size_t, size_t);
char *__strcpy_chk(char *, const char *, size_t);
char *__strcat_chk(char *, const char *, size_t);
void __stack_chk_fail(void);
int __cxa_atexit(void (*)(void *), void *, void *);
void __cxa_finalize(void *);

/* the tables a few names to a line */
/* clang-format off */
#define PLUGIN_API(X)                                                                               \
	X(rvx_plugin_bool_parse) X(rvx_plugin_end_code) X(rvx_plugin_entry_code)                    \
	X(rvx_plugin_find_register) X(rvx_plugin_insn_data) X(rvx_plugin_insn_disas)                \
	X(rvx_plugin_insn_size) X(rvx_plugin_insn_symbol) X(rvx_plugin_insn_vaddr)                  \
	X(rvx_plugin_mem_get_value) X(rvx_plugin_mem_is_atomic) X(rvx_plugin_mem_is_sign_extended)  \
	X(rvx_plugin_mem_is_store) X(rvx_plugin_mem_size_shift) X(rvx_plugin_num_vcpus)             \
	X(rvx_plugin_outs) X(rvx_plugin_path_to_binary) X(rvx_plugin_read_memory_vaddr)             \
	X(rvx_plugin_read_register) X(rvx_plugin_register_atexit_cb)                                \
	X(rvx_plugin_register_vcpu_discon_cb) X(rvx_plugin_register_vcpu_exit_cb)                   \
	X(rvx_plugin_register_vcpu_init_cb) X(rvx_plugin_register_vcpu_insn_exec_cb)                \
	X(rvx_plugin_register_vcpu_insn_exec_cond_cb)                                               \
	X(rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu) X(rvx_plugin_register_vcpu_mem_cb)    \
	X(rvx_plugin_register_vcpu_mem_inline_per_vcpu) X(rvx_plugin_register_vcpu_syscall_cb)      \
	X(rvx_plugin_register_vcpu_syscall_filter_cb) X(rvx_plugin_register_vcpu_syscall_ret_cb)    \
	X(rvx_plugin_register_vcpu_tb_exec_cb) X(rvx_plugin_register_vcpu_tb_exec_cond_cb)          \
	X(rvx_plugin_register_vcpu_tb_exec_inline_per_vcpu) X(rvx_plugin_register_vcpu_tb_trans_cb) \
	X(rvx_plugin_scoreboard_find) X(rvx_plugin_scoreboard_free) X(rvx_plugin_scoreboard_new)    \
	X(rvx_plugin_start_code) X(rvx_plugin_tb_get_insn) X(rvx_plugin_tb_n_insns)                 \
	X(rvx_plugin_tb_vaddr) X(rvx_plugin_u64_add) X(rvx_plugin_u64_get) X(rvx_plugin_u64_set)    \
	X(rvx_plugin_u64_sum) X(rvx_plugin_write_memory_vaddr) X(rvx_plugin_write_register)

#define C_LIBRARY(X)                                                                                \
	X(fprintf) X(printf) X(snprintf) X(sprintf) X(vfprintf) X(vprintf) X(vsnprintf) X(vsprintf) \
	X(fputs) X(puts) X(fputc) X(putc) X(putchar) X(fwrite) X(fread) X(fopen) X(fdopen)          \
	X(fclose) X(fflush) X(fgets) X(fgetc) X(getc) X(fileno) X(setvbuf) X(sscanf) X(fscanf)      \
	X(__isoc99_sscanf) X(__isoc99_fscanf) X(perror) X(open_memstream) X(ferror) X(feof)         \
	X(rewind) X(fseek) X(ftell) X(getline) X(remove) X(rename) X(__fprintf_chk) X(__printf_chk) \
	X(__sprintf_chk) X(__snprintf_chk) X(__vfprintf_chk) X(__vsnprintf_chk) X(malloc) X(calloc) \
	X(realloc) X(free) X(aligned_alloc) X(posix_memalign) X(strtol) X(strtoul) X(strtoll)       \
	X(strtoull) X(strtod) X(strtof) X(atoi) X(atol) X(atoll) X(atof) X(qsort) X(bsearch)        \
	X(abort) X(exit) X(getenv) X(abs) X(labs) X(llabs) X(rand) X(srand) X(__cxa_atexit)         \
	X(__cxa_finalize) X(__errno_location) X(__stack_chk_fail) X(memcpy) X(memmove) X(memset)    \
	X(memcmp) X(memchr) X(strlen) X(strnlen) X(strcmp) X(strncmp) X(strcpy) X(strncpy)          \
	X(strcat) X(strncat) X(strchr) X(strrchr) X(strstr) X(strdup) X(strndup) X(strpbrk)         \
	X(strspn) X(strcspn) X(strtok) X(strtok_r) X(strerror) X(strcasecmp) X(strncasecmp)         \
	X(__memcpy_chk) X(__memmove_chk) X(__memset_chk) X(__strcpy_chk) X(__strcat_chk)            \
	X(pthread_mutex_init) X(pthread_mutex_lock) X(pthread_mutex_trylock)                        \
	X(pthread_mutex_unlock) X(pthread_mutex_destroy) X(pthread_rwlock_init)                     \
	X(pthread_rwlock_rdlock) X(pthread_rwlock_wrlock) X(pthread_rwlock_unlock)                  \
	X(pthread_rwlock_destroy) X(pthread_once) X(pthread_self) X(pthread_key_create)             \
	X(pthread_getspecific) X(pthread_setspecific) X(clock_gettime) X(time) X(gettimeofday)      \
	X(getpid) X(write) X(read) X(close) X(isatty) X(sqrt) X(exp) X(log) X(log2) X(log10) X(pow) \
	X(floor) X(ceil) X(fabs) X(round) X(fmod)

#define C_VARIABLES(X)               \
	X(stdin) X(stdout) X(stderr)
/* clang-format on */

struct plugin_export {
	const char *name;
	void *address;
};

#define FUNCTION(f) {#f, (void *)f},
#define VARIABLE(v) {#v, (void *)&v},
static const struct plugin_export exports[] = {PLUGIN_API(FUNCTION) C_LIBRARY(FUNCTION) C_VARIABLES(VARIABLE)};

void *plugin_export(const char *name)
{
	for (size_t k = 0; k < sizeof exports / sizeof exports[0]; k++)
		if (!strcmp(exports[k].name, name))
			return exports[k].address;
	return NULL;
}
