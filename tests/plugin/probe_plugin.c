/* A test plugin: counts vCPU starts and ends, reads a write's buffer from guest memory through
 * its registers, makes probe_target return 1234 by writing a0 where it returns, points
 * probe_load's base register a0 past the guest space before its second load and probe_walk's in
 * its loop, and fires a
 * conditional callback when a vCPU's block count reaches 100. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

static int inits, exits, fired, signals, sigreturns;
static uint64_t handler, signal_to; /* on_usr1's first instruction; where the signal went */
static rvx_plugin_u64 blocks;
static char written[256];

static void vcpu_init(rvx_plugin_id_t id, unsigned int vcpu)
{
	(void)id, (void)vcpu;
	__atomic_add_fetch(&inits, 1, __ATOMIC_SEQ_CST);
}

static void vcpu_exit(rvx_plugin_id_t id, unsigned int vcpu)
{
	(void)id, (void)vcpu;
	__atomic_add_fetch(&exits, 1, __ATOMIC_SEQ_CST);
}

static void on_syscall(rvx_plugin_id_t id, unsigned int vcpu, int64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
		       uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8)
{
	uint64_t buf, len;
	(void)id, (void)vcpu, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6, (void)a7, (void)a8;
	if (num != 64 || written[0])
		return;
	/* the arguments again, through the registers */
	if (rvx_plugin_read_register(rvx_plugin_find_register("a1"), &buf, 8) != 8 ||
	    rvx_plugin_read_register(rvx_plugin_find_register("x12"), &len, 8) != 8 || len >= sizeof written)
		return;
	if (!rvx_plugin_read_memory_vaddr(buf, written, len))
		strcpy(written, "(unreadable)");
}

/* At probe_target's return (jalr zero,0(ra)): a0 becomes 1234. */
static void at_return(unsigned int vcpu, void *userdata)
{
	uint64_t v = 1234;
	(void)vcpu, (void)userdata;
	rvx_plugin_write_register(rvx_plugin_find_register("a0"), &v, 8);
}

/* Before probe_load's second load by a0, which its first one checked: a0 becomes 1 << 46. */
static void before_load(unsigned int vcpu, void *userdata)
{
	uint64_t v = (uint64_t)1 << 46;
	(void)vcpu, (void)userdata;
	rvx_plugin_write_register(rvx_plugin_find_register("a0"), &v, 8);
}

/* In probe_walk's loop, after a0 stepped: a0 becomes 1 << 46 for the next pass's load. */
static void before_walk_load(unsigned int vcpu, void *userdata)
{
	uint64_t v = (uint64_t)1 << 46;
	(void)vcpu, (void)userdata;
	rvx_plugin_write_register(rvx_plugin_find_register("a0"), &v, 8);
}

static void reached(unsigned int vcpu, void *userdata)
{
	(void)vcpu, (void)userdata;
	__atomic_add_fetch(&fired, 1, __ATOMIC_SEQ_CST);
}

/* Where a signal goes (by symbol) and that its handler comes back. */
static void discontinuity(rvx_plugin_id_t id, unsigned int vcpu, enum rvx_plugin_discon_type type, uint64_t from,
			  uint64_t to)
{
	(void)id, (void)vcpu, (void)from;
	if (type == RVX_PLUGIN_DISCON_SIGNAL) {
		signals++;
		signal_to = to;
	} else {
		sigreturns++;
	}
}

static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	const char *first = rvx_plugin_tb_n_insns(tb) ? rvx_plugin_insn_symbol(rvx_plugin_tb_get_insn(tb, 0)) : NULL;
	(void)id;
	if (!first || strcmp(first, "probe_walk") != 0) { /* its loop: the rewrite alone between passes */
		rvx_plugin_register_vcpu_tb_exec_inline_per_vcpu(tb, RVX_PLUGIN_INLINE_ADD_U64, blocks, 1);
		rvx_plugin_register_vcpu_tb_exec_cond_cb(tb, reached, RVX_PLUGIN_CB_NO_REGS, RVX_PLUGIN_COND_EQ, blocks,
							 100, NULL);
	}
	for (size_t i = 0; i < rvx_plugin_tb_n_insns(tb); i++) {
		struct rvx_plugin_insn *insn = rvx_plugin_tb_get_insn(tb, i);
		const char *sym = rvx_plugin_insn_symbol(insn);
		if (i == 0 && sym && !strcmp(sym, "on_usr1") && !handler)
			handler = rvx_plugin_insn_vaddr(insn);
		char *text = rvx_plugin_insn_disas(insn);
		if (sym && !strcmp(sym, "probe_target") && text && !strcmp(text, "jalr\tzero,0(ra)"))
			rvx_plugin_register_vcpu_insn_exec_cb(insn, at_return, RVX_PLUGIN_CB_RW_REGS, NULL);
		if (sym && !strcmp(sym, "probe_load") && text && !strncmp(text, "ld\t", 3) && strstr(text, ",8(a0)"))
			rvx_plugin_register_vcpu_insn_exec_cb(insn, before_load, RVX_PLUGIN_CB_RW_REGS, NULL);
		if (sym && !strcmp(sym, "probe_walk") && text && !strcmp(text, "addi\ta1,a1,-1"))
			rvx_plugin_register_vcpu_insn_exec_cb(insn, before_walk_load, RVX_PLUGIN_CB_RW_REGS, NULL);
		free(text);
	}
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	char line[512];
	(void)userdata;
	snprintf(line, sizeof line,
		 "probe: %d vcpu inits, %d vcpu exits, condition fired %d times\nprobe: %d signals, %s, %d "
		 "returns\nprobe: write saw: %s",
		 inits, exits, fired, signals, handler && signal_to == handler ? "to on_usr1" : "elsewhere", sigreturns,
		 written);
	rvx_plugin_outs(id, line);
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)argc, (void)argv;
	if (strcmp(info->target_name, "riscv64") != 0)
		return 1;
	blocks = (rvx_plugin_u64){rvx_plugin_scoreboard_new(id, sizeof(uint64_t)), 0};
	rvx_plugin_register_vcpu_init_cb(id, vcpu_init);
	rvx_plugin_register_vcpu_exit_cb(id, vcpu_exit);
	rvx_plugin_register_vcpu_syscall_cb(id, on_syscall);
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_vcpu_discon_cb(id, RVX_PLUGIN_DISCON_ALL, discontinuity);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
