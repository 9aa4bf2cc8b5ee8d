/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The records BPF programs send to user space through the ring buffer.
 * Every record starts with struct qt_event_hdr; the payload follows at
 * offset 8.  The generated code and the runtime both follow this file.
 */
#ifndef QT_EVENTS_H
#define QT_EVENTS_H

#include <stdint.h>

/* ORDER EVENT */
enum qt_event_kind {
	EV_PRINTF = 1,		/* id: fmt; payload: the fmtinfo's arguments */
	EV_EXIT,		/* payload: i64 exit code */
	EV_PRINT_MAP,		/* id: map; payload: i64 top, i64 div (0: all, 1) */
	EV_CLEAR,		/* id: map */
	EV_ZERO,		/* id: map */
	EV_TIME,		/* id: fmt (fmt is the strftime format) */
	EV_PRINT_VALUE,		/* id: fmt (fmt NULL, one arg); payload: the value */
	EV_PID,			/* payload: u64 pid, first seen in a ustack */
	EV_SYSTEM,		/* id: fmt; payload as EV_PRINTF: the command to run */
	EV_CAT,			/* id: fmt; payload as EV_PRINTF: the file to print */
	EV_JOIN,		/* id: fmt (fmt: the separator); payload: struct qt_join */
	EV_PRINT_FOLDED,	/* id: map (print(@m, folded)) */
	EV_USTACK_DWARF,	/* payload: struct qt_dwarf_stack, then its stack bytes */
	EV_ERRORF,		/* id: fmt; payload as EV_PRINTF: an error at the call */
	EV_WARNF,		/* id: fmt; payload as EV_PRINTF: a warning at the call */
	EV_UNWATCH,		/* payload: u64 address whose watchpoints are removed */
};

struct qt_event_hdr {
	uint32_t kind;
	uint32_t id;
};

/*
 * EV_PRINT_MAP, EV_PRINT_FOLDED, EV_CLEAR, EV_ZERO, EV_UNWATCH and EV_EXIT go to the
 * control ring buffer (QT_CTRL_MAP) with this header: ev_pos is where the
 * event ring buffer's producer stood when the record was sent (the byte
 * position after the last event reserved before it).  The payload follows
 * at offset 16.
 */
struct qt_ctrl_hdr {
	uint32_t kind;
	uint32_t id;
	uint64_t ev_pos;
};

/*
 * skboutput()'s record in QT_SKB_MAP: this header (bpf_skb_output's meta),
 * then the first len bytes of the packet's data; the pcap file gets those
 * from offset on.
 */
struct qt_skb_meta {
	uint32_t fmt_id;	/* p->fmts entry of the file's path */
	uint32_t offset;
	uint32_t len;
	uint32_t pad;
	uint64_t ns;		/* bpf_ktime_get_boot_ns() */
};

/* join(argv): at most QT_JOIN_ARGS strings of QT_JOIN_STR bytes each. */
#define QT_JOIN_ARGS	16
#define QT_JOIN_STR	128
struct qt_join {
	uint64_t n;		/* strings present */
	char s[QT_JOIN_ARGS][QT_JOIN_STR];
};

/*
 * ustack(dwarf): the thread's user registers (x86_64 struct pt_regs) and
 * up to QT_DWARF_WINDOW bytes of its user stack from sp, copied at sample
 * time, once per distinct id; user space unwinds them through the files'
 * CFI (unwind.c) and stores the frames in qt_ustacks under id.  id hashes
 * the pid, ip, sp, and of the callee-saved registers and the copied words
 * those that point into code or the stack (struct qt_dwarf_text): what
 * the walk reads (return addresses, saved frame addresses) and not the
 * locals that change with every sample.  Samples that differ only in
 * other words share the first one's frames.
 */
#define QT_DWARF_WINDOW	8192	/* the default; QTRACE_DWARF_STACK_BYTES */
#define QT_DWARF_WINDOW_MAX	8192	/* longer hash loops: "8193 jumps" (verifier) */
#define QT_DWARF_CHUNK	512	/* the copy is in chunks: a stack top ends it */
#define QT_DWARF_NREGS	21
#define QT_DWARF_RINGBUF	(4 << 20)	/* the ring buffer holds ~500 of them */
struct qt_dwarf_stack {
	uint64_t id;		/* key in qt_ustacks (QT_USTACK_ID_BITS) */
	uint64_t pid_tgid;
	uint64_t regs[QT_DWARF_NREGS];	/* struct pt_regs: r15 ... ss */
	uint64_t len;		/* bytes of stack that follow, from regs sp */
	/*
	 * The sampled frame as build id + file offset (struct
	 * bpf_stack_build_id): its file and where it was mapped even if the
	 * process is gone before its maps are read.
	 */
	uint8_t leaf[32];
};
/*
 * A process's executable mappings as two ranges, the main program's and
 * the rest's (user space writes them at its first record): a ustack(dwarf)
 * id hashes only the words that point into them or into the copied stack,
 * so the same call path keeps its id while locals and counters change.
 */
struct qt_dwarf_text {
	uint64_t lo1, len1, lo2, len2;
};
/* Word indexes in regs (struct pt_regs of x86_64). */
enum qt_dwarf_reg {
	QT_PTREG_R15, QT_PTREG_R14, QT_PTREG_R13, QT_PTREG_R12, QT_PTREG_BP,
	QT_PTREG_BX, QT_PTREG_IP = 16, QT_PTREG_SP = 19,
};

#endif
