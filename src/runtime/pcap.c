// SPDX-License-Identifier: GPL-2.0
/*
 * skboutput(path, skb, len, offset): pcap files of raw IP packets.  Each
 * record of QT_SKB_MAP is struct qt_skb_meta and the first len bytes of
 * the packet; the file gets the bytes from offset on, stamped with the
 * wall-clock time of the probe (its boot-time ns plus the clocks' offset).
 * The files are made at start, so a script that captured nothing leaves
 * an empty capture, as tcpdump -w does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/libbpf.h>
#include "events.h"
#include "program.h"
#include "util/diag.h"
#include "runtime/pcap.h"
#include "runtime/rt.h"

#define PCAP_MAGIC	0xa1b2c3d4u	/* microsecond timestamps */
#define LINKTYPE_RAW	101
#define PCAP_SNAPLEN	65535
/* per CPU: bpftrace's default (BPFTRACE_PERF_RB_PAGES) is 64 pages as well */
#define SKB_PAGES	64

struct pcap_hdr {
	uint32_t magic;
	uint16_t major, minor;
	int32_t thiszone;
	uint32_t sigfigs, snaplen, linktype;
};

struct pcap_rec {
	uint32_t sec, usec, caplen, len;
};

static int64_t boot_to_wall_ns(void)
{
	struct timespec rt, bt;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	return (rt.tv_sec - bt.tv_sec) * 1000000000LL + (rt.tv_nsec - bt.tv_nsec);
}

static void on_packet(void *ctx, int cpu, void *data, __u32 size)
{
	struct tracer *t = ctx;
	struct qt_skb_meta m;
	struct pcap_rec r;
	uint64_t ns;
	FILE *f;

	(void)cpu;
	if (size < sizeof(m))
		return;
	memcpy(&m, data, sizeof(m));
	if (m.fmt_id >= (uint32_t)t->p->nfmts || !(f = t->pcap[m.fmt_id]) ||
	    sizeof(m) + m.len > size)
		return;
	ns = m.ns + boot_to_wall_ns();
	r.sec = ns / 1000000000;
	r.usec = ns % 1000000000 / 1000;
	r.caplen = r.len = m.len > m.offset ? m.len - m.offset : 0;
	fwrite(&r, sizeof(r), 1, f);
	fwrite((char *)data + sizeof(m) + m.offset, 1, r.caplen, f);
}

static void on_lost(void *ctx, int cpu, __u64 n)
{
	(void)cpu;
	((struct tracer *)ctx)->pcap_lost += n;
}

/* The file of fmt i: one already opened for the same path, or a new one. */
static FILE *open_file(struct tracer *t, int i)
{
	const char *path = t->p->fmts[i]->fmt;
	struct pcap_hdr h = { PCAP_MAGIC, 2, 4, 0, 0, PCAP_SNAPLEN, LINKTYPE_RAW };
	FILE *f;
	int j;

	for (j = 0; j < i; j++)
		if (t->pcap[j] && !strcmp(t->p->fmts[j]->fmt, path))
			return t->pcap[j];
	f = fopen(path, "w");
	if (!f) {
		diag_rt_error(t->p->fmts[i]->loc, "cannot create the pcap file '%s': %s", path,
			      strerror(errno));
		return NULL;
	}
	fwrite(&h, sizeof(h), 1, f);
	return f;
}

int rt_pcap_open(struct tracer *t)
{
	struct bpf_map *m = bpf_object__find_map_by_name(t->obj, QT_SKB_MAP);
	struct loc noloc = { 0 };
	int i;

	if (!m)
		return 0;
	t->pcap = calloc(t->p->nfmts, sizeof(*t->pcap));
	if (!t->pcap)
		return -1;
	for (i = 0; i < t->p->nfmts; i++)
		if (t->p->fmts[i]->pcap && !(t->pcap[i] = open_file(t, i)))
			return -1;
	t->skb_pb = perf_buffer__new(bpf_map__fd(m), SKB_PAGES, on_packet, on_lost, t, NULL);
	if (!t->skb_pb) {
		diag_rt_error(noloc, "cannot read skboutput()'s perf buffer: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int rt_pcap_epoll_fd(struct tracer *t)
{
	return t->skb_pb ? perf_buffer__epoll_fd(t->skb_pb) : -1;
}

int rt_pcap_consume(struct tracer *t)
{
	int n;

	if (!t->skb_pb)
		return 0;
	n = perf_buffer__consume(t->skb_pb);
	return n > 0 ? n : 0;
}

void rt_pcap_close(struct tracer *t)
{
	struct loc noloc = { 0 };
	int i, j;

	perf_buffer__free(t->skb_pb);
	t->skb_pb = NULL;
	for (i = 0; t->pcap && i < t->p->nfmts; i++) {
		if (!t->pcap[i])
			continue;
		if (fclose(t->pcap[i]))
			diag_rt_error(t->p->fmts[i]->loc, "cannot write the pcap file '%s': %s",
				      t->p->fmts[i]->fmt, strerror(errno));
		for (j = i + 1; j < t->p->nfmts; j++)
			if (t->pcap[j] == t->pcap[i])
				t->pcap[j] = NULL;
		t->pcap[i] = NULL;
	}
	free(t->pcap);
	t->pcap = NULL;
	if (t->pcap_lost)
		diag_rt_warn(noloc, "skboutput(): %llu packets lost (a full perf buffer)",
			     (unsigned long long)t->pcap_lost);
	t->pcap_lost = 0;
}
