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
};

struct qt_event_hdr {
	uint32_t kind;
	uint32_t id;
};

/*
 * EV_PRINT_MAP, EV_PRINT_FOLDED, EV_CLEAR, EV_ZERO and EV_EXIT go to the
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

/* join(argv): at most QT_JOIN_ARGS strings of QT_JOIN_STR bytes each. */
#define QT_JOIN_ARGS	16
#define QT_JOIN_STR	128
struct qt_join {
	uint64_t n;		/* strings present */
	char s[QT_JOIN_ARGS][QT_JOIN_STR];
};

#endif
