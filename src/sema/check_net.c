// SPDX-License-Identifier: GPL-2.0
/*
 * Socket and packet functions: socket_cookie(sk) and skboutput(path, skb,
 * len, offset).  Their helpers take a socket or sk_buff pointer the
 * verifier typed from BTF, so the kernel allows them only in trampoline
 * programs (fentry, fexit; iter for socket_cookie).
 */
#include <string.h>
#include "runtime/provider.h"
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "util/arena.h"

/* A located error at the first probe that is no trampoline; note names those that can. */
static bool tracing_only(struct sema *s, struct node *n, const char *note)
{
	int i;

	for (i = 0; i < s->ninsts; i++)
		if (s->insts[i]->provider->prog_type != BPF_PROG_TYPE_TRACING) {
			sema_error(s, n->loc, "%s() is not available in %s probes", n->call.name,
				   s->insts[i]->special ? "BEGIN and END" :
				   arena_printf("'%s'", s->insts[i]->provider->name));
			sema_note(s, "%s", note);
			return false;
		}
	return true;
}

/*
 * A socket the kernel's bpf_get_socket_cookie() takes in trampoline
 * programs: a struct sock_common, or a struct whose first member leads
 * to one (struct sock, inet_sock, tcp_sock, udp_sock ...), as the
 * verifier matches BTF ids.
 */
static bool is_sock(struct type *t)
{
	int depth;

	for (depth = 0; t && t->kind == T_STRUCT && depth < 8; depth++) {
		if (t->name && !strcmp(t->name, "struct sock_common"))
			return true;
		type_complete(t);
		if (!t->nfields || t->fields[0].offset)
			return false;
		t = t->fields[0].type;
	}
	return false;
}

/*
 * socket_cookie(sk): bpf_get_socket_cookie() of a struct sock pointer,
 * which the kernel allows only in trampoline and iterator programs
 * (fentry, fexit, iter), where the pointer is one it typed from BTF.
 */
struct type *check_socket_cookie(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	const struct type *t = a->type;

	if (t->kind == T_NONE)
		return &type_none;
	if (t->kind != T_PTR || !is_sock(t->elem)) {
		sema_error(s, a->loc, "socket_cookie() needs a 'struct sock *', not '%s'",
			   type_name(t));
		sema_note(s, "pass the socket argument of a kernel function: fentry:tcp_sendmsg { @[socket_cookie(args.sk)] = count(); }");
		return &type_none;
	}
	if (!tracing_only(s, n, "the kernel allows bpf_get_socket_cookie() of a struct sock * only in fentry, fexit and iter probes"))
		return &type_none;
	return &type_u64;
}

static bool is_skb(const struct type *t)
{
	return t->kind == T_PTR && t->elem && t->elem->kind == T_STRUCT && t->elem->name &&
	       !strcmp(t->elem->name, "struct sk_buff");
}

/*
 * skboutput(path, skb, len, offset): bpf_skb_output() sends the first len
 * bytes of skb's data through a perf buffer; qtrace appends bytes offset
 * and on to the pcap file path (runtime/pcap.c).  The path is a format
 * entry marked pcap; the result is the helper's (0, or -errno).
 */
struct type *check_skboutput(struct sema *s, struct node *n)
{
	struct node *path = n->call.args, *skb = path->next, *len = skb->next, *off = len->next;
	int64_t v;
	int id;

	if (path->type->kind == T_NONE || skb->type->kind == T_NONE ||
	    len->type->kind == T_NONE || off->type->kind == T_NONE)
		return &type_none;
	if (path->kind != N_STR || !path->str.s[0]) {
		sema_error(s, path->loc, "skboutput() path must be a non-empty string literal");
		sema_note(s, "write skboutput(\"out.pcap\", args.skb, args.skb->len, 0)");
		return &type_none;
	}
	if (!is_skb(skb->type)) {
		sema_error(s, skb->loc, "skboutput() needs a 'struct sk_buff *', not '%s'",
			   type_name(skb->type));
		sema_note(s, "pass the packet argument of a kernel function: fentry:__dev_queue_xmit { skboutput(\"out.pcap\", args.skb, args.skb->len, 14); }");
		return &type_none;
	}
	if (!sema_is_int(len->type)) {
		sema_error(s, len->loc, "skboutput() length must be an integer, not '%s'",
			   type_name(len->type));
		return &type_none;
	}
	if (!sema_is_int(off->type) || !sema_const_int(s, off, &v) || v < 0 || v > 0xffff) {
		sema_error(s, off->loc, "skboutput() offset must be an integer constant from 0 to 65535");
		sema_note(s, "14 skips an Ethernet header: the file's packets are raw IP");
		return &type_none;
	}
	if (!tracing_only(s, n, "the kernel allows bpf_skb_output() only in fentry and fexit probes, of a struct sk_buff * they were given"))
		return &type_none;
	off->kind = N_INT;	/* the constant, folded: codegen puts it in the record */
	off->num.is_bool = false;
	off->num.v = v;
	off->type = &type_u64;
	id = sema_fmt_add(s, n->loc, path->str.s, 0, NULL);
	if (id >= 0)
		s->p->fmts[id]->pcap = true;
	n->call.fmt_id = id;
	return &type_i32;
}
