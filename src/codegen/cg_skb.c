// SPDX-License-Identifier: GPL-2.0
/*
 * skboutput(path, skb, len, offset): bpf_skb_output() (Linux 5.5) puts
 * struct qt_skb_meta and the first len bytes of skb's data (the length in
 * the flags' upper 32 bits, BPF_F_CTXLEN_MASK) into this CPU's slot of
 * QT_SKB_MAP; runtime/pcap.c writes them to the file.  skb must be the
 * BTF pointer the verifier typed (args.skb of fentry/fexit).
 */
#include <linux/bpf.h>
#include "events.h"
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"

LLVMValueRef cg_skboutput(struct cg *c, struct node *n)
{
	struct node *skb = n->call.args->next, *len = skb->next, *off = len->next;
	LLVMValueRef meta = cg_buf(c, sizeof(struct qt_skb_meta)), a[5], l, r;

	l = LLVMBuildAnd(c->b, cg_expr(c, len), cg_i64(c, 0xfffff), "skb.len");
	cg_store_int(c, meta, cg_i64(c, (uint64_t)off->num.v << 32 | (uint32_t)n->call.fmt_id), 8);
	cg_store_int(c, cg_gep(c, meta, 8), l, 8);	/* len, pad */
	cg_store_int(c, cg_gep(c, meta, 16), cg_helper_clock(c, BPF_FUNC_ktime_get_boot_ns), 8);
	a[0] = LLVMBuildIntToPtr(c->b, cg_expr(c, skb), c->ptr, "");
	a[1] = cg_skb_map(c);
	a[2] = LLVMBuildOr(c->b, LLVMBuildShl(c->b, l, cg_i64(c, 32), ""),
			   cg_i64(c, BPF_F_CURRENT_CPU), "");
	a[3] = meta;
	a[4] = cg_i64(c, sizeof(struct qt_skb_meta));
	r = cg_helper(c, BPF_FUNC_skb_output, c->i64, a, 5);
	return cg_normalize(c, r, 4, true);
}
