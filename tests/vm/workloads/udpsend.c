// SPDX-License-Identifier: GPL-2.0
/*
 * udpsend N: N UDP datagrams "packet I" (I = 1..N) from one socket to
 * another over loopback, each received before the next is sent, so every
 * packet leaves in this process's context (comm "udpsend") and none draws
 * an ICMP reply.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	int r = socket(AF_INET, SOCK_DGRAM, 0), s = socket(AF_INET, SOCK_DGRAM, 0);
	char msg[32], buf[64];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (r < 0 || s < 0 || bind(r, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(r, (struct sockaddr *)&a, &alen)) {
		perror("udpsend: socket");
		return 1;
	}
	for (long i = 1; i <= n; i++) {
		int len = snprintf(msg, sizeof(msg), "packet %ld", i);

		if (sendto(s, msg, len, 0, (struct sockaddr *)&a, sizeof(a)) != len ||
		    recv(r, buf, sizeof(buf), 0) != len) {
			perror("udpsend: send");
			return 1;
		}
	}
	return 0;
}
