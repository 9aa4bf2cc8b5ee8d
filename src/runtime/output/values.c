// SPDX-License-Identifier: GPL-2.0
/*
 * Values resolved when printed (enum print_kind): syscall names, errno
 * text, user names, cgroup paths, timestamps, IP and MAC addresses and raw
 * buffers.  The one place that turns their bytes into text, for printf's
 * %s, print(), map keys and values alike.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <dirent.h>
#include <fnmatch.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include "runtime/output/output.h"
#include "util/cgroup.h"
#include "util/syscalls.h"
#include "util/sort.h"

#define CGROUP_ROOT "/sys/fs/cgroup"

static uint64_t u64_at(const void *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Wall-clock seconds and ns of boot-time ns: now's offset between the clocks. */
static void boot_to_wall(uint64_t boot_ns, struct timespec *wall)
{
	struct timespec rt, bt;
	int64_t off, ns;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	off = (rt.tv_sec - bt.tv_sec) * 1000000000LL + (rt.tv_nsec - bt.tv_nsec);
	ns = (int64_t)boot_ns + off;
	wall->tv_sec = ns / 1000000000LL;
	wall->tv_nsec = ns % 1000000000LL;
}

/* strftime(3) of wall time ts, plus bpftrace's %f: microseconds, 6 digits. */
void out_strftime(FILE *out, const char *fmt, const struct timespec *ts)
{
	size_t n = strlen(fmt), i, j = 0, cap = 256;
	char *f = malloc(n * 3 + 1), *buf;
	struct tm tm;

	if (!f || !localtime_r(&ts->tv_sec, &tm)) {
		free(f);
		return;
	}
	for (i = 0; i < n; i++) {
		if (fmt[i] == '%' && fmt[i + 1] == 'f') {
			j += sprintf(f + j, "%06ld", ts->tv_nsec / 1000);
			i++;
		} else if (fmt[i] == '%' && fmt[i + 1]) {
			f[j++] = fmt[i++];
			f[j++] = fmt[i];
		} else {
			f[j++] = fmt[i];
		}
	}
	f[j] = '\0';
	/* strftime returns 0 both for "too small" and for an empty result */
	for (; cap <= 65536; cap *= 4) {
		buf = malloc(cap);
		if (!buf)
			break;
		n = strftime(buf, cap, f, &tm);
		if (n > 0 || cap >= j * 16 + 256) {
			fwrite(buf, 1, n, out);
			free(buf);
			break;
		}
		free(buf);
	}
	free(f);
}

/* A cgroup directory whose id is id, below dir: its path from root. */
static bool cgroup_find(char *dir, size_t cap, uint64_t id)
{
	size_t len = strlen(dir);
	struct dirent *e;
	uint64_t got;
	bool found = false;
	DIR *d;

	if (cgroup_id(dir, &got) == 0 && got == id)
		return true;
	d = opendir(dir);
	if (!d)
		return false;
	while (!found && (e = readdir(d))) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (len + strlen(e->d_name) + 2 > cap)
			continue;
		snprintf(dir + len, cap - len, "/%s", e->d_name);
		found = cgroup_find(dir, cap, id);
		if (!found)
			dir[len] = '\0';
	}
	closedir(d);
	return found;
}

static int hier_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	/* cgroup2 ("unified") first, then the v1 hierarchies by name */
	if (strcmp(x, "unified") == 0 || strcmp(y, "unified") == 0)
		return strcmp(x, "unified") == 0 ? -1 : strcmp(y, "unified") == 0;
	return strcmp(x, y);
}

/*
 * bpftrace's layout: "unified:/a/b,cpu:/a" for every hierarchy under
 * /sys/fs/cgroup holding a cgroup of that id (filter: a wildcard on the
 * hierarchy names).  A cgroup2 mounted at /sys/fs/cgroup itself is "unified".
 */
static void put_cgroup_path(FILE *out, uint64_t id, const char *filter)
{
	char path[4096], *names[64];
	int n = 0, i, printed = 0;
	struct dirent *e;
	DIR *d;

	if (cgroup_is_v2_root(CGROUP_ROOT)) {
		names[n++] = strdup("");
	} else if ((d = opendir(CGROUP_ROOT))) {
		while (n < 64 && (e = readdir(d)))
			if (e->d_type == DT_DIR && e->d_name[0] != '.')
				names[n++] = strdup(e->d_name);
		closedir(d);
	}
	qt_sort(names, n, sizeof(*names), hier_cmp);
	for (i = 0; i < n; i++) {
		const char *h = names[i] && *names[i] ? names[i] : "unified";
		size_t root;

		if (!names[i] || (filter && fnmatch(filter, h, 0)))
			continue;
		root = snprintf(path, sizeof(path), "%s%s%s", CGROUP_ROOT,
				*names[i] ? "/" : "", names[i]);
		if (cgroup_find(path, sizeof(path), id))
			fprintf(out, "%s%s:%s", printed++ ? "," : "", h,
				path[root] ? path + root : "/");
	}
	for (i = 0; i < n; i++)
		free(names[i]);
}

/* %r (escapes for unprintable bytes), %rx (all \xNN), %rh ("0a fe"). */
void out_format_buffer(FILE *out, const void *p, size_t cap, char mode)
{
	const unsigned char *b = (const unsigned char *)p + 8;
	size_t len = u64_at(p), i;

	if (len > cap)
		len = cap;
	for (i = 0; i < len; i++) {
		if (mode == 'h')
			fprintf(out, "%s%02x", i ? " " : "", b[i]);
		else if (mode == 'x' || b[i] < 32 || b[i] > 126)
			fprintf(out, "\\x%02x", b[i]);
		else
			fputc(b[i], out);
	}
}

static void put_inet(FILE *out, const void *p)
{
	char s[INET6_ADDRSTRLEN];
	uint64_t af = u64_at(p);

	if (inet_ntop(af == AF_INET6 ? AF_INET6 : AF_INET, (const char *)p + 8,
		      s, sizeof(s)))
		fputs(s, out);
}

static void put_username(FILE *out, uint64_t uid)
{
	struct passwd pw, *r = NULL;
	char buf[1024];

	if (getpwuid_r((uid_t)uid, &pw, buf, sizeof(buf), &r) == 0 && r)
		fputs(r->pw_name, out);
	else
		fprintf(out, "%llu", (unsigned long long)uid);
}

/* EPERM; a negative value (a syscall's return) names its errno too; a number
 * glibc has no name for prints as the number. */
static void put_errname(FILE *out, int64_t e)
{
	const char *s = NULL;

	if (e < 0)
		e = -e;
	if (e > 0 && e < 4096)
		s = strerrorname_np((int)e);
	if (s)
		fputs(s, out);
	else
		fprintf(out, "%lld", (long long)e);
}

/* SIGKILL; real-time signals as SIGRTMIN+N; 0 and unknown numbers as numbers. */
static void put_signame(FILE *out, int64_t sig)
{
	const char *s = NULL;

	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		fprintf(out, "SIGRTMIN+%lld", (long long)(sig - SIGRTMIN));
		return;
	}
	if (sig > 0 && sig < 65)
		s = sigabbrev_np((int)sig);
	if (s)
		fprintf(out, "SIG%s", s);
	else
		fprintf(out, "%lld", (long long)sig);
}

bool out_format_print(FILE *out, const struct type *t, const void *p)
{
	const unsigned char *m = p;
	const char *s;
	struct timespec ts;

	switch (t->print) {
	case PK_NONE:
		return false;
	case PK_SYSCALL:
		s = syscalls_name((int64_t)u64_at(p));
		if (s)
			fputs(s, out);
		else
			fprintf(out, "%lld", (long long)u64_at(p));
		return true;
	case PK_ERRNO:
		fputs(strerror((int)u64_at(p)), out);
		return true;
	case PK_ERRNAME:
		put_errname(out, (int64_t)u64_at(p));
		return true;
	case PK_SIGNAME:
		put_signame(out, (int64_t)u64_at(p));
		return true;
	case PK_USERNAME:
		put_username(out, u64_at(p));
		return true;
	case PK_CGROUP_PATH:
		put_cgroup_path(out, u64_at(p), t->print_fmt);
		return true;
	case PK_TIMESTAMP:
		boot_to_wall(u64_at(p), &ts);
		out_strftime(out, t->print_fmt, &ts);
		return true;
	case PK_INET:
		put_inet(out, p);
		return true;
	case PK_MACADDR:
		fprintf(out, "%02X:%02X:%02X:%02X:%02X:%02X", m[0], m[1], m[2],
			m[3], m[4], m[5]);
		return true;
	case PK_BUFFER:
		out_format_buffer(out, p, t->fields[1].type->size, 0);
		return true;
	}
	return false;
}
