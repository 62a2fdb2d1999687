/* An embedder as a user writes one, built against an installed rvx (pkg-config rvx): runs a
 * RISC-V program and reports how it ended, going on itself whatever the guest did. */
#include <rvx.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	struct rvx_config cfg = {0};
	rvx_machine *m;
	char *env[] = {NULL};
	int status;
	if (argc < 2 || rvx_machine_new(&cfg, &m) != RVX_OK)
		return 2;
	if (rvx_load(m, argv[1], argc - 1, argv + 1, env) != RVX_OK) {
		fprintf(stderr, "minimal: %s\n", rvx_last_error(m));
		return 2;
	}
	status = rvx_run(m);
	rvx_machine_free(m);
	printf("the guest ended with %d; the embedder goes on\n", status);
	return 0;
}
