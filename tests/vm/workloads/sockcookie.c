// SPDX-License-Identifier: GPL-2.0
/*
 * sockcookie N: a TCP connection over loopback; prints the client socket's
 * cookie as user space reads it (getsockopt SO_COOKIE, Linux 4.12), then
 * makes N send(2)s of 5 bytes on it, so a probe on tcp_sendmsg can check
 * socket_cookie(args.sk) against the number printed.  Its comm is
 * "sockcookie" for filters.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef SO_COOKIE
#define SO_COOKIE 57
#endif

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a), clen = sizeof(uint64_t);
	int l = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0), s;
	uint64_t cookie = 0;
	char buf[64];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l < 0 || c < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &alen) ||
	    connect(c, (struct sockaddr *)&a, sizeof(a)) || (s = accept(l, NULL, NULL)) < 0) {
		perror("sockcookie: connect");
		return 1;
	}
	if (getsockopt(c, SOL_SOCKET, SO_COOKIE, &cookie, &clen)) {
		perror("sockcookie: SO_COOKIE");
		return 1;
	}
	printf("cookie %llu\n", (unsigned long long)cookie);
	fflush(stdout);
	for (long i = 0; i < n; i++) {
		if (send(c, "hello", 5, 0) != 5 || recv(s, buf, sizeof(buf), 0) <= 0) {
			perror("sockcookie: send");
			return 1;
		}
	}
	return 0;
}
