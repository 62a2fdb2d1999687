/* fork + exit + wait, N times: what a shell pays for every $(...) and every command it runs. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000, i, status, sum = 0;
	for (i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0)
			_exit(i & 7);
		if (waitpid(pid, &status, 0) != pid)
			return 1;
		sum += WEXITSTATUS(status);
	}
	printf("%d forks, status sum %d\n", n, sum);
	return 0;
}
