// SPDX-License-Identifier: GPL-2.0
/* Codegen of kstack, ustack, kstack(n), ustack(n): a stack id (and the pid). */
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include <stddef.h>
#include "events.h"

/*
 * The first ustack of a process sends EV_PID, so user space reads its
 * mappings while it lives: frames the kernel could not give a build id
 * (anonymous memory, a contended mmap lock) fall back to them, and every
 * file mapped joins the build-id index.  qt_pids holds the pids sent.
 */
static void announce_pid(struct cg *c, LLVMValueRef pid)
{
	LLVMBasicBlockRef send = cg_block(c, "pid.new");
	LLVMBasicBlockRef done = cg_block(c, "pid.done");
	LLVMValueRef key = cg_buf(c, 8), zero = cg_buf(c, 8), rec, pay, ret;

	cg_store_int(c, key, pid, 8);
	cg_store_int(c, zero, cg_i64(c, 0), 8);
	ret = cg_map_update(c, cg_pids_map(c), key, zero, BPF_NOEXIST);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, ret, cg_i64(c, 0), ""),
			send, done);
	LLVMPositionBuilderAtEnd(c->b, send);
	rec = cg_event_buf(c, 8, &pay);
	cg_store_int(c, pay, pid, 8);
	cg_event_send(c, rec, EV_PID, 0, 8, true);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

/* One FNV-1a step: h ^ w, times the FNV prime. */
static LLVMValueRef fnv_step(struct cg *c, LLVMValueRef h, LLVMValueRef w)
{
	return LLVMBuildMul(c->b, LLVMBuildXor(c->b, h, w, ""),
			    cg_i64(c, 0x100000001b3ULL), "");
}

/* h folded to QT_USTACK_ID_BITS and never 0 (0: no stack). */
static LLVMValueRef fold_id(struct cg *c, LLVMValueRef h)
{
	LLVMValueRef id;

	id = LLVMBuildXor(c->b, h, LLVMBuildLShr(c->b, h, cg_i64(c, QT_USTACK_ID_BITS), ""), "");
	id = LLVMBuildAnd(c->b, id, cg_i64(c, QT_USTACK_ID_MASK), "");
	return LLVMBuildSelect(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, id, cg_i64(c, 0), ""),
			       cg_i64(c, 1), id, "uid");
}

/*
 * Which words a ustack(dwarf) id hashes (NULL: all): those that look like
 * code (in [lo1, lo1 + len1) or [lo2, lo2 + len2), the process's
 * executable mappings as user space put them in qt_dwarf_text) or like
 * stack addresses (in [sp, sp + window)); others as 0.
 */
struct pick {
	LLVMValueRef lo1, len1, lo2, len2, sp;
	int window;
};

static LLVMValueRef picked(struct cg *c, const struct pick *k, LLVMValueRef w)
{
	LLVMValueRef in1, in2, in3;

	if (!k)
		return w;
	in1 = LLVMBuildICmp(c->b, LLVMIntULT, LLVMBuildSub(c->b, w, k->lo1, ""), k->len1, "");
	in2 = LLVMBuildICmp(c->b, LLVMIntULT, LLVMBuildSub(c->b, w, k->lo2, ""), k->len2, "");
	in3 = LLVMBuildICmp(c->b, LLVMIntULT, LLVMBuildSub(c->b, w, k->sp, ""),
			    cg_i64(c, (uint64_t)k->window), "");
	return LLVMBuildSelect(c->b, LLVMBuildOr(c->b, LLVMBuildOr(c->b, in1, in2, ""), in3, ""),
			       w, cg_i64(c, 0), "");
}

/*
 * FNV-1a from h0 over the nwords u64 words at buf (at most max), unfolded,
 * each as picked() keeps it.  A loop the verifier walks once per word
 * actually written.  Rotated (a guard, then a body that ends in the
 * conditional jump back): a latch that falls through into a loop head is
 * rejected by 6.1's verifier ("back-edge from insn N to N+1": only jumps
 * may close a loop there; 6.12 takes both), and LLVM lays the head-first
 * form out that way.
 */
static LLVMValueRef hash_loop(struct cg *c, LLVMValueRef buf, LLVMValueRef nwords,
			      int max, LLVMValueRef h0, const struct pick *k)
{
	LLVMBasicBlockRef pre, head = cg_block(c, "uhash.body"), body;
	LLVMBasicBlockRef done = cg_block(c, "uhash.done");
	LLVMValueRef n, i, h, w, in, hn, p, res;

	/* one bound: the words written, at most max */
	n = LLVMBuildSelect(c->b, LLVMBuildICmp(c->b, LLVMIntULT, nwords, cg_i64(c, max), ""),
			    nwords, cg_i64(c, max), "n");
	pre = LLVMGetInsertBlock(c->b);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntNE, n, cg_i64(c, 0), ""), head, done);
	LLVMPositionBuilderAtEnd(c->b, head);
	i = LLVMBuildPhi(c->b, c->i64, "i");
	h = LLVMBuildPhi(c->b, c->i64, "h");
	p = LLVMBuildGEP2(c->b, c->i64, buf, &i, 1, "");
	w = LLVMBuildLoad2(c->b, c->i64, p, "w");
	LLVMSetAlignment(w, 8);
	hn = fnv_step(c, h, picked(c, k, w));
	in = LLVMBuildAdd(c->b, i, cg_i64(c, 1), "");
	body = LLVMGetInsertBlock(c->b);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULT, in, n, ""), head, done);
	LLVMAddIncoming(i, (LLVMValueRef[]){ cg_i64(c, 0), in },
			(LLVMBasicBlockRef[]){ pre, body }, 2);
	LLVMAddIncoming(h, (LLVMValueRef[]){ h0, hn },
			(LLVMBasicBlockRef[]){ pre, body }, 2);
	LLVMPositionBuilderAtEnd(c->b, done);
	res = LLVMBuildPhi(c->b, c->i64, "h.out");
	LLVMAddIncoming(res, (LLVMValueRef[]){ h0, hn },
			(LLVMBasicBlockRef[]){ pre, body }, 2);
	return res;
}

/* The id of the nwords words at buf (at most QT_USTACK_BYTES / 8). */
static LLVMValueRef hash_words(struct cg *c, LLVMValueRef buf, LLVMValueRef nwords)
{
	return fold_id(c, hash_loop(c, buf, nwords, QT_USTACK_BYTES / 8,
				    cg_i64(c, 0xcbf29ce484222325ULL), NULL));
}

/*
 * ustack: bpf_get_stack() with BPF_F_USER_BUILD_ID writes per frame the
 * file's build id and offset (status IP: a bare address, e.g. JIT code),
 * at sample time, so the frames resolve after the process is gone.  The
 * frames are stored in qt_ustacks under a hash of their bytes.  Not
 * bpf_get_stackid(): its map hashes the raw addresses into one entry per
 * bucket, so the same stack of 1,000 processes (ASLR) fills 1,000 entries
 * and about 1 in 8 is lost to a bucket collision (-EEXIST) in 4,096;
 * build-id frames are the same in every process.  Returns 0 when the
 * kernel gave no stack.
 */
/*
 * Store the nwords words of build-id frames at buf in qt_ustacks under
 * their hash, unless there already: the id (the hash).
 */
static LLVMValueRef store_frames(struct cg *c, LLVMValueRef buf, LLVMValueRef nwords)
{
	LLVMBasicBlockRef add = cg_block(c, "ustack.add");
	LLVMBasicBlockRef done = cg_block(c, "ustack.stored");
	LLVMValueRef key = cg_buf(c, 8), id, map = cg_ustacks_map(c);

	id = hash_words(c, buf, nwords);
	cg_store_int(c, key, id, 8);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, cg_map_lookup(c, map, key), ""),
			add, done);
	LLVMPositionBuilderAtEnd(c->b, add);
	cg_map_update(c, map, key, buf, BPF_NOEXIST);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	return id;
}

/* if (cond) then = f() else 0, as one value: the blocks around a call. */
static LLVMValueRef or_zero(struct cg *c, LLVMValueRef cond, LLVMBasicBlockRef *then)
{
	LLVMBasicBlockRef yes = cg_block(c, "uid.yes");

	*then = cg_block(c, "uid.done");
	LLVMBuildCondBr(c->b, cond, yes, *then);
	LLVMPositionBuilderAtEnd(c->b, yes);
	return NULL;
}

static LLVMValueRef join_zero(struct cg *c, LLVMBasicBlockRef no, LLVMBasicBlockRef done,
			      LLVMValueRef id)
{
	LLVMBasicBlockRef yes = LLVMGetInsertBlock(c->b);
	LLVMValueRef phi;

	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	phi = LLVMBuildPhi(c->b, c->i64, "uid");
	LLVMAddIncoming(phi, (LLVMValueRef[]){ cg_i64(c, 0), id },
			(LLVMBasicBlockRef[]){ no, yes }, 2);
	return phi;
}

/*
 * ustack: bpf_get_stack() with BPF_F_USER_BUILD_ID writes per frame the
 * file's build id and offset (status IP: a bare address, e.g. JIT code),
 * at sample time, so the frames resolve after the process is gone.  The
 * frames are stored in qt_ustacks under a hash of their bytes.  Not
 * bpf_get_stackid(): its map hashes the raw addresses into one entry per
 * bucket, so the same stack of 1,000 processes (ASLR) fills 1,000 entries
 * and about 1 in 8 is lost to a bucket collision (-EEXIST) in 4,096;
 * build-id frames are the same in every process.  Returns 0 when the
 * kernel gave no stack.
 */
/*
 * A return probe placed on a function's ret (Go, uprobe.c): the function has
 * popped its frame, so the frame-pointer walk goes from its ret straight to
 * the caller's caller.  Frame 0 becomes the return address at sp, the
 * caller, as a uretprobe's stack starts: a bare address stays one; a build
 * id's offset moves by as much, the caller being in the same file (Go links
 * statically).  pt_regs: ip at 128, sp at 152.
 */
static void ret_insn_frame(struct cg *c, LLVMValueRef buf)
{
	LLVMValueRef ra = cg_buf(c, 8), args[3], sp, ip, st, off, ok, v;

	cg_store_int(c, ra, cg_i64(c, 0), 8);
	sp = cg_load_int(c, cg_gep(c, c->ctxarg, 152), 8, false);
	ip = cg_load_int(c, cg_gep(c, c->ctxarg, 128), 8, false);
	args[0] = ra;
	args[1] = cg_i32(c, 8);
	args[2] = LLVMBuildIntToPtr(c->b, sp, c->ptr, "");
	cg_helper(c, BPF_FUNC_probe_read_user, c->i64, args, 3);
	v = cg_load_int(c, ra, 8, false);
	st = cg_load_int(c, buf, 4, false);
	off = cg_load_int(c, cg_gep(c, buf, 24), 8, false);
	ok = LLVMBuildAnd(c->b, LLVMBuildICmp(c->b, LLVMIntNE, v, cg_i64(c, 0), ""),
			  LLVMBuildICmp(c->b, LLVMIntULE, LLVMBuildSub(c->b, st, cg_i64(c, 1), ""),
					cg_i64(c, 1), ""), "");
	v = LLVMBuildSelect(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, st, cg_i64(c, BPF_STACK_BUILD_ID_IP), ""),
			    v, LLVMBuildAdd(c->b, off, LLVMBuildSub(c->b, v, ip, ""), ""), "");
	cg_store_int(c, cg_gep(c, buf, 24), LLVMBuildSelect(c->b, ok, v, off, ""), 8);
}

static LLVMValueRef user_stack_id(struct cg *c)
{
	LLVMValueRef buf = cg_buf_perm(c, QT_USTACK_BYTES);
	LLVMValueRef a[4] = { c->ctxarg, buf, cg_i64(c, QT_USTACK_BYTES),
			      cg_i64(c, BPF_F_USER_STACK | BPF_F_USER_BUILD_ID) };
	LLVMBasicBlockRef no = LLVMGetInsertBlock(c->b), done;
	LLVMValueRef ret;

	ret = cg_helper(c, BPF_FUNC_get_stack, c->i64, a, 4);
	or_zero(c, LLVMBuildICmp(c->b, LLVMIntSGE, ret, cg_i64(c, 0), ""), &done);
	if (c->pi && c->pi->at_ret_insns)
		ret_insn_frame(c, buf);
	return join_zero(c, no, done,
			 store_frames(c, buf, LLVMBuildLShr(c->b, ret, cg_i64(c, 3), "")));
}

/* The u64 at word w of buf. */
static LLVMValueRef word_at(struct cg *c, LLVMValueRef buf, int w)
{
	return cg_load_int(c, cg_gep(c, buf, 8 * w), 8, false);
}

/*
 * Copy the user stack from sp into win, in chunks of QT_DWARF_CHUNK
 * aligned to their size (the first up to the first boundary), so a read
 * that fails at the top of the stack keeps every whole chunk below it:
 * bpf_probe_read_user() of a range that crosses an unmapped page fails
 * as a whole.  The bytes copied.
 */
static LLVMValueRef copy_window(struct cg *c, LLVMValueRef win, LLVMValueRef sp, int window)
{
	int n = window / QT_DWARF_CHUNK, k;
	LLVMBasicBlockRef done = cg_block(c, "dwarf.copied");
	LLVMBasicBlockRef from[QT_DWARF_WINDOW_MAX / QT_DWARF_CHUNK + 1];
	LLVMValueRef lens[QT_DWARF_WINDOW_MAX / QT_DWARF_CHUNK + 1];
	LLVMValueRef off = cg_i64(c, 0), size, ret, a[3], phi;

	/* first chunk: ((~sp) & (CHUNK - 1)) + 1 bytes, 1..CHUNK */
	size = LLVMBuildAdd(c->b, LLVMBuildAnd(c->b, LLVMBuildNot(c->b, sp, ""),
					       cg_i64(c, QT_DWARF_CHUNK - 1), ""),
			    cg_i64(c, 1), "first");
	for (k = 0; k < n; k++) {
		LLVMBasicBlockRef next = cg_block(c, "dwarf.chunk");

		a[0] = LLVMBuildGEP2(c->b, c->i8, win, &off, 1, "");
		a[1] = size;
		a[2] = LLVMBuildAdd(c->b, sp, off, "");
		ret = cg_helper(c, BPF_FUNC_probe_read_user, c->i64, a, 3);
		lens[k] = off;
		from[k] = LLVMGetInsertBlock(c->b);
		LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntSLT, ret, cg_i64(c, 0), ""),
				done, next);
		LLVMPositionBuilderAtEnd(c->b, next);
		off = LLVMBuildAdd(c->b, off, size, "");
		size = cg_i64(c, QT_DWARF_CHUNK);
	}
	lens[n] = off;
	from[n] = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	phi = LLVMBuildPhi(c->b, c->i64, "dwarf.len");
	LLVMAddIncoming(phi, lens, from, n + 1);
	return phi;
}

/*
 * The length stored at p, read back as one unknown value of at most
 * window.  Read again, volatile, at each use that needs the bound: a
 * value that lives across a helper call is spilled, and LLVM spills a
 * min() as its input before the compare; 6.1's verifier does not carry
 * the compare's bound to that spilled copy (6.8 links them), so
 * ringbuf_output's size from it was "R3 min value is negative".
 */
static LLVMValueRef len_at(struct cg *c, LLVMValueRef p, int window)
{
	LLVMValueRef v, big;

	v = LLVMBuildLoad2(c->b, c->i64, p, "len");
	LLVMSetAlignment(v, 8);
	LLVMSetVolatile(v, 1);
	big = LLVMBuildICmp(c->b, LLVMIntUGT, v, cg_i64(c, (uint64_t)window), "");
	return LLVMBuildSelect(c->b, big, cg_i64(c, (uint64_t)window), v, "");
}

/*
 * Store len at p and read it back (len_at): copy_window() ends in 17 ways
 * (8 KiB), each a different constant to the verifier, which would walk
 * the hash loop (1,024 words) once per way (seconds of loading) instead of
 * once.
 */
static LLVMValueRef one_len(struct cg *c, LLVMValueRef p, LLVMValueRef len, int window)
{
	cg_store_int(c, p, len, 8);
	return len_at(c, p, window);
}

/*
 * The ranges of pid's executable mappings (qt_dwarf_text, struct
 * qt_dwarf_text) into k; until user space has written them (the first
 * records of a process) every word counts: [0, 2^64).
 */
static void pick_ranges(struct cg *c, struct pick *k, LLVMValueRef pid)
{
	LLVMValueRef key = cg_buf(c, 8), r, v[4];
	LLVMBasicBlockRef pre, have = cg_block(c, "dwarf.text"), done = cg_block(c, "dwarf.picked");
	LLVMValueRef *out[4] = { &k->lo1, &k->len1, &k->lo2, &k->len2 };
	int i;

	cg_store_int(c, key, pid, 8);
	r = cg_map_lookup(c, cg_dwarf_text_map(c), key);
	pre = LLVMGetInsertBlock(c->b);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, r, ""), done, have);
	LLVMPositionBuilderAtEnd(c->b, have);
	for (i = 0; i < 4; i++)
		v[i] = cg_load_int(c, cg_gep(c, r, 8 * i), 8, false);
	have = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	for (i = 0; i < 4; i++) {
		*out[i] = LLVMBuildPhi(c->b, c->i64, "");
		LLVMAddIncoming(*out[i], (LLVMValueRef[]){ cg_i64(c, i == 1 ? ~0ULL : 0), v[i] },
				(LLVMBasicBlockRef[]){ pre, have }, 2);
	}
}

/*
 * ustack(dwarf): the user registers (bpf_task_pt_regs(): the thread's
 * user state whatever the probe interrupted) and a window (8 KiB)
 * of its stack, hashed into the id; the first sample of an id sends them
 * to user space (EV_USTACK_DWARF), which unwinds them by the files' CFI
 * and stores the frames in qt_ustacks under the id, where ustack's
 * printing finds them.  A record the ring buffer drops is forgotten (the
 * id leaves qt_dwarf_seen) so a later sample sends it again.
 */
static LLVMValueRef dwarf_stack_id(struct cg *c)
{
	int hdr = sizeof(struct qt_event_hdr), fixed = sizeof(struct qt_dwarf_stack);
	int window = c->p->dwarf_window ? (int)c->p->dwarf_window : QT_DWARF_WINDOW;
	LLVMValueRef rec = cg_buf_scratch(c, hdr + fixed + window);
	LLVMValueRef pay = cg_gep(c, rec, hdr), regs = cg_gep(c, pay, 16);
	LLVMValueRef win = cg_gep(c, pay, fixed), key = cg_buf(c, 8), one = cg_buf(c, 8);
	LLVMValueRef task, ptregs, a[4], len, lenp, h, id, ret, pidtgid;
	struct pick k;
	LLVMBasicBlockRef send = cg_block(c, "dwarf.send");
	LLVMBasicBlockRef lost = cg_block(c, "dwarf.lost");
	LLVMBasicBlockRef done = cg_block(c, "dwarf.done");
	static const int hashed[] = { QT_PTREG_IP, QT_PTREG_SP, QT_PTREG_BP, QT_PTREG_BX,
				      QT_PTREG_R12, QT_PTREG_R13, QT_PTREG_R14, QT_PTREG_R15 };
	unsigned i;

	/* declared for user space, which stores the frames there */
	cg_ustacks_map(c);
	task = cg_helper(c, BPF_FUNC_get_current_task_btf, c->i64, NULL, 0);
	ptregs = cg_helper(c, BPF_FUNC_task_pt_regs, c->i64, &task, 1);
	a[0] = regs;
	a[1] = cg_i64(c, QT_DWARF_NREGS * 8);
	a[2] = ptregs;
	if (LLVMGetIntTypeWidth(LLVMTypeOf(ptregs)) == 64)
		a[2] = LLVMBuildIntToPtr(c->b, ptregs, c->ptr, "");
	ret = cg_helper(c, BPF_FUNC_probe_read_kernel, c->i64, a, 3);
	(void)ret;	/* on failure: zeros, an empty stack */
	len = copy_window(c, win, word_at(c, regs, QT_PTREG_SP), window);
	lenp = cg_gep(c, pay, 16 + QT_DWARF_NREGS * 8);
	len = one_len(c, lenp, len, window);
	pidtgid = cg_helper_pure(c, BPF_FUNC_get_current_pid_tgid, c->i64);
	cg_store_int(c, cg_gep(c, pay, 8), pidtgid, 8);

	pick_ranges(c, &k, LLVMBuildLShr(c->b, pidtgid, cg_i64(c, 32), ""));
	k.sp = word_at(c, regs, QT_PTREG_SP);
	k.window = window;
	h = fnv_step(c, cg_i64(c, 0xcbf29ce484222325ULL),
		     LLVMBuildLShr(c->b, pidtgid, cg_i64(c, 32), ""));
	for (i = 0; i < sizeof(hashed) / sizeof(hashed[0]); i++)
		h = fnv_step(c, h, i < 2 ? word_at(c, regs, hashed[i]) :
				   picked(c, &k, word_at(c, regs, hashed[i])));
	h = hash_loop(c, win, LLVMBuildLShr(c->b, len, cg_i64(c, 3), ""),
		      window / 8, h, &k);
	id = fold_id(c, h);
	cg_store_int(c, pay, id, 8);

	/* the first sample of this id sends it */
	cg_store_int(c, key, id, 8);
	cg_store_int(c, one, cg_i64(c, 1), 8);
	ret = cg_map_update(c, cg_dwarf_seen_map(c), key, one, BPF_NOEXIST);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, ret, cg_i64(c, 0), ""),
			send, done);
	LLVMPositionBuilderAtEnd(c->b, send);
	a[0] = c->ctxarg;
	a[1] = cg_gep(c, pay, offsetof(struct qt_dwarf_stack, leaf));
	a[2] = cg_i64(c, 32);
	a[3] = cg_i64(c, BPF_F_USER_STACK | BPF_F_USER_BUILD_ID);
	cg_helper(c, BPF_FUNC_get_stack, c->i64, a, 4);	/* on failure: zeros */
	cg_store_int(c, rec, cg_i64(c, EV_USTACK_DWARF), 8);
	a[0] = c->ringbuf;
	a[1] = rec;
	a[2] = LLVMBuildAdd(c->b, len_at(c, lenp, window), cg_i64(c, hdr + fixed), "");
	a[3] = cg_i64(c, 0);
	ret = cg_helper(c, BPF_FUNC_ringbuf_output, c->i64, a, 4);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntSLT, ret, cg_i64(c, 0), ""),
			lost, done);
	LLVMPositionBuilderAtEnd(c->b, lost);
	cg_stat_inc(c, QT_STAT_LOST_EVENTS);
	cg_map_delete(c, cg_dwarf_seen_map(c), key);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	return id;
}

/*
 * usym(addr) when addr is where the thread is in user space (usym(reg("ip"))
 * in a uprobe, a profile sample): that frame as build id + offset, stored
 * like a one-frame ustack, so it resolves after the process is gone; 0 for
 * any other address (printed through the process's maps).  Its buffer is
 * only ever written 32 bytes at its start: the rest stays zero.
 */
static LLVMValueRef usym_frame_id(struct cg *c, LLVMValueRef addr)
{
	LLVMValueRef ip = cg_buf(c, 8), buf = cg_buf_perm(c, QT_USTACK_BYTES), ret, same;
	LLVMValueRef a[4] = { c->ctxarg, ip, cg_i64(c, 8), cg_i64(c, BPF_F_USER_STACK) };
	LLVMBasicBlockRef no = LLVMGetInsertBlock(c->b), done;

	cg_store_int(c, ip, cg_i64(c, 0), 8);
	ret = cg_helper(c, BPF_FUNC_get_stack, c->i64, a, 4);
	same = LLVMBuildAnd(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, ret, cg_i64(c, 8), ""),
			    LLVMBuildICmp(c->b, LLVMIntEQ, cg_load_int(c, ip, 8, false), addr, ""),
			    "");
	or_zero(c, same, &done);
	a[1] = buf;
	a[2] = cg_i64(c, 32);
	a[3] = cg_i64(c, BPF_F_USER_STACK | BPF_F_USER_BUILD_ID);
	cg_helper(c, BPF_FUNC_get_stack, c->i64, a, 4);	/* on failure: zeros, an empty frame */
	return join_zero(c, no, done, store_frames(c, buf, cg_i64(c, 4)));
}

/*
 * kstack: bpf_get_stackid() stores the frames in qt_stacks and returns
 * their id (negative on failure, e.g. -EEXIST on a hash collision).  The
 * value (types.h) of a kstack is the (u32) id; of a ustack the frames'
 * hash | pid << QT_USTACK_ID_BITS: user stacks need the pid for frames
 * without a build id, and keep processes apart as keys.  The depth of
 * kstack(n) is applied when printing: one map serves every n.
 */
LLVMValueRef cg_stack(struct cg *c, struct node *n)
{
	bool user = n->type && n->type->stack == STACK_USER;
	LLVMValueRef a[3] = { c->ctxarg, NULL, cg_i64(c, 0) };
	LLVMValueRef id, pid;

	if (!user) {
		a[1] = cg_stacks_map(c);
		id = cg_helper(c, BPF_FUNC_get_stackid, c->i64, a, 3);
		return LLVMBuildAnd(c->b, id, cg_i64(c, 0xffffffff), "stackid");
	}
	id = n->type->stack_mode == STACK_MODE_DWARF ? dwarf_stack_id(c) : user_stack_id(c);
	pid = LLVMBuildLShr(c->b, cg_helper_pure(c, BPF_FUNC_get_current_pid_tgid,
						 c->i64), cg_i64(c, 32), "pid");
	announce_pid(c, pid);
	return LLVMBuildOr(c->b, id, LLVMBuildShl(c->b, pid, cg_i64(c, QT_USTACK_ID_BITS), ""),
			   "ustack");
}

/* ksym(addr): the address itself; printing resolves it. */
LLVMValueRef cg_ksym(struct cg *c, struct node *n)
{
	return cg_expr(c, n->call.args);
}

/* usym(addr): (addr, pid, frame id), the pid announced like ustack's. */
LLVMValueRef cg_usym(struct cg *c, struct node *n)
{
	LLVMValueRef addr = cg_expr(c, n->call.args);
	LLVMValueRef dst = cg_take_dst(c, 24), pid, uid;

	pid = LLVMBuildLShr(c->b, cg_helper_pure(c, BPF_FUNC_get_current_pid_tgid,
						 c->i64), cg_i64(c, 32), "pid");
	announce_pid(c, pid);
	uid = usym_frame_id(c, addr);
	cg_store_int(c, dst, addr, 8);
	cg_store_int(c, cg_gep(c, dst, 8), pid, 8);
	cg_store_int(c, cg_gep(c, dst, 16), uid, 8);
	return dst;
}

/*
 * task_kstack(task): bpf_get_task_stack() writes the task's kernel frames
 * (zero after the last); they are stored in qt_tstacks under their hash,
 * and the value is that hash with QT_TSTACK_FLAG, which tells printing to
 * look there.  No frames (the helper's error, a task not in the kernel):
 * 0xffffffff, the "no stack" a failed kstack id also is.
 */
LLVMValueRef cg_task_kstack(struct cg *c, struct node *n)
{
	LLVMValueRef task = cg_expr(c, n->call.args);
	LLVMValueRef buf = cg_buf_perm(c, QT_STACK_MAX * 8);
	LLVMValueRef a[4] = { task, buf, cg_i64(c, QT_STACK_MAX * 8), cg_i64(c, 0) };
	LLVMBasicBlockRef add, done, pre, yes, stored;
	LLVMValueRef ret, key, id, map = cg_tstacks_map(c), phi;

	ret = cg_helper(c, BPF_FUNC_get_task_stack, c->i64, a, 4);
	pre = LLVMGetInsertBlock(c->b);
	yes = cg_block(c, "tstack.yes");
	done = cg_block(c, "tstack.done");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntSGT, ret, cg_i64(c, 0), ""),
			yes, done);
	LLVMPositionBuilderAtEnd(c->b, yes);
	id = hash_words(c, buf, LLVMBuildLShr(c->b, ret, cg_i64(c, 3), ""));
	key = cg_buf(c, 8);
	cg_store_int(c, key, id, 8);
	add = cg_block(c, "tstack.add");
	stored = cg_block(c, "tstack.stored");
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, cg_map_lookup(c, map, key), ""),
			add, stored);
	LLVMPositionBuilderAtEnd(c->b, add);
	cg_map_update(c, map, key, buf, BPF_NOEXIST);
	LLVMBuildBr(c->b, stored);
	LLVMPositionBuilderAtEnd(c->b, stored);
	id = LLVMBuildOr(c->b, id, cg_i64(c, QT_TSTACK_FLAG), "tstack");
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	phi = LLVMBuildPhi(c->b, c->i64, "tstack.id");
	LLVMAddIncoming(phi, (LLVMValueRef[]){ cg_i64(c, 0xffffffff), id },
			(LLVMBasicBlockRef[]){ pre, stored }, 2);
	return phi;
}

/*
 * len(kstack), len(ustack(n)): the frames bpf_get_stack() gives here (the
 * walk the stack's own id is made from), at most n.  Frames only, into
 * per-CPU scratch: no build ids, nothing stored.
 */
LLVMValueRef cg_stack_len(struct cg *c, struct node *stack)
{
	const struct type *t = stack->type;
	bool user = t->stack == STACK_USER;
	LLVMValueRef buf = cg_buf_perm(c, QT_STACK_MAX * 8);
	LLVMValueRef a[4] = { c->ctxarg, buf, cg_i64(c, QT_STACK_MAX * 8),
			      cg_i64(c, user ? BPF_F_USER_STACK : 0) };
	LLVMValueRef ret, nf;

	ret = cg_helper(c, BPF_FUNC_get_stack, c->i64, a, 4);
	nf = LLVMBuildSelect(c->b, LLVMBuildICmp(c->b, LLVMIntSLT, ret, cg_i64(c, 0), ""),
			     cg_i64(c, 0), LLVMBuildLShr(c->b, ret, cg_i64(c, 3), ""), "frames");
	if (t->stack_depth > 0)
		nf = LLVMBuildSelect(c->b, LLVMBuildICmp(c->b, LLVMIntUGT, nf,
							 cg_i64(c, t->stack_depth), ""),
				     cg_i64(c, t->stack_depth), nf, "");
	c->dst = NULL;
	return nf;
}
