/* rvx plugin API: instrument guest code from a shared object.
 *
 *   rvx -plugin ./libinsn.so,inline=on PROGRAM ARGS...
 *
 * Shaped on QEMU's qemu-plugin.h, so that what a QEMU plugin author knows carries over: the
 * names trade the qemu_ prefix for rvx_, and the few calls QEMU makes on a hidden global take
 * the plugin's id here (rvx can run many machines in one process).
 *
 * A plugin defines rvx_plugin_version (RVX_PLUGIN_VERSION when it was built) and
 * rvx_plugin_install, which registers callbacks. Translation-time callbacks (vcpu_tb_trans) see
 * each block of guest code once, before it first runs, and register what should happen when
 * it runs: a call, an inline operation on a scoreboard (no call at all in translated code), or
 * a call guarded by a scoreboard condition.
 *
 * Threads: every guest thread is a vCPU with its own host thread; callbacks about a vCPU run
 * on its host thread, so callbacks for different vCPUs run at the same time. A plugin guards
 * its own shared data (or keeps it per vCPU in a scoreboard). Registers and memory may be read
 * and written only from a callback about the vCPU concerned, on its thread. Translation-time
 * callbacks may run on any vCPU's thread, one at a time.
 *
 * Cost: when no plugin is loaded, translated code is exactly what it is without this API. An
 * instruction counter (an inline addition of each block's instruction count, or of 1 on each
 * instruction, to a scoreboard element of a few words) costs nothing in translated code when the
 * plugin reads it through rvx_plugin_u64_* only: rvx keeps it with instret. A plugin that uses
 * rvx_plugin_scoreboard_find, or that the dynamic linker opens (rvx-dyn), counts in memory.
 */
#ifndef RVX_PLUGIN_H
#define RVX_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The API version a plugin is built against; rvx accepts RVX_PLUGIN_VERSION_MIN to this. */
#define RVX_PLUGIN_VERSION     1
#define RVX_PLUGIN_VERSION_MIN 1

#define RVX_PLUGIN_EXPORT __attribute__((visibility("default")))

/* Identifies one loaded plugin (a plugin may be loaded several times, with other arguments). */
typedef uint64_t rvx_plugin_id_t;

typedef struct rvx_info {
	const char *target_name; /* "riscv64" */
	struct {
		int min, cur; /* the API versions this rvx supports */
	} version;
	const char *isa; /* the ISA string, e.g. "rv64imafdc_zicsr_zifencei_zba_zbb_zbs" */
} rvx_info_t;

/* What a plugin defines. install returns 0, or anything else to refuse to load (rvx then
 * stops with an error naming the plugin). argv holds the "name=value" arguments, valid during
 * the call only. */
extern RVX_PLUGIN_EXPORT int rvx_plugin_version;
RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv);

/* --- callbacks --- */

typedef void (*rvx_plugin_udata_cb_t)(rvx_plugin_id_t id, void *userdata);
typedef void (*rvx_plugin_vcpu_simple_cb_t)(rvx_plugin_id_t id, unsigned int vcpu_index);
typedef void (*rvx_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);

/* A new guest thread starts (vCPU indices are small: the lowest free one is reused), or ends. */
void rvx_plugin_register_vcpu_init_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_simple_cb_t cb);
void rvx_plugin_register_vcpu_exit_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_simple_cb_t cb);

/* The guest process ends (exit, exit_group of the last thread, or a fatal signal). */
void rvx_plugin_register_atexit_cb(rvx_plugin_id_t id, rvx_plugin_udata_cb_t cb, void *userdata);

/* --- blocks and instructions, at translation --- */

struct rvx_plugin_tb;
struct rvx_plugin_insn;

/* A block is straight-line guest code: it ends with a branch, jump, ecall, ebreak, fence.i or
 * an instruction rvx does not know, or after 64 instructions or at the end of a page. Both
 * engines (translator and interpreter) form the same blocks. */
typedef void (*rvx_plugin_vcpu_tb_trans_cb_t)(rvx_plugin_id_t id, struct rvx_plugin_tb *tb);
void rvx_plugin_register_vcpu_tb_trans_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_tb_trans_cb_t cb);

size_t rvx_plugin_tb_n_insns(const struct rvx_plugin_tb *tb);
uint64_t rvx_plugin_tb_vaddr(const struct rvx_plugin_tb *tb);
struct rvx_plugin_insn *rvx_plugin_tb_get_insn(const struct rvx_plugin_tb *tb, size_t idx);

uint64_t rvx_plugin_insn_vaddr(const struct rvx_plugin_insn *insn);
size_t rvx_plugin_insn_size(const struct rvx_plugin_insn *insn); /* 2 or 4 */
/* Copies up to len bytes of the instruction's encoding; returns how many. */
size_t rvx_plugin_insn_data(const struct rvx_plugin_insn *insn, void *dest, size_t len);
/* objdump -M no-aliases syntax, e.g. "addi\ta0,a0,1" (no pseudo-instructions: ret is
 * "jalr\tzero,0(ra)"); the caller frees it. */
char *rvx_plugin_insn_disas(const struct rvx_plugin_insn *insn);
/* The ELF symbol (of the program, its interpreter or a library it mapped) that contains the
 * instruction, or NULL. */
const char *rvx_plugin_insn_symbol(const struct rvx_plugin_insn *insn);

/* --- at execution --- */

/* Accepted as QEMU's are; rvx gives every callback exact registers whatever the flag. */
enum rvx_plugin_cb_flags {
	RVX_PLUGIN_CB_NO_REGS,
	RVX_PLUGIN_CB_R_REGS,
	RVX_PLUGIN_CB_RW_REGS,
};

/* Scoreboards: one element of element_size bytes per vCPU, zeroed, at a stable address. */
struct rvx_plugin_scoreboard;
struct rvx_plugin_scoreboard *rvx_plugin_scoreboard_new(rvx_plugin_id_t id, size_t element_size);
void rvx_plugin_scoreboard_free(struct rvx_plugin_scoreboard *score);
void *rvx_plugin_scoreboard_find(struct rvx_plugin_scoreboard *score, unsigned int vcpu_index);

/* A uint64_t at offset in every element of a scoreboard. */
typedef struct {
	struct rvx_plugin_scoreboard *score;
	size_t offset;
} rvx_plugin_u64;

void rvx_plugin_u64_add(rvx_plugin_u64 entry, unsigned int vcpu_index, uint64_t added);
uint64_t rvx_plugin_u64_get(rvx_plugin_u64 entry, unsigned int vcpu_index);
void rvx_plugin_u64_set(rvx_plugin_u64 entry, unsigned int vcpu_index, uint64_t value);
/* Over every vCPU there has been. */
uint64_t rvx_plugin_u64_sum(rvx_plugin_u64 entry);

/* Inline operations: on the running vCPU's element, in the translated code itself. */
enum rvx_plugin_op {
	RVX_PLUGIN_INLINE_ADD_U64,
	RVX_PLUGIN_INLINE_STORE_U64,
};

/* Conditions for conditional callbacks: the running vCPU's entry compared with imm. */
enum rvx_plugin_cond {
	RVX_PLUGIN_COND_NEVER,
	RVX_PLUGIN_COND_ALWAYS,
	RVX_PLUGIN_COND_EQ,
	RVX_PLUGIN_COND_NE,
	RVX_PLUGIN_COND_LT,
	RVX_PLUGIN_COND_LE,
	RVX_PLUGIN_COND_GT,
	RVX_PLUGIN_COND_GE,
};

/* Each time the block runs (on entry) / the instruction runs (before it). Actions registered
 * on one block or instruction happen in the order they were registered. */
void rvx_plugin_register_vcpu_tb_exec_cb(struct rvx_plugin_tb *tb, rvx_plugin_vcpu_udata_cb_t cb,
					 enum rvx_plugin_cb_flags flags, void *userdata);
void rvx_plugin_register_vcpu_tb_exec_inline_per_vcpu(struct rvx_plugin_tb *tb, enum rvx_plugin_op op,
						      rvx_plugin_u64 entry, uint64_t imm);
void rvx_plugin_register_vcpu_tb_exec_cond_cb(struct rvx_plugin_tb *tb, rvx_plugin_vcpu_udata_cb_t cb,
					      enum rvx_plugin_cb_flags flags, enum rvx_plugin_cond cond,
					      rvx_plugin_u64 entry, uint64_t imm, void *userdata);
void rvx_plugin_register_vcpu_insn_exec_cb(struct rvx_plugin_insn *insn, rvx_plugin_vcpu_udata_cb_t cb,
					   enum rvx_plugin_cb_flags flags, void *userdata);
void rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(struct rvx_plugin_insn *insn, enum rvx_plugin_op op,
							rvx_plugin_u64 entry, uint64_t imm);
void rvx_plugin_register_vcpu_insn_exec_cond_cb(struct rvx_plugin_insn *insn, rvx_plugin_vcpu_udata_cb_t cb,
						enum rvx_plugin_cb_flags flags, enum rvx_plugin_cond cond,
						rvx_plugin_u64 entry, uint64_t imm, void *userdata);

/* --- memory accesses --- */

typedef uint32_t rvx_plugin_meminfo_t;

enum rvx_plugin_mem_rw {
	RVX_PLUGIN_MEM_R = 1,
	RVX_PLUGIN_MEM_W = 2,
	RVX_PLUGIN_MEM_RW = 3,
};

/* After each access the instruction makes, in both engines: loads and stores, FP loads and
 * stores, and atomics in their RISC-V meaning: an LR is a load, an SC that succeeds a store (one
 * that fails accesses nothing), an AMO a load of the old value then a store of the new one.
 * A registration makes the instruction run through the interpreter (slower, exact). */
typedef void (*rvx_plugin_vcpu_mem_cb_t)(unsigned int vcpu_index, rvx_plugin_meminfo_t info, uint64_t vaddr,
					 void *userdata);
void rvx_plugin_register_vcpu_mem_cb(struct rvx_plugin_insn *insn, rvx_plugin_vcpu_mem_cb_t cb,
				     enum rvx_plugin_cb_flags flags, enum rvx_plugin_mem_rw rw, void *userdata);
void rvx_plugin_register_vcpu_mem_inline_per_vcpu(struct rvx_plugin_insn *insn, enum rvx_plugin_mem_rw rw,
						  enum rvx_plugin_op op, rvx_plugin_u64 entry, uint64_t imm);

/* The access: its size (1 << shift bytes), whether the load sign-extends, a store, atomic. */
unsigned int rvx_plugin_mem_size_shift(rvx_plugin_meminfo_t info);
bool rvx_plugin_mem_is_sign_extended(rvx_plugin_meminfo_t info);
bool rvx_plugin_mem_is_store(rvx_plugin_meminfo_t info);
bool rvx_plugin_mem_is_atomic(rvx_plugin_meminfo_t info);
/* The bytes loaded or stored, zero-extended (from the memory callback only). */
uint64_t rvx_plugin_mem_get_value(rvx_plugin_meminfo_t info);

/* --- system calls --- */

/* Before every guest syscall (num is a7, a1..a6 are a0..a5; a7 and a8 are 0). */
typedef void (*rvx_plugin_vcpu_syscall_cb_t)(rvx_plugin_id_t id, unsigned int vcpu_index, int64_t num, uint64_t a1,
					     uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6,
					     uint64_t a7, uint64_t a8);
/* After it, with what the guest gets in a0 (a negative errno on failure). Not called for a
 * syscall that does not return (exit, exit_group, a successful execve, rt_sigreturn). */
typedef void (*rvx_plugin_vcpu_syscall_ret_cb_t)(rvx_plugin_id_t id, unsigned int vcpu_index, int64_t num, int64_t ret);
/* Before the syscall, after the syscall callbacks: returning true skips it, and the guest gets
 * *sysret in a0 (the return callbacks see it). The first filter that skips wins. */
typedef bool (*rvx_plugin_vcpu_syscall_filter_cb_t)(rvx_plugin_id_t id, unsigned int vcpu_index, int64_t num,
						    uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
						    uint64_t a6, uint64_t a7, uint64_t a8, uint64_t *sysret);
void rvx_plugin_register_vcpu_syscall_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_syscall_cb_t cb);
void rvx_plugin_register_vcpu_syscall_ret_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_syscall_ret_cb_t cb);
void rvx_plugin_register_vcpu_syscall_filter_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_syscall_filter_cb_t cb);

/* --- discontinuities --- */

/* Control that leaves the guest's own flow: a signal's handler entered (from the pc the signal
 * interrupted), a handler's rt_sigreturn back to where it was (from the ecall). */
enum rvx_plugin_discon_type {
	RVX_PLUGIN_DISCON_SIGNAL = 1,
	RVX_PLUGIN_DISCON_SIGRETURN = 2,
	RVX_PLUGIN_DISCON_ALL = 3,
};
typedef void (*rvx_plugin_vcpu_discon_cb_t)(rvx_plugin_id_t id, unsigned int vcpu_index,
					    enum rvx_plugin_discon_type type, uint64_t from_pc, uint64_t to_pc);
void rvx_plugin_register_vcpu_discon_cb(rvx_plugin_id_t id, enum rvx_plugin_discon_type type,
					rvx_plugin_vcpu_discon_cb_t cb);

/* --- the running vCPU's registers and memory (from its callbacks only) --- */

/* A handle for a register by the name gdb uses: zero, ra, sp, ... t6 (or x0-x31, fp), pc,
 * ft0 ... ft11 (or f0-f31), fflags, frm, fcsr. -1 when there is no such register. */
int rvx_plugin_find_register(const char *name);
/* Reads into buf (8 bytes; 4 for fflags, frm, fcsr); returns the size, or -1 (buffer too
 * small, no vCPU callback running). */
int rvx_plugin_read_register(int handle, void *buf, size_t len);
/* Writes the register from buf (the size read_register gives); false if it cannot (pc, x0,
 * outside a callback). A write lands before the guest's next instruction. */
bool rvx_plugin_write_register(int handle, const void *buf, size_t len);

/* Guest memory at a virtual address; false when any of it is unmapped (nothing is copied).
 * Writes ignore write protection, as a debugger's do, and drop translations of what changed. */
bool rvx_plugin_read_memory_vaddr(uint64_t addr, void *buf, size_t len);
bool rvx_plugin_write_memory_vaddr(uint64_t addr, const void *buf, size_t len);

/* --- the rest --- */

/* Writes to rvx's log: stderr, or the file given with -D. */
void rvx_plugin_outs(rvx_plugin_id_t id, const char *string);
/* Parses "on"/"off"/"true"/"false"/"yes"/"no" for the argument called name; false otherwise. */
bool rvx_plugin_bool_parse(const char *name, const char *value, bool *ret);
/* vCPUs so far (the highest index given out plus one). */
int rvx_plugin_num_vcpus(rvx_plugin_id_t id);
/* The guest program and its text: path, start and end of its executable segment, entry. */
const char *rvx_plugin_path_to_binary(rvx_plugin_id_t id);
uint64_t rvx_plugin_start_code(rvx_plugin_id_t id);
uint64_t rvx_plugin_end_code(rvx_plugin_id_t id);
uint64_t rvx_plugin_entry_code(rvx_plugin_id_t id);

#ifdef __cplusplus
}
#endif

#endif
