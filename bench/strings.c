/* String handling: snprintf, strlen, strcmp, strstr, strtol. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 300000;
	char buf[128], prev[128] = "";
	long total = 0, cmps = 0;
	for (long i = 0; i < n; i++) {
		int len = snprintf(buf, sizeof buf, "item-%ld-%lx-value:%ld", i, i * 7919, i % 977);
		total += len + (long)strlen(buf);
		cmps += strcmp(buf, prev) > 0;
		if (strstr(buf, "-ff"))
			total++;
		total += strtol(strchr(buf, ':') + 1, NULL, 10);
		memcpy(prev, buf, (size_t)len + 1);
	}
	printf("%ld %ld\n", total, cmps);
	return 0;
}
