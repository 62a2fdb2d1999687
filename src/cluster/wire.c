#include "wire.h"

#include "../machine.h"

size_t wire_encode(const struct cl_msg *m, uint8_t *out)
{
	uint8_t *p = out;
	p = wire_put32(p, m->type);
	p = wire_put32(p, m->flags);
	p = wire_put32(p, (uint32_t)m->src);
	p = wire_put32(p, (uint32_t)m->home);
	p = wire_put64(p, m->txn);
	p = wire_put32(p, (uint32_t)m->thread);
	p = wire_put32(p, m->len);
	p = wire_put64(p, m->page);
	for (int i = 0; i < CL_MSG_ARGS; i++)
		p = wire_put64(p, m->arg[i]);
	if (m->len && m->payload != p) /* else built in place, after the header's room */
		memcpy(p, m->payload, m->len);
	return (size_t)(p - out) + m->len;
}

bool wire_decode(const uint8_t *buf, size_t len, struct cl_msg *m)
{
	const uint8_t *p = buf;
	uint32_t v;
	if (len < CL_HEADER_BYTES)
		return false;
	p = wire_get32(p, &m->type);
	p = wire_get32(p, &m->flags);
	p = wire_get32(p, &v);
	m->src = (int32_t)v;
	p = wire_get32(p, &v);
	m->home = (int32_t)v;
	p = wire_get64(p, &m->txn);
	p = wire_get32(p, &v);
	m->thread = (int32_t)v;
	p = wire_get32(p, &m->len);
	p = wire_get64(p, &m->page);
	for (int i = 0; i < CL_MSG_ARGS; i++)
		p = wire_get64(p, &m->arg[i]);
	if (m->type == 0 || m->type >= MSG_TYPES || m->len != len - CL_HEADER_BYTES)
		return false;
	m->payload = p;
	return true;
}

void wire_put_regs(uint8_t *out, const struct rvx_vcpu *cpu)
{
	uint8_t *p = out;
	for (int i = 1; i < 32; i++)
		p = wire_put64(p, cpu->x[i]);
	p = wire_put64(p, cpu->pc);
	for (int i = 0; i < 32; i++)
		p = wire_put64(p, cpu->f[i]);
	wire_put32(p, cpu->fflags | cpu->frm << 5);
}

void wire_get_regs(const uint8_t *in, struct rvx_vcpu *cpu)
{
	const uint8_t *p = in;
	uint32_t fcsr;
	cpu->x[0] = 0;
	for (int i = 1; i < 32; i++)
		p = wire_get64(p, &cpu->x[i]);
	p = wire_get64(p, &cpu->pc);
	for (int i = 0; i < 32; i++)
		p = wire_get64(p, &cpu->f[i]);
	wire_get32(p, &fcsr);
	cpu->fflags = fcsr & 0x1f;
	cpu->frm = (fcsr >> 5) & 7;
}

size_t wire_put_thread(uint8_t *out, const struct rvx_vcpu *cpu)
{
	uint8_t *p = out + CL_REGS_BYTES;
	size_t vbytes = cpu->v_used ? 32 * (size_t)cpu->vlenb : 0;
	wire_put_regs(out, cpu);
	p = wire_put64(p, cpu->sigmask);
	p = wire_put64(p, cpu->robust_list);
	p = wire_put64(p, cpu->ss_sp);
	p = wire_put64(p, cpu->ss_size);
	p = wire_put64(p, cpu->random_state);
	p = wire_put32(p, (uint32_t)cpu->ss_flags);
	p = wire_put32(p, (uint32_t)cpu->group);
	p = wire_put64(p, cpu->vl);
	p = wire_put64(p, cpu->vtype);
	p = wire_put64(p, cpu->vstart);
	p = wire_put32(p, cpu->vlenb);
	p = wire_put32(p, (uint32_t)cpu->vxrm | (uint32_t)cpu->vxsat << 8 | (uint32_t)cpu->v_ctrl << 16);
	p = wire_put32(p, cpu->v_used);
	memcpy(p, cpu->v, vbytes);
	return (size_t)(p - out) + vbytes;
}

bool wire_get_thread(const uint8_t *in, size_t len, struct rvx_vcpu *cpu)
{
	const uint8_t *p = in + CL_REGS_BYTES;
	uint32_t v, vlenb, used;
	size_t fixed = CL_THREAD_BYTES_MAX - 32 * 128;
	if (len < fixed)
		return false;
	wire_get_regs(in, cpu);
	p = wire_get64(p, &cpu->sigmask);
	p = wire_get64(p, &cpu->robust_list);
	p = wire_get64(p, &cpu->ss_sp);
	p = wire_get64(p, &cpu->ss_size);
	p = wire_get64(p, &cpu->random_state);
	p = wire_get32(p, &v);
	cpu->ss_flags = (int)v;
	p = wire_get32(p, &v);
	cpu->group = (int)v;
	p = wire_get64(p, &cpu->vl);
	p = wire_get64(p, &cpu->vtype);
	p = wire_get64(p, &cpu->vstart);
	p = wire_get32(p, &vlenb);
	p = wire_get32(p, &v);
	cpu->vxrm = (uint8_t)v;
	cpu->vxsat = (uint8_t)(v >> 8);
	cpu->v_ctrl = (uint8_t)(v >> 16);
	p = wire_get32(p, &used);
	cpu->v_used = used != 0;
	if (vlenb != cpu->vlenb || len != fixed + (used ? 32 * (size_t)vlenb : 0))
		return false; /* every rank runs with the same -cpu */
	memcpy(cpu->v, p, used ? 32 * (size_t)vlenb : 0);
	return true;
}

void wire_put_siginfo(struct cl_msg *m, const siginfo_t *si)
{
	m->arg[0] = (uint64_t)si->si_signo;
	m->arg[1] = (uint64_t)(int64_t)si->si_code;
	m->arg[2] = (uint64_t)si->si_errno;
	m->arg[3] = (uint64_t)si->si_pid;
	m->arg[4] = (uint64_t)si->si_uid;
	m->arg[5] = (uint64_t)(uintptr_t)si->si_value.sival_ptr;
	m->arg[6] = (uint64_t)(int64_t)si->si_status;
}

void wire_get_siginfo(const struct cl_msg *m, siginfo_t *si)
{
	memset(si, 0, sizeof *si);
	si->si_signo = (int)m->arg[0];
	si->si_code = (int)m->arg[1];
	si->si_errno = (int)m->arg[2];
	si->si_pid = (pid_t)m->arg[3];
	si->si_uid = (uid_t)m->arg[4];
	si->si_value.sival_ptr = (void *)(uintptr_t)m->arg[5];
	if (si->si_signo == SIGCHLD)
		si->si_status = (int)m->arg[6];
}

const char *wire_type_name(uint32_t type)
{
	static const char *const names[MSG_TYPES] = {
	    [MSG_HELLO] = "HELLO",
	    [MSG_START] = "START",
	    [MSG_SHUTDOWN] = "SHUTDOWN",
	    [MSG_BYE] = "BYE",
	    [MSG_DIE] = "DIE",
	    [MSG_PAGE_REQ] = "PAGE_REQ",
	    [MSG_PAGE_RECALL] = "PAGE_RECALL",
	    [MSG_PAGE_INV] = "PAGE_INV",
	    [MSG_PAGE_INV_ACK] = "PAGE_INV_ACK",
	    [MSG_PAGE_DATA] = "PAGE_DATA",
	    [MSG_PAGE_DONE] = "PAGE_DONE",
	    [MSG_PAGE_PUSH] = "PAGE_PUSH",
	    [MSG_PAGE_PUSH_ASK] = "PAGE_PUSH_ASK",
	    [MSG_PAGE_PUSH_DONE] = "PAGE_PUSH_DONE",
	    [MSG_PAGE_REACHED] = "PAGE_REACHED",
	    [MSG_PAGE_STREAM] = "PAGE_STREAM",
	    [MSG_MAP] = "MAP",
	    [MSG_MAP_ACK] = "MAP_ACK",
	    [MSG_SYNC] = "SYNC",
	    [MSG_SYNC_ACK] = "SYNC_ACK",
	    [MSG_THREAD_START] = "THREAD_START",
	    [MSG_SYSCALL] = "SYSCALL",
	    [MSG_SYSCALL_RET] = "SYSCALL_RET",
	    [MSG_SIGACTION] = "SIGACTION",
	    [MSG_SIGACTION_ACK] = "SIGACTION_ACK",
	    [MSG_SIGNAL] = "SIGNAL",
	    [MSG_SIGMASK] = "SIGMASK",
	    [MSG_SIGMASK_ACK] = "SIGMASK_ACK",
	    [MSG_ROBUST] = "ROBUST",
	    [MSG_GROUP] = "GROUP",
	    [MSG_GROUP_RANK] = "GROUP_RANK",
	    [MSG_MIGRATE] = "MIGRATE",
	    [MSG_MOVE] = "MOVE",
	    [MSG_SELFTEST] = "SELFTEST",
	    [MSG_GATHER] = "GATHER",
	    [MSG_GATHER_PAGES] = "GATHER_PAGES",
	    [MSG_THAW] = "THAW",
	    [MSG_AFFINITY] = "AFFINITY",
	    [MSG_SPLIT_SLOT] = "SPLIT_SLOT",
	    [MSG_SPLIT] = "SPLIT",
	    [MSG_SPLIT_JOIN] = "SPLIT_JOIN",
	    [MSG_SPLIT_JOIN_ACK] = "SPLIT_JOIN_ACK",
	    [MSG_SPLIT_JOINED] = "SPLIT_JOINED",
	    [MSG_GDB] = "GDB",
	};
	return type < MSG_TYPES && names[type] ? names[type] : "?";
}
