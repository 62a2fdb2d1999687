/* The raw MPI bandwidth between ranks 0 and 1, for the cluster streaming row: rank 0 sends
 * TOTAL MiB of its memory to rank 1's memory (blocking MPI_Send/MPI_Recv of MSG bytes each,
 * front to back, as moving that much data costs: not one buffer that stays in the cache), and
 * rank 1 answers at the end; prints MB/s at rank 0 (the second of two rounds).
 * usage: mpirun -np 2 mpi_bandwidth [TOTAL_MIB [MSG]] */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int rank;
	long total, msg, n;
	char *buf, ack = 0;
	double t0;
	MPI_Init(&argc, &argv);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	total = (argc > 1 ? atol(argv[1]) : 256) << 20;
	msg = argc > 2 ? atol(argv[2]) : 1 << 18;
	n = total / msg;
	buf = malloc((size_t)(n * msg));
	if (!buf)
		MPI_Abort(MPI_COMM_WORLD, 1);
	for (long i = 0; i < n * msg; i++)
		buf[i] = (char)i;
	for (int round = 0; round < 2; round++) { /* the first warms up */
		MPI_Barrier(MPI_COMM_WORLD);
		t0 = MPI_Wtime();
		for (long i = 0; i < n; i++) {
			if (rank == 0)
				MPI_Send(buf + i * msg, (int)msg, MPI_BYTE, 1, 0, MPI_COMM_WORLD);
			else if (rank == 1)
				MPI_Recv(buf + i * msg, (int)msg, MPI_BYTE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
		}
		if (rank == 0)
			MPI_Recv(&ack, 1, MPI_BYTE, 1, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
		else if (rank == 1)
			MPI_Send(&ack, 1, MPI_BYTE, 0, 1, MPI_COMM_WORLD);
		if (rank == 0 && round == 1)
			printf("%.1f MB/s (%ld messages of %ld bytes)\n", (double)n * (double)msg / (MPI_Wtime() - t0) / 1e6, n,
			       msg);
	}
	free(buf);
	MPI_Finalize();
	return 0;
}
