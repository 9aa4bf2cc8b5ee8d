// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc_exist() and kfunc_allowed(): kernel functions BPF programs may
 * call.  BTF names them (pahole tags each with the decl tag bpf_kfunc);
 * which program types may call one is registered in the kernel only, so
 * the verifier is asked: it rejects the call of a kfunc the program type
 * may not use before it looks at the arguments.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include "sema/btf_types.h"
#include "sema/bpf_kfuncs.h"

static int kfunc_id(const char *name, const struct btf **b)
{
	int id = btf_func_id(name, b);

	/* BTF without any bpf_kfunc tag (pahole < 1.26): every function may be one */
	if (id <= 0 || btf_decl_tagged(*b, id, "bpf_kfunc") == 0)
		return 0;
	return id;
}

bool kfunc_exists(const char *name)
{
	const struct btf *b;

	return kfunc_id(name, &b) > 0;
}

/* The kernel's fd of module BTF named mod, or -1. */
static int module_btf_fd(const char *mod)
{
	struct bpf_btf_info info;
	char name[64];
	__u32 id = 0, len;
	int fd;

	while (!bpf_btf_get_next_id(id, &id)) {
		fd = bpf_btf_get_fd_by_id(id);
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		info.name = (__u64)(unsigned long)name;
		info.name_len = sizeof(name);
		len = sizeof(info);
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) && info.kernel_btf &&
		    !strcmp(name, mod))
			return fd;
		close(fd);
	}
	return -1;
}

/* Verifier messages that refuse the call itself, not its arguments. */
static bool refused(const char *log)
{
	static const char *const why[] = {
		"is not allowed", "must be sleepable", "destructive", "not supported",
		"non-GPL", "JIT is required", "JIT does not support",
		"require",	/* "metadata kfuncs require device-bound program" */
	};
	size_t i;

	for (i = 0; i < sizeof(why) / sizeof(why[0]); i++)
		if (strstr(log, why[i]))
			return true;
	return false;
}

static bool ask_verifier(const struct btf *b, int id, enum bpf_prog_type type)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = id },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	const char *mod = btf_module_name(b);
	int fds[2] = { -1, -1 }, fd;
	char *log = calloc(1, 65536);
	bool ok;
	LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log, .log_size = 65536, .log_level = 1);

	if (!log)
		return false;
	if (mod) {
		/* a module's kfunc: the call's offset indexes fd_array (0 is vmlinux) */
		fds[1] = module_btf_fd(mod);
		if (fds[1] < 0) {
			free(log);
			return false;
		}
		insns[0].off = 1;
		o.fd_array = fds;
	}
	fd = bpf_prog_load(type, NULL, "GPL", insns, 3, &o);
	ok = fd >= 0 || (errno != EPERM && log[0] && !refused(log));
	if (fd >= 0)
		close(fd);
	if (fds[1] >= 0)
		close(fds[1]);
	free(log);
	return ok;
}

bool kfunc_allowed(const char *name, enum bpf_prog_type type)
{
	static struct { const char *name; enum bpf_prog_type type; bool ok; } cache[32];
	static int ncache;
	const struct btf *b;
	int id = kfunc_id(name, &b), i;
	bool ok;

	if (id <= 0)
		return false;
	/*
	 * fentry, fexit, tp_btf and iter programs need a target to load; the
	 * kernel gives them the kfuncs of tracepoint programs (one set)
	 */
	if (type == BPF_PROG_TYPE_TRACING)
		type = BPF_PROG_TYPE_TRACEPOINT;
	for (i = 0; i < ncache; i++)
		if (cache[i].type == type && !strcmp(cache[i].name, name))
			return cache[i].ok;
	ok = ask_verifier(b, id, type);
	if (ncache < (int)(sizeof(cache) / sizeof(cache[0]))) {
		cache[ncache].name = strdup(name);
		cache[ncache].type = type;
		cache[ncache++].ok = ok;
	}
	return ok;
}
