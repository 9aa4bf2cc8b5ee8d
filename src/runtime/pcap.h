/* SPDX-License-Identifier: GPL-2.0 */
/*
 * skboutput(): the packets bpf_skb_output() sends through QT_SKB_MAP (a
 * perf event array), appended to pcap files of raw IP (LINKTYPE_RAW).
 */
#ifndef QTRACE_RUNTIME_PCAP_H
#define QTRACE_RUNTIME_PCAP_H

struct tracer;

/* Create the script's pcap files and open the perf buffer: 0, or -1 (reported). */
int rt_pcap_open(struct tracer *t);
/* The perf buffer's epoll fd, or -1 without skboutput(). */
int rt_pcap_epoll_fd(struct tracer *t);
/* Write the packets sent so far; their number. */
int rt_pcap_consume(struct tracer *t);
/* Flush and close the files, free the buffer. */
void rt_pcap_close(struct tracer *t);

#endif
