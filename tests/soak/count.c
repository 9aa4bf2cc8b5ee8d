// SPDX-License-Identifier: GPL-2.0
/*
 * The soak's reader of qtrace's output (half of awk's 36 ns a line, on the
 * CPUs it measures): counts the "e TID K" lines of soak.qt,
 * checks that each thread's K (its own event number) only grows, so that
 * no event came twice or out of its order, and copies every other line to
 * REST.  At end of input it writes "LINES DISORDERED THREADS" to OUTFILE.
 *
 *   count OUTFILE REST < qtrace-output
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NTIDS 4096		/* open addressing; the workload has one thread a CPU */

static struct { unsigned long long tid, last; } tids[NTIDS];
static unsigned long long lines, disorder, nthreads;
static FILE *rest;

static void seen(unsigned long long tid, unsigned long long k)
{
	unsigned int i = (unsigned int)(tid * 2654435761u) % NTIDS, n;

	for (n = 0; n < NTIDS; n++, i = (i + 1) % NTIDS) {
		if (tids[i].tid == tid + 1)
			break;
		if (!tids[i].tid) {
			tids[i].tid = tid + 1;
			nthreads++;
			break;
		}
	}
	if (n == NTIDS || k <= tids[i].last)
		disorder++;
	else
		tids[i].last = k;
}

/* "e TID K": counted and checked; anything else goes to REST. */
static void line(const char *s, size_t n)
{
	unsigned long long tid = 0, k = 0;
	size_t i = 2;

	if (n < 2 || s[0] != 'e' || s[1] != ' ') {
		fwrite(s, 1, n, rest);
		fputc('\n', rest);
		return;
	}
	lines++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		tid = tid * 10 + (s[i] - '0');
	if (i < n && s[i] == ' ')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			k = k * 10 + (s[i] - '0');
	if (i != n)
		disorder++;	/* not the soak's line: a torn or mixed record */
	else
		seen(tid, k);
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	size_t have = 0, start;
	ssize_t r;
	char *nl;
	FILE *f;

	if (argc != 3 || !(rest = fopen(argv[2], "w")))
		return 2;
	for (;;) {
		r = read(0, buf + have, sizeof(buf) - have);
		if (r <= 0)
			break;
		have += r;
		start = 0;
		while ((nl = memchr(buf + start, '\n', have - start))) {
			line(buf + start, nl - (buf + start));
			start = nl - buf + 1;
		}
		if (start == 0 && have == sizeof(buf)) {
			line(buf, have);	/* a line longer than the buffer */
			start = have;
		}
		memmove(buf, buf + start, have - start);
		have -= start;
	}
	if (have)
		line(buf, have);
	f = fopen(argv[1], "w");
	if (!f)
		return 1;
	fprintf(f, "%llu %llu %llu\n", lines, disorder, nthreads);
	return fclose(f) || fclose(rest) ? 1 : 0;
}
