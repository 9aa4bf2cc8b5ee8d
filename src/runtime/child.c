// SPDX-License-Identifier: GPL-2.0
/*
 * -c CMD: the child is forked before compilation (its pid is baked into the
 * programs as cpid) and held until the probes are attached: it reads one
 * byte from a socket (a socket, not a pipe: send() with MSG_NOSIGNAL cannot
 * kill qtrace with SIGPIPE when the child is already gone).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include "util/diag.h"
#include "runtime/tracer.h"
#include "runtime/symbols/stacks.h"

/* Anything a shell would interpret: such commands run as sh -c 'exec CMD'. */
#define SHELL_CHARS "|&;<>()$`\\\"'*?[]#~=%{}!\n"

static struct loc noloc;

/* Split copy (modified) at blanks; NULL-terminated, NULL on ENOMEM. */
static char **split(char *copy)
{
	size_t n = 0, cap = 8;
	char **argv = malloc(cap * sizeof(*argv));
	char *s, *save = NULL;

	if (!argv)
		return NULL;
	for (s = strtok_r(copy, " \t", &save); s; s = strtok_r(NULL, " \t", &save)) {
		if (n + 2 > cap) {
			char **v = realloc(argv, (cap *= 2) * sizeof(*v));

			if (!v)
				goto fail;
			argv = v;
		}
		argv[n++] = s;
	}
	argv[n] = NULL;
	return argv;
fail:
	free(argv);
	return NULL;
}

/* execvp's search, done before forking so a typo is reported once, clearly. */
static int findable(const char *file)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];
	size_t len;

	if (strchr(file, '/')) {
		if (access(file, X_OK))
			return -errno;
		stacks_hint_file(file);	/* user stacks of the program resolve by build id */
		return 0;
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (; *path; path += len + (path[len] == ':')) {
		len = strcspn(path, ":");
		snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, len ? path : ".", file);
		if (access(buf, X_OK) == 0) {
			stacks_hint_file(buf);
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * In the child: wait for the tracer; EOF (no byte) means do not run.
 * Should qtrace die without ending it (SIGKILL, a crash), the kernel sends
 * the command SIGTERM, as bpftrace's child gets (its PR_SET_PDEATHSIG).
 */
static void child(int rd, char **argv, pid_t parent)
{
	char c;
	ssize_t n;

	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == 0 && getppid() != parent)
		_exit(1);	/* qtrace died before the prctl */
	do
		n = read(rd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(1);
	close(rd);
	execvp(argv[0], argv);
	fprintf(stderr, "qtrace: error: cannot run '%s': %s\n", argv[0], strerror(errno));
	_exit(127);
}

int child_spawn(const char *cmd, int *release_fd)
{
	char *shell[] = { "/bin/sh", "-c", NULL, NULL };
	char **argv = NULL, *copy = NULL;
	int fds[2], err, pid = -1;
	pid_t parent;

	if (strpbrk(cmd, SHELL_CHARS)) {
		shell[2] = malloc(strlen(cmd) + 6);
		if (!shell[2]) {
			diag_rt_error(noloc, "cannot run '%s': %s", cmd, strerror(ENOMEM));
			goto out;
		}
		strcpy(stpcpy(shell[2], "exec "), cmd);
	} else {
		copy = strdup(cmd);
		argv = copy ? split(copy) : NULL;
		if (!argv) {
			diag_rt_error(noloc, "cannot run '%s': %s", cmd, strerror(ENOMEM));
			goto out;
		}
		if (!argv[0]) {
			diag_rt_error(noloc, "the command of -c is empty");
			goto out;
		}
		err = findable(argv[0]);
		if (err) {
			diag_rt_error(noloc, "cannot run '%s': %s", argv[0], strerror(-err));
			goto out;
		}
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0) {
		diag_rt_error(noloc, "cannot run '%s': %s", cmd, strerror(errno));
		goto out;
	}
	fflush(NULL);
	parent = getpid();
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		child(fds[0], argv ? argv : shell, parent);
	}
	err = errno;
	close(fds[0]);
	if (pid < 0) {
		close(fds[1]);
		diag_rt_error(noloc, "cannot run '%s': %s", cmd, strerror(err));
		goto out;
	}
	*release_fd = fds[1];
out:
	free(shell[2]);
	free(copy);
	free(argv);
	return pid;
}
