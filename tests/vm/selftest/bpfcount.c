// SPDX-License-Identifier: GPL-2.0
/*
 * bpfcount: the vmtest selftest's stand-in for qtrace.  Counts the calls of
 * kernel function FUNC made by COMM while CMD runs, with one attach type:
 *
 *	bpfcount kprobe|kretprobe|kprobe.multi|fentry|fexit FUNC COMM CMD [ARG...]
 *
 * Prints "TYPE FUNC: N".  CMD is forked first and held on a pipe until the
 * probe is attached (like qtrace -c); the filter is on COMM because the held
 * child still has our comm, and its pipe read would count for kretprobe and
 * fexit (they fire on return, after the attach).  Linked static so it runs
 * in the initramfs-only guest.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

/* bpfcount.bpf.o, embedded by the assembler (no xxd needed) */
asm(".pushsection .rodata\n"
    ".balign 8\n"
    "bpf_obj:\n"
    ".incbin \"" BPF_OBJ "\"\n"
    "bpf_obj_end:\n"
    ".popsection\n");
extern const char bpf_obj[], bpf_obj_end[];

static const struct {
	const char *type, *prog;
} types[] = {
	{ "kprobe", "on_kprobe" },
	{ "kretprobe", "on_kretprobe" },
	{ "kprobe.multi", "on_kprobe_multi" },
	{ "fentry", "on_fentry" },
	{ "fexit", "on_fexit" },
};

static int fail(const char *what, const char *type, const char *fn, int err)
{
	fprintf(stderr, "bpfcount: cannot %s %s '%s': %s\n", what, type, fn,
		strerror(err < 0 ? -err : err));
	return 1;
}

/* Fork CMD held on a pipe; writing to *release lets it exec. */
static pid_t spawn(char **argv, int *release)
{
	int p[2];
	char c;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(127);
		execvp(argv[0], argv);
		perror("bpfcount: exec");
		_exit(127);
	}
	close(p[0]);
	*release = p[1];
	return pid;
}

static struct bpf_link *attach(struct bpf_program *prog, const char *type,
			       const char *fn)
{
	LIBBPF_OPTS(bpf_kprobe_multi_opts, mopts, .syms = &fn, .cnt = 1);

	if (!strcmp(type, "kprobe"))
		return bpf_program__attach_kprobe(prog, false, fn);
	if (!strcmp(type, "kretprobe"))
		return bpf_program__attach_kprobe(prog, true, fn);
	if (!strcmp(type, "kprobe.multi"))
		return bpf_program__attach_kprobe_multi_opts(prog, NULL, &mopts);
	return bpf_program__attach_trace(prog);
}

int main(int argc, char **argv)
{
	const char *type, *fn, *prog_name = NULL;
	struct bpf_object *obj;
	struct bpf_program *prog, *p;
	struct bpf_link *link;
	char cfg[16] = { 0 };
	unsigned long long n = 0;
	unsigned k = 0;
	int release, status, err;
	pid_t pid;

	if (argc < 5) {
		fprintf(stderr, "usage: bpfcount TYPE FUNC COMM CMD [ARG...]\n");
		return 2;
	}
	type = argv[1], fn = argv[2];
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(type, types[i].type))
			prog_name = types[i].prog;
	if (!prog_name) {
		fprintf(stderr, "bpfcount: unknown attach type '%s'\n", type);
		return 2;
	}
	if (!getenv("BPFCOUNT_VERBOSE"))
		libbpf_set_print(NULL);
	strncpy(cfg, argv[3], sizeof(cfg) - 1);

	obj = bpf_object__open_mem(bpf_obj, bpf_obj_end - bpf_obj, NULL);
	if (!obj)
		return fail("open", type, fn, errno);
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), prog_name));
	prog = bpf_object__find_program_by_name(obj, prog_name);
	if (!strncmp(type, "f", 1) &&
	    (err = bpf_program__set_attach_target(prog, 0, fn)))
		return fail("find", type, fn, err);
	if ((err = bpf_object__load(obj)))
		return fail("load", type, fn, err);
	if (bpf_map__update_elem(bpf_object__find_map_by_name(obj, "cfg"),
				 &k, sizeof(k), cfg, sizeof(cfg), 0))
		return fail("configure", type, fn, errno);

	pid = spawn(argv + 4, &release);
	if (pid < 0)
		return fail("run", "command", argv[4], errno);
	link = attach(prog, type, fn);
	if (!link) {
		err = errno;
		close(release);
		waitpid(pid, NULL, 0);
		return fail("attach", type, fn, err);
	}
	if (write(release, "g", 1) != 1 || waitpid(pid, &status, 0) < 0)
		return fail("run", "command", argv[4], errno);
	bpf_link__destroy(link);
	if (bpf_map__lookup_elem(bpf_object__find_map_by_name(obj, "counts"),
				 &k, sizeof(k), &n, sizeof(n), 0))
		return fail("read", type, fn, errno);
	printf("%s %s: %llu\n", type, fn, n);
	bpf_object__close(obj);
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : 1;
}
