/* SPDX-License-Identifier: GPL-2.0 */
/* Build id -> file index: which file on disk a build-id stack frame is in. */
#ifndef QT_BUILDID_H
#define QT_BUILDID_H

#include <stdint.h>

#define BUILDID_SIZE 20		/* BPF_BUILD_ID_SIZE: SHA-1, shorter ids are 0-padded */

struct buildid_file {
	uint8_t id[BUILDID_SIZE];
	char *path;
	void *data;		/* the caller's: stacks.c keeps the file's symbols here */
};

/*
 * The GNU build id of the ELF file open as fd, 0-padded to BUILDID_SIZE:
 * 0, or -ENOENT when it has none (-ENOEXEC: not ELF).  Reads the program
 * and note headers only.
 */
int buildid_read(int fd, uint8_t id[BUILDID_SIZE]);
/* Index path now (a file a process mapped). */
void buildid_add(const char *path);
/* Index path at the first miss (a probe's target, the -c program). */
void buildid_hint(const char *path);
/*
 * The file with build id id, or NULL.  A miss searches, once each and in
 * this order, the hints, the files mapped by live processes, then the
 * directories of every file seen so far, $PATH and the system library
 * directories.
 */
struct buildid_file *buildid_find(const uint8_t id[BUILDID_SIZE]);
/* How many files had their build id read (tests and -v statistics). */
int buildid_files_read(void);

#endif
