/* The connection to gdb and its remote protocol: packets, the commands of a stopped target, and
 * the server thread that waits for the guest's next stop while it runs. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "../cluster/cluster.h"
#include "../linux/signal.h"
#include "internal.h"

static int nibble(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t gdb_put_hex(char *out, const uint8_t *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	return 2 * n;
}

bool gdb_get_hex(const char *hex, uint8_t *bytes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi = nibble(hex[2 * i]), lo = hi < 0 ? -1 : nibble(hex[2 * i + 1]);
		if (lo < 0)
			return false;
		bytes[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

bool gdb_hex(const char **p, uint64_t *v)
{
	const char *s = *p;
	*v = 0;
	while (nibble(*s) >= 0)
		*v = *v << 4 | (uint64_t)nibble(*s++);
	if (s == *p)
		return false;
	*p = s;
	return true;
}

/* A thread id at *p: a hex number (0 for any thread), or -1 for all. */
static bool thread_id(const char **p, int *tid)
{
	uint64_t v;
	if (**p == '-' && (*p)[1] == '1') {
		*p += 2;
		*tid = -1;
		return true;
	}
	if (!gdb_hex(p, &v))
		return false;
	*tid = (int)v;
	return true;
}

/* ---- packets ---- */

static int get_byte(struct rvx_gdb *g)
{
	if (g->rpos == g->rlen) {
		ssize_t n;
		do
			n = read(g->fd, g->rbuf, sizeof g->rbuf);
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			return -1;
		g->rlen = (size_t)n;
		g->rpos = 0;
	}
	return (unsigned char)g->rbuf[g->rpos++];
}

static bool send_all(struct rvx_gdb *g, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(g->fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

enum { PKT_EOF = -1, PKT_INTERRUPT = -2 };

/* The next packet's data into g->in (NUL-terminated); its length, or PKT_*. */
static int read_packet(struct rvx_gdb *g)
{
	for (;;) {
		int c = get_byte(g);
		char check[2];
		uint8_t sent;
		size_t n = 0;
		unsigned sum = 0;
		bool ok = true;
		if (c < 0)
			return PKT_EOF;
		if (c == 0x03)
			return PKT_INTERRUPT;
		if (c != '$')
			continue; /* acks, noise */
		while ((c = get_byte(g)) >= 0 && c != '#') {
			if (n < GDB_PACKET_SIZE)
				g->in[n++] = (char)c;
			else
				ok = false;
			sum += (unsigned)c;
		}
		for (int i = 0; i < 2 && c >= 0; i++)
			check[i] = (char)(c = get_byte(g));
		if (c < 0)
			return PKT_EOF;
		ok = ok && gdb_get_hex(check, &sent, 1) && sent == (sum & 255);
		if (!g->no_ack && !send_all(g, ok ? "+" : "-", 1))
			return PKT_EOF;
		if (ok) {
			g->in[n] = 0;
			return (int)n;
		}
	}
}

bool gdb_send_packet(struct rvx_gdb *g, const char *data, size_t len, bool binary)
{
	char *f = g->frame;
	size_t n = 0;
	unsigned sum = 0;
	f[n++] = '$';
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (binary && (c == '#' || c == '$' || c == '}' || c == '*')) {
			f[n++] = '}';
			sum += '}';
			c ^= 0x20;
		}
		f[n++] = c;
		sum += (unsigned char)c;
	}
	f[n++] = '#';
	n += gdb_put_hex(f + n, &(uint8_t){(uint8_t)sum}, 1);
	for (;;) {
		int c;
		if (!send_all(g, f, n))
			return false;
		if (g->no_ack)
			return true;
		while ((c = get_byte(g)) >= 0 && c != '+' && c != '-')
			;
		if (c != '-')
			return c == '+';
	}
}

static bool reply(struct rvx_gdb *g, const char *s)
{
	return gdb_send_packet(g, s, strlen(s), false);
}

/* ---- the commands of a stopped target ---- */

/* The thread register and memory commands act on (Hg, else the last stop's). */
static struct rvx_vcpu *selected(struct rvx_gdb *g)
{
	return gdb_find_thread(g, g->g_tid > 0 ? g->g_tid : g->stop_tid);
}

static bool cmd_thread_list(struct rvx_gdb *g)
{
	struct rvx_machine *m = g->m;
	size_t n = 0;
	g->out[n++] = 'm';
	pthread_mutex_lock(&m->lock);
	for (struct rvx_vcpu *t = m->threads; t && n < GDB_PACKET_SIZE - 16; t = t->next)
		if (!t->vfork_child)
			n += (size_t)sprintf(g->out + n, "%s%x", n > 1 ? "," : "", t->tid);
	pthread_mutex_unlock(&m->lock);
	g->out[n] = 0;
	return reply(g, g->out);
}

static bool cmd_read_regs(struct rvx_gdb *g)
{
	struct rvx_vcpu *cpu = selected(g);
	size_t n = 0;
	if (!cpu)
		return reply(g, "E01");
	for (int r = 0; r < GDB_NREGS; r++)
		n += gdb_reg_hex(cpu, r, g->out + n);
	g->out[n] = 0;
	return reply(g, g->out);
}

static bool cmd_write_regs(struct rvx_gdb *g, const char *hex)
{
	struct rvx_vcpu *cpu = selected(g);
	if (!cpu)
		return reply(g, "E01");
	if (!gdb_thread_here(g, cpu))
		return reply(g, "E16");
	for (int r = 0; r < GDB_NREGS && *hex; r++) {
		/* counters and vl/vtype/vlenb are read-only: skipped */
		bool writable =
		    r < GDB_FIRST_COUNTER || (r >= GDB_FIRST_VCSR && r < GDB_FIRST_VCSR + 4) || r >= GDB_FIRST_VREG;
		size_t used = writable ? gdb_reg_set(cpu, r, hex) : 2 * (size_t)gdb_reg_size(cpu, r);
		if (!used || strlen(hex) < used)
			return reply(g, "E22");
		hex += used;
	}
	return reply(g, "OK");
}

static bool cmd_read_reg(struct rvx_gdb *g, const char *p)
{
	struct rvx_vcpu *cpu = selected(g);
	uint64_t r;
	size_t n;
	if (!cpu)
		return reply(g, "E01");
	if (!gdb_hex(&p, &r) || r >= GDB_NREGS)
		return reply(g, "E22");
	n = gdb_reg_hex(cpu, (int)r, g->out);
	g->out[n] = 0;
	return reply(g, g->out);
}

static bool cmd_write_reg(struct rvx_gdb *g, const char *p)
{
	struct rvx_vcpu *cpu = selected(g);
	uint64_t r;
	if (!cpu)
		return reply(g, "E01");
	if (!gdb_thread_here(g, cpu))
		return reply(g, "E16");
	if (!gdb_hex(&p, &r) || *p++ != '=' || r >= GDB_NREGS || !gdb_reg_set(cpu, (int)r, p))
		return reply(g, "E22");
	return reply(g, "OK");
}

/* m addr,len: as much of it as can be read (gdb takes a shorter answer), E14 for none. */
static bool cmd_read_mem(struct rvx_gdb *g, const char *p)
{
	uint64_t addr, len, done = 0;
	uint8_t buf[256];
	if (!gdb_hex(&p, &addr) || *p++ != ',' || !gdb_hex(&p, &len))
		return reply(g, "E22");
	if (len > (GDB_PACKET_SIZE - 8) / 2)
		len = (GDB_PACKET_SIZE - 8) / 2;
	while (done < len) {
		uint64_t k = len - done < sizeof buf ? len - done : sizeof buf;
		/* up to the page end: a page that cannot be read ends the answer there */
		uint64_t page_left = RVX_PAGE_SIZE - ((addr + done) & (RVX_PAGE_SIZE - 1));
		if (k > page_left)
			k = page_left;
		if (rvx_read_mem(g->m, addr + done, buf, k) != RVX_OK)
			break;
		gdb_put_hex(g->out + 2 * done, buf, k);
		done += k;
	}
	if (!done && len)
		return reply(g, "E14");
	g->out[2 * done] = 0;
	return reply(g, g->out);
}

/* M addr,len:hex and X addr,len:binary (escaped with '}'); data is len bytes of the packet. */
static bool cmd_write_mem(struct rvx_gdb *g, const char *p, size_t plen, bool binary)
{
	const char *end = g->in + plen;
	uint64_t addr, len, i;
	uint8_t *buf;
	bool ok = true;
	if (!gdb_hex(&p, &addr) || *p++ != ',' || !gdb_hex(&p, &len) || *p++ != ':' || len > GDB_PACKET_SIZE)
		return reply(g, "E22");
	buf = (uint8_t *)g->out; /* free while a command runs */
	if (!binary)
		ok = (uint64_t)(end - p) >= 2 * len && gdb_get_hex(p, buf, len);
	for (i = 0; binary && i < len && ok; i++) {
		ok = p < end && (*p != '}' || p + 1 < end);
		if (ok && *p == '}') {
			buf[i] = (uint8_t)(p[1] ^ 0x20);
			p += 2;
		} else if (ok) {
			buf[i] = (uint8_t)*p++;
		}
	}
	if (!ok)
		return reply(g, "E22");
	if (len && rvx_write_mem(g->m, addr, buf, len) != RVX_OK)
		return reply(g, "E14");
	return reply(g, "OK");
}

/* Breakpoints and watchpoints change only while every vCPU is stopped; the translations they
 * touch are dropped before any runs again. */
static bool cmd_point(struct rvx_gdb *g, const char *p, bool insert)
{
	uint64_t type, addr, len;
	int i;
	if (!gdb_hex(&p, &type) || *p++ != ',' || !gdb_hex(&p, &addr) || *p++ != ',' || !gdb_hex(&p, &len))
		return reply(g, "E22");
	if (type > 4)
		return reply(g, "");
	pthread_mutex_lock(&g->lock);
	if (type <= 1) {
		for (i = 0; i < g->nbreaks && g->breaks[i] != addr; i++)
			;
		if (insert && i == g->nbreaks && g->nbreaks < GDB_MAX_BREAKS)
			g->breaks[g->nbreaks++] = addr;
		else if (!insert && i < g->nbreaks)
			g->breaks[i] = g->breaks[--g->nbreaks];
		else if (insert && i == g->nbreaks)
			goto full;
		machine_code_changed(g->m, addr, 1);
	} else {
		unsigned kind = type == 2 ? RV_ACC_STORE : type == 3 ? RV_ACC_LOAD : RV_ACC_LOAD | RV_ACC_STORE;
		for (i = 0; i < g->nwatches &&
			    (g->watches[i].addr != addr || g->watches[i].len != len || g->watches[i].kind != kind);
		     i++)
			;
		if (insert && i == g->nwatches) {
			if (g->nwatches == GDB_MAX_WATCHES || !len)
				goto full;
			g->watches[g->nwatches++] = (struct gdb_watch){addr, len, kind};
		} else if (!insert && i < g->nwatches) {
			g->watches[i] = g->watches[--g->nwatches];
		}
	}
	pthread_mutex_unlock(&g->lock);
	return reply(g, "OK");
full:
	pthread_mutex_unlock(&g->lock);
	return reply(g, "E28"); /* ENOSPC */
}

/* The thread list with each thread's name (what the guest set with prctl or
 * pthread_setname_np, as the kernel keeps it), for qXfer:threads: malloc'd, NULL when out of
 * memory. */
static char *threads_xml(struct rvx_gdb *g, uint64_t *size)
{
	struct rvx_machine *m = g->m;
	size_t cap = 4096, n = 0;
	char *x = malloc(cap);
	if (!x)
		return NULL;
	n += (size_t)snprintf(x, cap, "<?xml version=\"1.0\"?>\n<threads>\n");
	pthread_mutex_lock(&m->lock);
	for (struct rvx_vcpu *t = m->threads; t && x; t = t->next) {
		char path[64], name[32] = "", safe[96];
		size_t k = 0;
		FILE *f;
		if (t->vfork_child)
			continue;
		snprintf(path, sizeof path, "/proc/self/task/%d/comm", t->host_tid > 0 ? t->host_tid : t->tid);
		f = fopen(path, "re");
		if (f) {
			if (!fgets(name, sizeof name, f))
				name[0] = 0;
			fclose(f);
		}
		for (const char *c = name; *c && *c != '\n' && k < sizeof safe - 8; c++) /* XML-escaped */
			k += (size_t)(*c == '<'   ? snprintf(safe + k, 8, "&lt;")
				      : *c == '&' ? snprintf(safe + k, 8, "&amp;")
				      : *c == '"' ? snprintf(safe + k, 8, "&quot;")
						  : snprintf(safe + k, 8, "%c", *c));
		safe[k] = 0;
		if (cap - n < 256) {
			char *bigger = realloc(x, cap *= 2);
			if (!bigger)
				free(x);
			x = bigger;
			if (!x)
				break;
		}
		n += (size_t)snprintf(x + n, cap - n, "<thread id=\"%x\" name=\"%s\"/>\n", t->tid, safe);
	}
	pthread_mutex_unlock(&m->lock);
	if (x)
		n += (size_t)snprintf(x + n, cap - n, "</threads>\n");
	*size = n;
	return x;
}

/* qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH for the target description, auxv, exec-file and the
 * threads. */
static bool cmd_xfer(struct rvx_gdb *g, const char *p)
{
	struct rvx_machine *m = g->m;
	char object[32], annex[64];
	const char *data = NULL;
	uint8_t *buf = NULL;
	uint64_t off, len, size = 0;
	bool ok;
	int n = 0;
	if (sscanf(p, "%31[^:]:read:%63[^:]:%n", object, annex, &n) < 1 || !n) {
		if (sscanf(p, "%31[^:]:read::%n", object, &n) < 1 || !n)
			return reply(g, "");
		annex[0] = 0;
	}
	p += n;
	if (!gdb_hex(&p, &off) || *p++ != ',' || !gdb_hex(&p, &len))
		return reply(g, "E22");
	if (!strcmp(object, "features")) {
		if (strcmp(annex, "target.xml"))
			return reply(g, "E00");
		data = g->xml;
		size = strlen(data);
	} else if (!strcmp(object, "auxv")) {
		buf = malloc(m->auxv_len ? m->auxv_len : 1);
		if (!buf || rvx_read_mem(m, m->auxv_addr, buf, m->auxv_len) != RVX_OK) {
			free(buf);
			return reply(g, "E14");
		}
		data = (const char *)buf;
		size = m->auxv_len;
	} else if (!strcmp(object, "exec-file")) {
		data = m->exe_path ? m->exe_path : "";
		size = strlen(data);
	} else if (!strcmp(object, "threads")) {
		buf = (uint8_t *)threads_xml(g, &size);
		if (!buf)
			return reply(g, "E12");
		data = (const char *)buf;
	} else {
		return reply(g, "");
	}
	if (len > GDB_PACKET_SIZE - 8)
		len = GDB_PACKET_SIZE - 8;
	if (off > size)
		off = size;
	if (len > size - off)
		len = size - off;
	g->out[0] = off + len < size ? 'm' : 'l';
	memcpy(g->out + 1, data + off, len);
	ok = gdb_send_packet(g, g->out, len + 1, true);
	free(buf);
	return ok;
}

/* QCatchSyscalls:0 or QCatchSyscalls:1[;NR]... */
static bool cmd_catch_syscalls(struct rvx_gdb *g, const char *p)
{
	pthread_mutex_lock(&g->lock);
	g->catch_syscalls = *p == '1';
	g->ncatch = 0;
	if (*p == '1')
		for (p++; *p == ';' && g->ncatch < 64;) {
			uint64_t nr;
			p++;
			if (!gdb_hex(&p, &nr))
				break;
			g->catch[g->ncatch++] = nr;
		}
	pthread_mutex_unlock(&g->lock);
	return reply(g, "OK");
}

/* QPassSignals:S;S...: signals gdb neither stops for nor shows (gdb's numbers). */
static bool cmd_pass_signals(struct rvx_gdb *g, const char *p)
{
	uint64_t set = 0, s;
	while (gdb_hex(&p, &s)) {
		int sig = gdb_signal_from_gdb((int)s);
		if (sig)
			set |= SIGBIT(sig);
		if (*p == ';')
			p++;
	}
	pthread_mutex_lock(&g->lock);
	g->pass_signals = set;
	pthread_mutex_unlock(&g->lock);
	return reply(g, "OK");
}

struct resume_action {
	int action, sig, tid; /* tid -1: every thread not named before */
};

/* Lets the vCPUs go: each takes the first action that names it, else the default (or stays
 * stopped). Under g->lock. */
static void resume(struct rvx_gdb *g, const struct resume_action *a, int n)
{
	struct rvx_machine *m = g->m;
	g->default_action = GDB_ACT_STOP;
	for (int i = 0; i < n; i++)
		if (a[i].tid <= 0) {
			g->default_action = a[i].action == GDB_ACT_STEP ? GDB_ACT_CONT : a[i].action;
			break;
		}
	pthread_mutex_lock(&m->lock);
	for (struct rvx_vcpu *t = m->threads; t; t = t->next) {
		int i;
		for (i = 0; i < n && a[i].tid > 0 && a[i].tid != t->tid; i++)
			;
		t->dbg.action = i < n ? a[i].action : GDB_ACT_STOP;
		t->dbg.sig = i < n ? a[i].sig : 0;
	}
	pthread_mutex_unlock(&m->lock);
	gdb_ranks_resume(g);
	pthread_cond_broadcast(&g->cond);
}

/* vCont;ACTION[:TID]...: c, Cxx, s, Sxx, t. False for a malformed one. */
static bool parse_vcont(const char *p, struct resume_action *a, int *n)
{
	*n = 0;
	while (*p == ';' && *n < 32) {
		struct resume_action *r = &a[*n];
		uint64_t sig = 0;
		char c = *++p;
		p++;
		r->action = c == 'c' || c == 'C' ? GDB_ACT_CONT : c == 's' || c == 'S' ? GDB_ACT_STEP : GDB_ACT_STOP;
		if (c != 'c' && c != 'C' && c != 's' && c != 'S' && c != 't')
			return false;
		if ((c == 'C' || c == 'S') && !gdb_hex(&p, &sig))
			return false;
		r->sig = gdb_signal_from_gdb((int)sig);
		r->tid = -1;
		if (*p == ':') {
			p++;
			if (!thread_id(&p, &r->tid))
				return false;
		}
		(*n)++;
	}
	return *p == 0 && *n > 0;
}

enum { SERVE_ON, SERVE_RESUMED, SERVE_END };

/* Detach (or gdb went away): nothing stops any more, and every vCPU goes on. */
static void detach(struct rvx_gdb *g)
{
	struct resume_action all = {GDB_ACT_CONT, 0, -1};
	pthread_mutex_lock(&g->lock);
	g->attached = false;
	g->nbreaks = g->nwatches = 0;
	g->catch_syscalls = false;
	for (int i = 0; i < GDB_MAX_FILES; i++)
		if (g->files[i] >= 0) {
			close(g->files[i]);
			g->files[i] = -1;
		}
	machine_code_changed(g->m, 0, UINT64_MAX);
	resume(g, &all, 1);
	pthread_mutex_unlock(&g->lock);
}

/* gdb's kill: the process ends at once, with status 0 and a line saying why, as under QEMU. */
static _Noreturn void terminate(struct rvx_gdb *g)
{
	static const char msg[] = "rvx: terminated by gdb\n";
	if (g->m->log)
		fflush(g->m->log);
	if (write(2, msg, sizeof msg - 1) < 0) {
		/* nothing more to say */
	}
	if (g->m->cluster) /* every rank ends first, and then the link */
		cluster_end(g->m, 0, 0);
	syscall(SYS_exit_group, 0);
	_exit(0);
}

/* One packet of a stopped target: SERVE_ON, or SERVE_RESUMED / SERVE_END. */
static int handle(struct rvx_gdb *g, int len)
{
	const char *p = g->in + 1;
	struct resume_action a[32];
	int n, tid;
	uint64_t sig;
	bool ok = true;

	switch (g->in[0]) {
	case '?': ok = reply(g, g->last_stop); break;
	case 'g': ok = cmd_read_regs(g); break;
	case 'G': ok = cmd_write_regs(g, p); break;
	case 'p': ok = cmd_read_reg(g, p); break;
	case 'P': ok = cmd_write_reg(g, p); break;
	case 'm': ok = cmd_read_mem(g, p); break;
	case 'M': ok = cmd_write_mem(g, p, (size_t)len, false); break;
	case 'X': ok = cmd_write_mem(g, p, (size_t)len, true); break;
	case 'Z': ok = cmd_point(g, p, true); break;
	case 'z': ok = cmd_point(g, p, false); break;
	case 'H':
		p++;
		if (!thread_id(&p, &tid))
			return reply(g, "E22") ? SERVE_ON : SERVE_END;
		if (tid > 0 && !gdb_find_thread(g, tid))
			return reply(g, "E01") ? SERVE_ON : SERVE_END;
		if (g->in[1] == 'g')
			g->g_tid = tid;
		ok = reply(g, "OK");
		break;
	case 'T':
		ok = thread_id(&p, &tid) && tid > 0 && gdb_find_thread(g, tid) ? reply(g, "OK") : reply(g, "E01");
		break;
	case 'c':
	case 'C':
	case 's':
	case 'S':
		/* the old resume: the stopped thread steps (or goes on), the others go on */
		sig = 0;
		if ((g->in[0] == 'C' || g->in[0] == 'S') && !gdb_hex(&p, &sig))
			return reply(g, "E22") ? SERVE_ON : SERVE_END;
		a[0] = (struct resume_action){g->in[0] == 's' || g->in[0] == 'S' ? GDB_ACT_STEP : GDB_ACT_CONT,
					      gdb_signal_from_gdb((int)sig), g->stop_tid};
		a[1] = (struct resume_action){GDB_ACT_CONT, 0, -1};
		pthread_mutex_lock(&g->lock);
		resume(g, a, 2);
		pthread_mutex_unlock(&g->lock);
		return SERVE_RESUMED;
	case 'D':
		reply(g, "OK");
		detach(g);
		return SERVE_END;
	case 'k': terminate(g); return SERVE_END;
	case 'v':
		if (!strncmp(g->in, "vFile:", 6))
			ok = gdb_hostio(g, g->in + 6);
		else if (!strcmp(g->in, "vCont?"))
			ok = reply(g, "vCont;c;C;s;S;t");
		else if (!strncmp(g->in, "vCont;", 6)) {
			if (!parse_vcont(g->in + 5, a, &n))
				return reply(g, "E22") ? SERVE_ON : SERVE_END;
			pthread_mutex_lock(&g->lock);
			resume(g, a, n);
			pthread_mutex_unlock(&g->lock);
			return SERVE_RESUMED;
		} else if (!strncmp(g->in, "vKill", 5)) {
			reply(g, "OK");
			terminate(g);
			return SERVE_END;
		} else {
			ok = reply(g, "");
		}
		break;
	case 'q':
		if (!strncmp(g->in, "qSupported", 10)) {
			g->swbreak = strstr(g->in, "swbreak+") != NULL;
			snprintf(g->out, 512,
				 "PacketSize=%x;qXfer:features:read+;qXfer:auxv:read+;qXfer:exec-file:read+;qXfer:"
				 "threads:read+;"
				 "QStartNoAckMode+;QCatchSyscalls+;QPassSignals+;vContSupported+;swbreak+;hwbreak+",
				 GDB_PACKET_SIZE);
			ok = reply(g, g->out);
		} else if (!strncmp(g->in, "qXfer:", 6)) {
			ok = cmd_xfer(g, g->in + 6);
		} else if (!strcmp(g->in, "qC")) {
			snprintf(g->out, 32, "QC%x", g->stop_tid);
			ok = reply(g, g->out);
		} else if (!strcmp(g->in, "qfThreadInfo")) {
			ok = cmd_thread_list(g);
		} else if (!strcmp(g->in, "qsThreadInfo")) {
			ok = reply(g, "l");
		} else if (!strncmp(g->in, "qAttached", 9)) {
			ok = reply(g, "0"); /* as QEMU: gdb made the process, and kills it when it quits */
		} else if (!strncmp(g->in, "qSymbol", 7)) {
			ok = reply(g, "OK");
		} else {
			ok = reply(g, "");
		}
		break;
	case 'Q':
		if (!strcmp(g->in, "QStartNoAckMode")) {
			ok = reply(g, "OK");
			g->no_ack = true;
		} else if (!strncmp(g->in, "QCatchSyscalls:", 15)) {
			ok = cmd_catch_syscalls(g, g->in + 15);
		} else if (!strncmp(g->in, "QPassSignals:", 13)) {
			ok = cmd_pass_signals(g, g->in + 13);
		} else {
			ok = reply(g, "");
		}
		break;
	default: ok = reply(g, ""); break;
	}
	return ok ? SERVE_ON : SERVE_END;
}

/* The guest runs: waits for a vCPU's stop, the process's end, or gdb's interrupt (Ctrl-C), and
 * tells gdb. False when the connection or the process ended. */
static bool wait_for_stop(struct rvx_gdb *g)
{
	for (;;) {
		struct pollfd pf[2] = {{g->fd, POLLIN, 0}, {g->wake[0], POLLIN, 0}};
		bool interrupted = false;
		char drain[64];
		if (g->rpos == g->rlen && poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (g->rpos < g->rlen || (pf[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			int c = get_byte(g);
			if (c < 0) {
				detach(g);
				return false;
			}
			interrupted = c == 0x03;
		}
		if (pf[1].revents & POLLIN && read(g->wake[0], drain, sizeof drain) < 0) {
			/* nothing to drain after all */
		}
		pthread_mutex_lock(&g->lock);
		if (!g->end_posted && (g->have_event || interrupted))
			gdb_stop_all(g);
		if (g->end_posted) {
			gdb_send_packet(g, g->end, strlen(g->end), false);
			g->end_sent = true;
			g->attached = false;
			pthread_cond_broadcast(&g->cond);
			pthread_mutex_unlock(&g->lock);
			return false;
		}
		if (!g->have_event && !interrupted) {
			pthread_mutex_unlock(&g->lock);
			continue;
		}
		if (g->have_event) { /* a vCPU's own stop comes before the interrupt */
			memcpy(g->last_stop, g->event, sizeof g->last_stop);
			g->stop_tid = g->event_tid;
			g->have_event = false;
			pthread_cond_broadcast(&g->cond);
		} else {
			struct rvx_vcpu *cpu = gdb_find_thread(g, g->stop_tid);
			g->stop_tid = cpu ? cpu->tid : g->stop_tid;
			snprintf(g->last_stop, sizeof g->last_stop, "T02thread:%x;", g->stop_tid);
		}
		g->g_tid = 0;
		pthread_mutex_unlock(&g->lock);
		return reply(g, g->last_stop);
	}
}

static void *serve(void *arg)
{
	struct rvx_gdb *g = arg;
	sigset_t all;
	/* the guest's signals go to its own threads, never to this one */
	sigfillset(&all);
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGBUS);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pthread_mutex_lock(&g->lock);
	gdb_stop_all(g);
	g->stop_tid = g->m->cpu->tid;
	snprintf(g->last_stop, sizeof g->last_stop, "T05thread:%x;", g->stop_tid);
	pthread_mutex_unlock(&g->lock);
	for (;;) {
		int n = read_packet(g), r;
		if (n == PKT_EOF) {
			detach(g);
			break;
		}
		if (n == PKT_INTERRUPT)
			continue; /* already stopped */
		r = handle(g, n);
		if (r == SERVE_END || (r == SERVE_RESUMED && !wait_for_stop(g)))
			break;
	}
	close(g->fd);
	g->fd = -1;
	return NULL;
}

/* ---- listening ---- */

static int listen_at(struct rvx_machine *m, struct rvx_gdb *g, const char *where)
{
	union {
		struct sockaddr sa;
		struct sockaddr_in in;
		struct sockaddr_un un;
	} a;
	socklen_t alen;
	const char *path;
	struct stat st;
	int fd, one = 1;
	memset(&a, 0, sizeof a);
	/* unix:PATH, or as QEMU a path */
	path = !strncmp(where, "unix:", 5) ? where + 5 : strchr(where, '/') ? where : NULL;
	if (path) {
		if (strlen(path) >= sizeof a.un.sun_path || !*path)
			return machine_error(m, -EINVAL, "-g unix:PATH: the path is empty or too long");
		a.un.sun_family = AF_UNIX;
		strcpy(a.un.sun_path, path);
		alen = sizeof a.un;
		if (stat(path, &st) == 0 && S_ISSOCK(st.st_mode))
			unlink(path); /* a socket left by an earlier run; any other file stays */
		g->unix_path = strdup(path);
	} else {
		const char *colon = strrchr(where, ':'), *port = colon ? colon + 1 : where;
		char host[64] = "";
		char *end;
		unsigned long v = strtoul(port, &end, 10);
		if (!*port || *end || v > 65535)
			return machine_error(m, -EINVAL,
					     "-g wants PORT, HOST:PORT, unix:PATH or a socket path, not '%s'", where);
		a.in.sin_family = AF_INET;
		a.in.sin_port = htons((uint16_t)v);
		a.in.sin_addr.s_addr = htonl(INADDR_ANY); /* as QEMU */
		if (colon && colon > where) {
			snprintf(host, sizeof host, "%.*s", (int)(colon - where), where);
			if (!strcmp(host, "localhost"))
				strcpy(host, "127.0.0.1");
			if (inet_pton(AF_INET, host, &a.in.sin_addr) != 1)
				return machine_error(m, -EINVAL, "-g: '%s' is not an IPv4 address", host);
		}
		alen = sizeof a.in;
	}
	fd = socket(a.sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return machine_error(m, -errno, "-g %s: cannot make a socket: %s", where, strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, &a.sa, alen) != 0 || listen(fd, 1) != 0) {
		int e = errno;
		close(fd);
		return machine_error(m, -e, "-g %s: cannot listen there: %s", where, strerror(e));
	}
	g->listen_fd = fd;
	return 0;
}

/* Listens, accepts gdb and starts the server thread; the main vCPU starts stopped. */
static int start(struct rvx_machine *m, struct rvx_gdb *g, const char *where)
{
	int r, one = 1;
	g->xml = gdb_target_xml(m->cfg.vlen ? m->cfg.vlen / 8 : RVX_VLENB_DEFAULT);
	g->frame = malloc(2 * sizeof g->out + 8);
	if (!g->xml || !g->frame || pipe2(g->wake, O_CLOEXEC | O_NONBLOCK) != 0)
		return machine_error(m, -ENOMEM, "the gdb stub cannot start: out of memory or descriptors");
	r = listen_at(m, g, where);
	if (r < 0)
		return r;
	do
		g->fd = accept4(g->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	while (g->fd < 0 && errno == EINTR);
	if (g->fd < 0)
		return machine_error(m, -errno, "-g %s: accept: %s", where, strerror(errno));
	close(g->listen_fd);
	g->listen_fd = -1;
	if (g->unix_path) /* no one else is to connect */
		unlink(g->unix_path);
	setsockopt(g->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* fails harmlessly on unix sockets */
	g->attached = true;
	g->default_action = GDB_ACT_STOP;
	m->cpu->dbg.action = GDB_ACT_STOP; /* the program starts stopped */
	r = pthread_create(&g->thread, NULL, serve, g);
	if (r != 0) {
		g->attached = false;
		return machine_error(m, -r, "the gdb stub cannot start its thread: %s", strerror(r));
	}
	g->thread_started = true;
	return 0;
}

struct rvx_gdb *gdb_new(struct rvx_machine *m)
{
	struct rvx_gdb *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->m = m;
	g->fd = g->listen_fd = g->wake[0] = g->wake[1] = -1;
	for (int i = 0; i < GDB_MAX_FILES; i++)
		g->files[i] = -1;
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->cond, NULL);
	m->gdb = g;
	return g;
}

int gdb_start(struct rvx_machine *m, const char *where)
{
	struct rvx_gdb *g;
	int r;
	if (!m->cpu)
		return machine_error(m, -EINVAL, "the gdb stub needs a loaded program");
	g = gdb_new(m);
	if (!g)
		return machine_error(m, -ENOMEM, "out of memory");
	r = start(m, g, where);
	if (r < 0)
		gdb_free(m);
	return r;
}

int rvx_gdb_listen(rvx_machine *m, const char *where)
{
	int r;
	if (!m->cfg.host_process)
		return machine_error(m, RVX_E_INVAL, "the gdb stub needs cfg.host_process (rvx_run runs the guest)");
	if (m->gdb)
		return machine_error(m, RVX_E_INVAL, "the gdb stub is already listening");
	r = gdb_start(m, where);
	if (r == -EINVAL)
		return RVX_E_INVAL;
	return r < 0 ? RVX_E_GDB : RVX_OK;
}

void gdb_forget(struct rvx_machine *m)
{
	struct rvx_gdb *g = m->gdb;
	if (!g)
		return;
	/* a forked child: the connection is the parent's; its copy of the server thread is gone */
	g->attached = false;
	g->thread_started = false;
	g->nbreaks = g->nwatches = 0;
	machine_code_changed(m, 0, UINT64_MAX);
}

void gdb_free(struct rvx_machine *m)
{
	struct rvx_gdb *g = m->gdb;
	if (!g)
		return;
	if (g->thread_started) {
		detach(g);
		if (g->fd >= 0)
			shutdown(g->fd, SHUT_RDWR);
		pthread_join(g->thread, NULL);
	} else if (g->fd >= 0) {
		close(g->fd);
	}
	if (g->listen_fd >= 0)
		close(g->listen_fd);
	if (g->wake[0] >= 0) {
		close(g->wake[0]);
		close(g->wake[1]);
	}
	free(g->unix_path);
	free(g->xml);
	free(g->frame);
	pthread_mutex_destroy(&g->lock);
	pthread_cond_destroy(&g->cond);
	free(g);
	m->gdb = NULL;
}
