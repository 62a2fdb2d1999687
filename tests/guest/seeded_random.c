// The guest's random bytes and uname release, as rvx's -seed and -r set them: prints the
// release, AT_RANDOM's 16 bytes and getrandom's bytes in the main thread, in a second thread and
// in a forked child, and checks what holds with or without a seed: the streams differ from each
// other, and getrandom refuses unknown flags. tests/check/cli.sh runs it with seeds (the same
// seed must print the same, under both engines; another seed something else).
// no-qemu: its output is random by design (QEMU's -seed draws other bytes)
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static void print_hex(const char *what, const unsigned char *b, size_t n)
{
	printf("%s ", what);
	for (size_t i = 0; i < n; i++)
		printf("%02x", b[i]);
	printf("\n");
}

static unsigned char in_thread[32];

static void *thread_draw(void *arg)
{
	(void)arg;
	return getrandom(in_thread, sizeof in_thread, 0) == sizeof in_thread ? NULL : (void *)1;
}

int main(void)
{
	struct utsname u;
	unsigned char main1[32], main2[4096], from_child[32];
	const unsigned char *at_random = (const unsigned char *)getauxval(AT_RANDOM);
	int fds[2], status, errors = 0;
	pthread_t th;
	void *thread_result;
	pid_t pid;

	if (uname(&u) != 0 || !at_random)
		return 1;
	printf("release %s\n", u.release);
	print_hex("at_random", at_random, 16);
	if (getrandom(main1, sizeof main1, 0) != sizeof main1 || getrandom(main2, sizeof main2, 0) != sizeof main2)
		return 2;
	print_hex("main", main1, sizeof main1);
	print_hex("main, 4 KiB on (first 16)", main2, 16);
	if (pthread_create(&th, NULL, thread_draw, NULL) || pthread_join(th, &thread_result) || thread_result)
		return 3;
	print_hex("thread", in_thread, sizeof in_thread);
	if (pipe(fds))
		return 4;
	pid = fork();
	if (pid == 0) {
		unsigned char b[32];
		_exit(getrandom(b, sizeof b, 0) == sizeof b && write(fds[1], b, sizeof b) == sizeof b ? 0 : 1);
	}
	if (pid < 0 || read(fds[0], from_child, sizeof from_child) != sizeof from_child ||
	    waitpid(pid, &status, 0) != pid || status != 0)
		return 5;
	print_hex("child", from_child, sizeof from_child);
	if (getrandom(main1, sizeof main1, 0) != sizeof main1)
		return 6;
	print_hex("main after the fork", main1, sizeof main1);
	errno = 0;
	if (getrandom(main1, 8, 0x100) != -1 || errno != EINVAL) {
		printf("getrandom with an unknown flag: errno %d\n", errno);
		errors++;
	}
	if (!memcmp(in_thread, main1, sizeof main1) || !memcmp(from_child, main1, sizeof main1) ||
	    !memcmp(from_child, in_thread, sizeof in_thread)) {
		printf("two streams gave the same bytes\n");
		errors++;
	}
	return errors ? 7 : 0;
}
