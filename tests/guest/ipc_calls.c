// The calls of several messages at once and of inter-process communication: sendmmsg and
// recvmmsg (glibc's resolver asks for A and AAAA records with one sendmmsg), preadv2 and
// pwritev2, POSIX message queues, and System V messages, semaphores and shared memory, each
// also between a parent and its forked child; ioprio_get/set, kcmp, sched_getattr/setattr,
// rt_tgsigqueueinfo and fchmodat2 (Linux 6.6; glibc 2.39's fchmodat calls it).
// qemu: 10
// (QEMU 7.2 has no preadv2 or pwritev2: glibc falls back to preadv and pwritev, which refuse
// RWF_APPEND)
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/sched/types.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ioprio.h>
#include <linux/kcmp.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static int many_messages(void)
{
	int sv[2];
	char out[3][16] = {"first", "second one", "3"}, in[4][16];
	struct iovec oi[3], ii[4];
	struct mmsghdr om[3], im[4];
	struct timespec wait = {0, 1000000};
	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	memset(om, 0, sizeof om);
	memset(im, 0, sizeof im);
	for (int i = 0; i < 3; i++) {
		oi[i] = (struct iovec){out[i], strlen(out[i])};
		om[i].msg_hdr.msg_iov = &oi[i];
		om[i].msg_hdr.msg_iovlen = 1;
	}
	for (int i = 0; i < 4; i++) {
		ii[i] = (struct iovec){in[i], sizeof in[i]};
		im[i].msg_hdr.msg_iov = &ii[i];
		im[i].msg_hdr.msg_iovlen = 1;
	}
	CHECK(sendmmsg(sv[0], om, 3, 0) == 3);
	for (int i = 0; i < 3; i++)
		CHECK(om[i].msg_len == strlen(out[i]));
	/* three waiting, four asked for: MSG_WAITFORONE takes what is there */
	CHECK(recvmmsg(sv[1], im, 4, MSG_WAITFORONE, NULL) == 3);
	for (int i = 0; i < 3; i++) {
		CHECK(im[i].msg_len == strlen(out[i]));
		CHECK(memcmp(in[i], out[i], im[i].msg_len) == 0);
	}
	/* nothing there: the timeout (checked after each datagram) or EAGAIN */
	CHECK(recvmmsg(sv[1], im, 4, MSG_DONTWAIT, &wait) == -1 && errno == EAGAIN);
	CHECK(sendmmsg(sv[0], om, 0, 0) == 0);
	CHECK(sendmmsg(sv[0], (struct mmsghdr *)8, 1, 0) == -1 && errno == EFAULT);
	close(sv[0]);
	close(sv[1]);
	printf("sendmmsg/recvmmsg: 3 datagrams each way\n");
	return 0;
}

static int positioned_io(void)
{
	char path[] = "/tmp/rvx-ipc-XXXXXX", a[8] = "abcdefg", b[8] = "1234567", back[16] = {0};
	struct iovec w[2] = {{a, 7}, {b, 7}}, r = {back, 14};
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	unlink(path);
	CHECK(pwritev2(fd, w, 2, 3, 0) == 14);
	CHECK(lseek(fd, 0, SEEK_CUR) == 0); /* a position given: the file's stays */
	CHECK(preadv2(fd, &r, 1, 3, 0) == 14);
	CHECK(memcmp(back, "abcdefg1234567", 14) == 0);
	/* offset -1: at the file's position, which moves */
	CHECK(pwritev2(fd, w, 1, -1, 0) == 7);
	CHECK(lseek(fd, 0, SEEK_CUR) == 7);
	CHECK(preadv2(fd, &r, 1, 0, 0x40000000) == -1 && errno == EOPNOTSUPP); /* no such flag */
	/* a flag the C library cannot do by preadv/pwritev: the kernel's call itself */
	CHECK(pwritev2(fd, &w[1], 1, 0, RWF_APPEND) == 7);
	CHECK(lseek(fd, 0, SEEK_END) == 24);
	CHECK(preadv2(fd, &r, 1, 17, RWF_NOWAIT) == 7 && memcmp(back, "1234567", 7) == 0);
	memcpy(back, "abcdefg1234567", 14);
	close(fd);
	printf("preadv2/pwritev2: %s\n", back);
	return 0;
}

static int message_queue(void)
{
	struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 32}, got;
	char name[64], buf[32];
	unsigned prio;
	struct timespec soon;
	mqd_t q;
	snprintf(name, sizeof name, "/rvx-test-%d", (int)getpid());
	q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
	CHECK(q != (mqd_t)-1);
	CHECK(mq_getattr(q, &got) == 0 && got.mq_maxmsg == 4 && got.mq_msgsize == 32 && got.mq_curmsgs == 0);
	CHECK(mq_send(q, "low", 3, 1) == 0);
	CHECK(mq_send(q, "high", 4, 9) == 0);
	if (fork() == 0) { /* the child's message reaches the parent */
		mqd_t c = mq_open(name, O_WRONLY);
		_exit(c == (mqd_t)-1 || mq_send(c, "child", 5, 5) != 0);
	}
	{
		int st;
		wait(&st);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	CHECK(mq_receive(q, buf, sizeof buf, &prio) == 4 && prio == 9 && memcmp(buf, "high", 4) == 0);
	CHECK(mq_receive(q, buf, sizeof buf, &prio) == 5 && prio == 5 && memcmp(buf, "child", 5) == 0);
	CHECK(mq_receive(q, buf, sizeof buf, &prio) == 3 && prio == 1 && memcmp(buf, "low", 3) == 0);
	clock_gettime(CLOCK_REALTIME, &soon);
	soon.tv_nsec += 2000000;
	if (soon.tv_nsec >= 1000000000) {
		soon.tv_sec++;
		soon.tv_nsec -= 1000000000;
	}
	CHECK(mq_timedreceive(q, buf, sizeof buf, &prio, &soon) == -1 && errno == ETIMEDOUT);
	CHECK(mq_receive(q, buf, 8, &prio) == -1 && errno == EMSGSIZE); /* smaller than mq_msgsize */
	got.mq_flags = O_NONBLOCK;
	CHECK(mq_setattr(q, &got, NULL) == 0);
	CHECK(mq_receive(q, buf, sizeof buf, &prio) == -1 && errno == EAGAIN);
	CHECK(mq_close(q) == 0 && mq_unlink(name) == 0);
	CHECK(mq_unlink(name) == -1 && errno == ENOENT);
	printf("POSIX message queue: 3 messages by priority\n");
	return 0;
}

struct note {
	long type;
	char text[16];
};

static int sysv_messages(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct note n = {2, "two"}, m;
	struct msqid_ds ds;
	CHECK(id >= 0);
	CHECK(msgsnd(id, &n, 4, 0) == 0);
	n = (struct note){1, "one"};
	CHECK(msgsnd(id, &n, 4, 0) == 0);
	if (fork() == 0) {
		struct note c = {3, "three"};
		_exit(msgsnd(id, &c, 6, 0) != 0);
	}
	wait(NULL);
	CHECK(msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_qnum == 3 && ds.msg_perm.mode == 0600);
	CHECK(msgrcv(id, &m, sizeof m.text, 1, 0) == 4 && m.type == 1 && strcmp(m.text, "one") == 0);
	CHECK(msgrcv(id, &m, sizeof m.text, 0, 0) == 4 && m.type == 2 && strcmp(m.text, "two") == 0);
	CHECK(msgrcv(id, &m, 2, 3, 0) == -1 && errno == E2BIG);
	CHECK(msgrcv(id, &m, sizeof m.text, 3, 0) == 6 && strcmp(m.text, "three") == 0);
	CHECK(msgrcv(id, &m, sizeof m.text, 0, IPC_NOWAIT) == -1 && errno == ENOMSG);
	ds.msg_perm.mode = 0640;
	CHECK(msgctl(id, IPC_SET, &ds) == 0);
	CHECK(msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_perm.mode == 0640 && ds.msg_qnum == 0);
	CHECK(msgctl(id, IPC_RMID, NULL) == 0);
	CHECK(msgsnd(id, &n, 4, 0) == -1 && (errno == EINVAL || errno == EIDRM));
	printf("System V messages: by type, and from a child\n");
	return 0;
}

static int sysv_semaphores(void)
{
	int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600), st;
	unsigned short all[3] = {5, 0, 7}, back[3];
	struct sembuf up = {1, 1, 0}, down = {1, -1, 0}, try = {1, -1, IPC_NOWAIT};
	struct semid_ds ds;
	struct timespec brief = {0, 1000000};
	CHECK(id >= 0);
	CHECK(semctl(id, 0, SETALL, (union semun){.array = all}) == 0);
	CHECK(semctl(id, 2, GETVAL) == 7 && semctl(id, 0, GETVAL) == 5);
	CHECK(semop(id, &try, 1) == -1 && errno == EAGAIN);
	CHECK(semtimedop(id, &down, 1, &brief) == -1 && errno == EAGAIN);
	if (fork() == 0) /* the parent waits in semop for the child's post */
		_exit(usleep(20000) != 0 || semop(id, &up, 1) != 0);
	CHECK(semop(id, &down, 1) == 0);
	wait(&st);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(semctl(id, 1, SETVAL, (union semun){.val = 4}) == 0);
	CHECK(semctl(id, 0, GETALL, (union semun){.array = back}) == 0);
	CHECK(back[0] == 5 && back[1] == 4 && back[2] == 7);
	CHECK(semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}) == 0);
	CHECK(ds.sem_nsems == 3 && ds.sem_perm.mode == 0600 && ds.sem_otime != 0);
	ds.sem_perm.mode = 0660;
	CHECK(semctl(id, 0, IPC_SET, (union semun){.buf = &ds}) == 0);
	memset(&ds, 0, sizeof ds);
	CHECK(semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}) == 0);
	CHECK(ds.sem_perm.mode == 0660 && ds.sem_nsems == 3);
	CHECK(semctl(id, 0, IPC_RMID) == 0);
	CHECK(semop(id, &up, 1) == -1 && (errno == EINVAL || errno == EIDRM));
	printf("System V semaphores: 3 in a set, one posted by a child\n");
	return 0;
}

static int sysv_shared_memory(void)
{
	int id = shmget(IPC_PRIVATE, 3 * 4096 + 100, IPC_CREAT | 0600), st;
	struct shmid_ds ds;
	char *p, *q;
	CHECK(id >= 0);
	p = shmat(id, NULL, 0);
	CHECK(p != (char *)-1);
	CHECK(((unsigned long)p & 4095) == 0);
	strcpy(p, "parent");
	strcpy(p + 3 * 4096, "last page");
	if (fork() == 0) { /* the child's writes show in the parent's attachment */
		_exit(strcmp(p, "parent") != 0 || !strcpy(p, "child") || !strcpy(p + 4096, "page 2"));
	}
	wait(&st);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(strcmp(p, "child") == 0 && strcmp(p + 4096, "page 2") == 0);
	/* a second attachment, read-only, sees the same bytes */
	q = shmat(id, NULL, SHM_RDONLY);
	CHECK(q != (char *)-1 && q != p && strcmp(q + 3 * 4096, "last page") == 0);
	CHECK(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_segsz == 3 * 4096 + 100 && ds.shm_nattch == 2);
	CHECK(shmdt(q) == 0);
	CHECK(shmdt(q) == -1 && errno == EINVAL);
	CHECK(shmctl(id, IPC_RMID, NULL) == 0);
	CHECK(strcmp(p + 4096, "page 2") == 0); /* still attached: still there */
	CHECK(shmdt(p) == 0);
	CHECK(shmat(id, NULL, 0) == (void *)-1 && (errno == EINVAL || errno == EIDRM));
	{ /* an attachment the guest unmapped itself, then a smaller one at its place: shmdt takes
	   * the smaller one's pages only (a mapping right after it stays) */
		int a = shmget(IPC_PRIVATE, 3 * 4096, IPC_CREAT | 0600), b = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
		char *pa = shmat(a, NULL, 0), *pb, *mark;
		CHECK(a >= 0 && b >= 0 && pa != (char *)-1 && munmap(pa, 3 * 4096) == 0);
		pb = shmat(b, pa, 0);
		CHECK(pb == pa);
		mark = mmap(pa + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			    -1, 0);
		CHECK(mark == pa + 4096);
		*mark = 7;
		CHECK(shmdt(pb) == 0);
		CHECK(*(volatile char *)mark == 7);
		CHECK(shmdt(pb) == -1 && errno == EINVAL);
		CHECK(munmap(mark, 4096) == 0 && shmctl(a, IPC_RMID, NULL) == 0 && shmctl(b, IPC_RMID, NULL) == 0);
	}
	printf("System V shared memory: 4 pages, two attachments, a child's writes\n");
	return 0;
}

static volatile int queued_value;

static void on_queued(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGUSR2 && si->si_code == SI_QUEUE)
		queued_value = si->si_value.sival_int;
}

static int process_calls(void)
{
	int p[2], dup_fd;
	struct sched_attr attr;
	struct sigaction sa = {.sa_sigaction = on_queued, .sa_flags = SA_SIGINFO};
	siginfo_t si;
	CHECK(pipe(p) == 0);
	CHECK(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)) == 0);
	CHECK(syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0) == IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4));
	dup_fd = dup(p[0]);
	CHECK(syscall(SYS_kcmp, getpid(), getpid(), KCMP_FILE, p[0], dup_fd) == 0);
	CHECK(syscall(SYS_kcmp, getpid(), getpid(), KCMP_FILE, p[0], p[1]) > 0);
	close(dup_fd);
	close(p[0]);
	close(p[1]);
	memset(&attr, 0xff, sizeof attr);
	CHECK(syscall(SYS_sched_getattr, 0, &attr, sizeof attr, 0) == 0);
	CHECK(attr.size == sizeof attr && attr.sched_policy == 0 /* SCHED_OTHER */ && attr.sched_nice == 0);
	attr.sched_nice = 3;
	CHECK(syscall(SYS_sched_setattr, 0, &attr, 0) == 0);
	CHECK(syscall(SYS_sched_getattr, 0, &attr, sizeof attr, 0) == 0 && attr.sched_nice == 3);
	CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
	memset(&si, 0, sizeof si);
	si.si_signo = SIGUSR2;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = 4242;
	CHECK(syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGUSR2, &si) == 0);
	CHECK(queued_value == 4242);
	{
		char dir[] = "/tmp/rvx-chmod-XXXXXX", file[64], link[64];
		struct stat st;
		CHECK(mkdtemp(dir) != NULL);
		snprintf(file, sizeof file, "%s/f", dir);
		snprintf(link, sizeof link, "%s/l", dir);
		CHECK(close(open(file, O_CREAT | O_WRONLY, 0644)) == 0 && symlink("f", link) == 0);
		long r = syscall(452, AT_FDCWD, link, 0600, 0); /* through the link */
		if (r != 0 && errno == ENOSYS) { /* a host kernel before 6.6 */
			printf("fchmodat2: ENOSYS\n");
		} else {
			CHECK(r == 0);
			CHECK(stat(file, &st) == 0 && (st.st_mode & 0777) == 0600);
			CHECK(syscall(452, AT_FDCWD, file, 0640, AT_SYMLINK_NOFOLLOW) == 0);
			CHECK(stat(file, &st) == 0 && (st.st_mode & 0777) == 0640);
			CHECK(syscall(452, AT_FDCWD, file, 0600, 0x8000) == -1 && errno == EINVAL); /* no such flag */
		}
		unlink(link);
		unlink(file);
		rmdir(dir);
	}
	printf("ioprio, kcmp, sched_getattr/setattr, rt_tgsigqueueinfo, fchmodat2\n");
	return 0;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	return many_messages() || positioned_io() || message_queue() || sysv_messages() || sysv_semaphores() ||
	       sysv_shared_memory() || process_calls();
}
