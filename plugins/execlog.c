/* execlog: each instruction as it runs, with the memory it accessed, as QEMU's execlog writes
 * it: vCPU, address, encoding, "disassembly", then ", load|store, 0xADDRESS" per access.
 * ifilter=SYMBOL keeps the instructions of one function (repeatable); limit=N stops after N
 * lines. */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

#define MAX_VCPUS 256
#define FILTERS   16

/* the line of each vCPU's last instruction: written out when the next one starts, so that the
 * instruction's accesses are on it */
static struct {
	char text[512];
	size_t len;
} lines[MAX_VCPUS];
static const char *filters[FILTERS];
static int nfilters;
static uint64_t limit = UINT64_MAX, written;
static rvx_plugin_id_t self;

static void flush(unsigned int vcpu)
{
	if (vcpu >= MAX_VCPUS || !lines[vcpu].len)
		return;
	if (__atomic_fetch_add(&written, 1, __ATOMIC_RELAXED) < limit) {
		lines[vcpu].text[lines[vcpu].len] = '\n';
		lines[vcpu].text[lines[vcpu].len + 1] = 0;
		rvx_plugin_outs(self, lines[vcpu].text);
	}
	lines[vcpu].len = 0;
}

static void insn_exec(unsigned int vcpu, void *userdata)
{
	if (vcpu >= MAX_VCPUS)
		return;
	flush(vcpu);
	lines[vcpu].len =
	    (size_t)snprintf(lines[vcpu].text, sizeof lines[vcpu].text - 2, "%u, %s", vcpu, (const char *)userdata);
}

static void mem_access(unsigned int vcpu, rvx_plugin_meminfo_t info, uint64_t vaddr, void *userdata)
{
	size_t room;
	(void)userdata;
	if (vcpu >= MAX_VCPUS)
		return;
	room = sizeof lines[vcpu].text - 2 - lines[vcpu].len;
	if (room > 40)
		lines[vcpu].len += (size_t)snprintf(lines[vcpu].text + lines[vcpu].len, room, ", %s, 0x%08" PRIx64,
						    rvx_plugin_mem_is_store(info) ? "store" : "load", vaddr);
}

static bool wanted(const struct rvx_plugin_insn *insn)
{
	const char *sym;
	if (!nfilters)
		return true;
	sym = rvx_plugin_insn_symbol(insn);
	for (int i = 0; sym && i < nfilters; i++)
		if (!strcmp(sym, filters[i]))
			return true;
	return false;
}

static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	(void)id;
	for (size_t i = 0; i < rvx_plugin_tb_n_insns(tb); i++) {
		struct rvx_plugin_insn *insn = rvx_plugin_tb_get_insn(tb, i);
		uint32_t bits = 0;
		char *text, *line;
		if (!wanted(insn))
			continue;
		rvx_plugin_insn_data(insn, &bits, sizeof bits);
		text = rvx_plugin_insn_disas(insn);
		line = malloc(256); /* lives as long as the translation: kept */
		if (!line || !text) {
			free(text);
			free(line);
			continue;
		}
		snprintf(line, 256, "0x%" PRIx64 ", 0x%0*" PRIx32 ", \"%s\"", rvx_plugin_insn_vaddr(insn),
			 (int)rvx_plugin_insn_size(insn) * 2, bits, text);
		free(text);
		rvx_plugin_register_vcpu_insn_exec_cb(insn, insn_exec, RVX_PLUGIN_CB_NO_REGS, line);
		rvx_plugin_register_vcpu_mem_cb(insn, mem_access, RVX_PLUGIN_CB_NO_REGS, RVX_PLUGIN_MEM_RW, NULL);
	}
}

static void vcpu_exit(rvx_plugin_id_t id, unsigned int vcpu)
{
	(void)id;
	flush(vcpu);
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	self = id;
	for (int i = 0; i < argc; i++) {
		char *end;
		if (!strncmp(argv[i], "ifilter=", 8) && nfilters < FILTERS && argv[i][8]) {
			filters[nfilters++] = strdup(argv[i] + 8);
			continue;
		}
		if (!strncmp(argv[i], "limit=", 6)) {
			limit = strtoull(argv[i] + 6, &end, 10);
			if (!*end && argv[i][6])
				continue;
		}
		fprintf(stderr, "execlog: unknown argument '%s' (have: ifilter=SYMBOL, limit=N)\n", argv[i]);
		return -1;
	}
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_vcpu_exit_cb(id, vcpu_exit);
	return 0;
}
