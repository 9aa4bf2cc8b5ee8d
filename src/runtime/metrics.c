// SPDX-License-Identifier: GPL-2.0
/*
 * --metrics: an HTTP endpoint for Prometheus, served by libmicrohttpd.
 *
 * Bounded: one internal polling thread (no thread per connection), at most
 * METRICS_CONNS connections at once, each closed after METRICS_TIMEOUT_S of
 * silence, METRICS_CONN_MEM bytes of request memory each; a scrape builds
 * the body in memory (the maps' size) and frees it once sent.  The probes
 * never see it: the maps are read from user space, as print() reads them.
 *
 * libmicrohttpd is loaded with dlopen when --metrics is given, not linked:
 * it brings gnutls and its dependencies, which every other run of qtrace
 * would map at start-up for nothing, and which have no static archives for
 * qtrace-static (the kernel-matrix guests), where --metrics is refused (a
 * library dlopen'ed into a static program brings a second libc: it crashed).  The header (configure's MHD_CFLAGS) gives the types.
 */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>
#include <microhttpd.h>
#include "runtime/metrics.h"
#include "runtime/output/openmetrics.h"

#define METRICS_LIB "libmicrohttpd.so.12"
#define METRICS_CONNS 4
#define METRICS_TIMEOUT_S 10
#define METRICS_CONN_MEM (32 * 1024)
#define METRICS_TYPE "text/plain; version=0.0.4; charset=utf-8"

struct mhd_api {
	struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port,
					   MHD_AcceptPolicyCallback apc, void *apc_cls,
					   MHD_AccessHandlerCallback dh, void *dh_cls, ...);
	void (*stop_daemon)(struct MHD_Daemon *d);
	struct MHD_Response *(*response_from_buffer)(size_t size, void *buffer,
						     MHD_ContentReaderFreeCallback crfc);
	enum MHD_Result (*add_header)(struct MHD_Response *r, const char *h, const char *v);
	enum MHD_Result (*queue_response)(struct MHD_Connection *c, unsigned int status,
					  struct MHD_Response *r);
	void (*destroy_response)(struct MHD_Response *r);
};

struct metrics {
	int fd;			/* the listening socket */
	char where[128];	/* "127.0.0.1:9100", for messages */
	void *lib;
	struct mhd_api api;
	struct MHD_Daemon *d;
	struct om_maps *om;
};

/* "[ADDR:]PORT" into host and port; false when it is not that. */
static bool split_spec(const char *spec, char *host, size_t hn, char *port, size_t pn)
{
	const char *colon = strrchr(spec, ':'), *p;
	size_t n;
	long v;
	char *end;

	p = colon ? colon + 1 : spec;
	if (!*p || strlen(p) >= pn)
		return false;
	errno = 0;
	v = strtol(p, &end, 10);
	if (errno || *end || v < 0 || v > 65535 || *p == '-' || *p == '+')
		return false;
	snprintf(port, pn, "%ld", v);
	if (!colon) {
		snprintf(host, hn, "127.0.0.1");
		return true;
	}
	n = colon - spec;
	if (n >= 2 && spec[0] == '[' && spec[n - 1] == ']') {
		spec++;
		n -= 2;
	}
	if (!n || n >= hn || memchr(spec, ':', n) != NULL) {
		/* an IPv6 address needs its brackets: [::1]:9100 */
		if (!n || n >= hn || spec[-1] != '[')
			return false;
	}
	memcpy(host, spec, n);
	host[n] = '\0';
	return true;
}

struct metrics *metrics_listen(const char *spec, bool *usage)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
	struct addrinfo *res = NULL, *a;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[96], port[8], h[64], ps[8];
	struct metrics *mt;
	int fd = -1, one = 1, err = 0, rc;

	*usage = false;
	/* no program interpreter: a static qtrace, whose libc a dlopen'ed library cannot share */
	if (getauxval(AT_BASE) == 0) {
		fprintf(stderr, "qtrace: error: --metrics needs the dynamically linked qtrace: this one is static and cannot load libmicrohttpd\n");
		return NULL;
	}
	if (!split_spec(spec, host, sizeof(host), port, sizeof(port))) {
		fprintf(stderr, "qtrace: --metrics takes [ADDR:]PORT (PORT 0 to 65535; [ADDR] for IPv6), not '%s'\n",
			spec);
		*usage = true;
		return NULL;
	}
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc) {
		fprintf(stderr, "qtrace: error: --metrics %s: address '%s': %s\n", spec, host,
			gai_strerror(rc));
		return NULL;
	}
	for (a = res; a; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		/* a restart may bind while the last run's connections are in TIME_WAIT */
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, 16) == 0)
			break;
		err = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		fprintf(stderr, "qtrace: error: --metrics %s: cannot listen on %s port %s: %s\n",
			spec, host, port, strerror(err));
		if (err == EADDRINUSE)
			fprintf(stderr, "qtrace: another program serves that port: pick another (0: any free one)\n");
		return NULL;
	}
	mt = calloc(1, sizeof(*mt));
	if (!mt) {
		close(fd);
		return NULL;
	}
	mt->fd = fd;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0 &&
	    getnameinfo((struct sockaddr *)&ss, sl, h, sizeof(h), ps, sizeof(ps),
			NI_NUMERICHOST | NI_NUMERICSERV) == 0)
		snprintf(mt->where, sizeof(mt->where), strchr(h, ':') ? "[%s]:%s" : "%s:%s", h, ps);
	else
		snprintf(mt->where, sizeof(mt->where), "%s:%s", host, port);
	return mt;
}

static enum MHD_Result reply(struct metrics *mt, struct MHD_Connection *c, unsigned int status,
			     char *body, size_t n, const char *type)
{
	/* our free(): in qtrace-static, the library's libc is not ours */
	struct MHD_Response *r = mt->api.response_from_buffer(n, body, free);
	enum MHD_Result ret;

	if (!r) {
		free(body);
		return MHD_NO;
	}
	mt->api.add_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	ret = mt->api.queue_response(c, status, r);
	mt->api.destroy_response(r);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload, size_t *upload_size, void **state)
{
	struct metrics *mt = cls;
	char *body = NULL;
	size_t n = 0;
	FILE *f;

	(void)version;
	(void)upload;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return MHD_NO;
	/* the first call only announces the headers: answer on the second */
	if (!*state) {
		*state = mt;
		return MHD_YES;
	}
	if (*upload_size)
		return MHD_NO;
	if (strcmp(url, "/metrics")) {
		body = strdup("qtrace: the maps are at /metrics\n");
		return body ? reply(mt, c, MHD_HTTP_NOT_FOUND, body, strlen(body),
				    "text/plain; charset=utf-8") : MHD_NO;
	}
	f = open_memstream(&body, &n);
	if (!f)
		return MHD_NO;
	om_write(f, mt->om);
	if (fclose(f)) {
		free(body);
		return MHD_NO;
	}
	return reply(mt, c, MHD_HTTP_OK, body, n, METRICS_TYPE);
}

static int load_api(struct metrics *mt)
{
	struct mhd_api *a = &mt->api;

	mt->lib = dlopen(METRICS_LIB, RTLD_NOW | RTLD_LOCAL);
	if (!mt->lib) {
		fprintf(stderr, "qtrace: error: --metrics needs libmicrohttpd: %s\n", dlerror());
		fprintf(stderr, "qtrace: install it: apt-get install libmicrohttpd12\n");
		return -1;
	}
	*(void **)&a->start_daemon = dlsym(mt->lib, "MHD_start_daemon");
	*(void **)&a->stop_daemon = dlsym(mt->lib, "MHD_stop_daemon");
	*(void **)&a->response_from_buffer = dlsym(mt->lib, "MHD_create_response_from_buffer_with_free_callback");
	*(void **)&a->add_header = dlsym(mt->lib, "MHD_add_response_header");
	*(void **)&a->queue_response = dlsym(mt->lib, "MHD_queue_response");
	*(void **)&a->destroy_response = dlsym(mt->lib, "MHD_destroy_response");
	if (!a->start_daemon || !a->stop_daemon || !a->response_from_buffer ||
	    !a->add_header || !a->queue_response || !a->destroy_response) {
		fprintf(stderr, "qtrace: error: --metrics: %s lacks a function qtrace calls\n",
			METRICS_LIB);
		return -1;
	}
	return 0;
}

int metrics_start(struct metrics *mt, const struct program *p, const int *fds, int ncpus)
{
	sigset_t all, old;

	if (load_api(mt) < 0)
		return -1;
	mt->om = om_maps_new(p, fds, ncpus);
	if (!mt->om) {
		fprintf(stderr, "qtrace: error: --metrics: out of memory\n");
		return -1;
	}
	/* the thread inherits a mask of every signal: SIGINT, SIGCHLD stay the tracer's */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	mt->d = mt->api.start_daemon(MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL,
				     on_request, mt,
				     MHD_OPTION_LISTEN_SOCKET, (MHD_socket)mt->fd,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned int)METRICS_CONNS,
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)METRICS_TIMEOUT_S,
				     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)METRICS_CONN_MEM,
				     MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!mt->d) {
		fprintf(stderr, "qtrace: error: --metrics %s: libmicrohttpd did not start\n",
			mt->where);
		return -1;
	}
	fprintf(stderr, "qtrace: serving the maps on http://%s/metrics\n", mt->where);
	return 0;
}

void metrics_stop(struct metrics *mt)
{
	if (!mt)
		return;
	/* MHD_stop_daemon closes the listen socket too, even one it was given */
	if (mt->d) {
		mt->api.stop_daemon(mt->d);
		mt->fd = -1;
	}
	mt->d = NULL;
	om_maps_free(mt->om);
	mt->om = NULL;
}

void metrics_close(struct metrics *mt)
{
	if (!mt)
		return;
	metrics_stop(mt);
	if (mt->fd >= 0)
		close(mt->fd);
	if (mt->lib)
		dlclose(mt->lib);
	free(mt);
}
