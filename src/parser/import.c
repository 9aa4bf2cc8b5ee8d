// SPDX-License-Identifier: GPL-2.0
/*
 * import "NAME"; bpftrace's root imports of other scripts.  NAME is looked
 * for in the importing script's directory (the current one for -e), then
 * in each -I directory: a .bt (or .qt) file, or a directory, whose .bt and
 * .qt files are all imported (not its subdirectories), by name.  A file or
 * directory anyone may write is skipped with a warning, as bpftrace does:
 * whoever can change it could run code as root.  Each name, and each file,
 * is imported once, however often it is named; imported files may import
 * others (looked for in the same places).  What a file brings (probes,
 * macros, struct definitions, map declarations) goes before the importer's,
 * so that an import's BEGIN runs first and its END too.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "parser/ast.h"
#include "parser/import.h"
#include "parser/parse.h"
#include "parser/preproc.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/readfile.h"
#include "util/strbuf.h"

#define IMPORT_MAX_FILES 200

static const char *script_path;	/* NULL for -e */
static const char *script_dir;	/* "" for -e: names are relative to the current directory */
static const char *const *extra_dirs;
static int nextra;

/* What has been imported: by name as written, and by file (realpath). */
static const char **seen;
static int nseen, capseen;

void import_set_paths(const char *script, const char *const *dirs, int ndirs)
{
	const char *slash = script ? strrchr(script, '/') : NULL;

	script_path = script;
	script_dir = slash ? arena_strndup(script, slash - script + (slash == script)) : "";
	extra_dirs = dirs;
	nextra = ndirs;
}

/* false if already there; else remembered */
static bool first_time(const char *key)
{
	int i;

	for (i = 0; i < nseen; i++)
		if (!strcmp(seen[i], key))
			return false;
	if (nseen == capseen) {
		int cap = capseen ? 2 * capseen : 16;
		const char **v = arena_alloc(cap * sizeof(*v));

		if (nseen)
			memcpy(v, seen, nseen * sizeof(*v));
		seen = v;
		capseen = cap;
	}
	seen[nseen++] = arena_strdup(key);
	return true;
}

static char *join(const char *dir, const char *name)
{
	char *s;

	if (!dir[0] || name[0] == '/')
		return arena_strdup(name);
	s = arena_alloc(strlen(dir) + strlen(name) + 2);
	sprintf(s, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return s;
}

/* The file (or directory) and the directory holding it: may anyone write them? */
static bool world_writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? arena_strndup(path, slash - path + (slash == path)) : ".";
	struct stat st;

	if (!stat(path, &st) && (st.st_mode & S_IWOTH))
		return true;
	return !stat(dir, &st) && (st.st_mode & S_IWOTH);
}

static bool is_script(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && (!strcmp(name + n - 3, ".bt") || !strcmp(name + n - 3, ".qt"));
}

/* Everything an import brings, in order, to go before the importer's own. */
struct merged {
	struct nlist_probes { struct node *head, *tail; } probes, macros;
	struct structdef *structs, **structs_tail;
	struct mapdecl *mapdecls, **mapdecls_tail;
	struct pp_include *incs, **incs_tail;
};

static void append_nodes(struct nlist_probes *l, struct node *n)
{
	for (; n; n = n->next) {
		if (l->tail)
			l->tail->next = n;
		else
			l->head = n;
		l->tail = n;
	}
}

static void take(struct merged *m, struct node *prog)
{
	struct structdef *sd;
	struct mapdecl *md;
	struct pp_include *pi;
	struct node *n, *next;

	/* detach each node first: append_nodes follows next */
	for (n = prog->program.probes; n; n = next) {
		next = n->next;
		n->next = NULL;
		append_nodes(&m->probes, n);
	}
	for (n = prog->program.macros; n; n = next) {
		next = n->next;
		n->next = NULL;
		append_nodes(&m->macros, n);
	}
	for (sd = prog->program.structs; sd; sd = sd->next) {
		*m->structs_tail = sd;
		m->structs_tail = &sd->next;
	}
	for (md = prog->program.mapdecls; md; md = md->next) {
		*m->mapdecls_tail = md;
		m->mapdecls_tail = &md->next;
	}
	for (pi = prog->program.includes; pi; pi = pi->next) {
		*m->incs_tail = pi;
		m->incs_tail = &pi->next;
	}
}

static int resolve(struct node *prog);

/* One script file: parsed, its own imports resolved, then taken into m. */
static int import_file(struct merged *m, const struct import *im, const char *path)
{
	char real[PATH_MAX];
	struct node *sub;
	size_t len;
	char *text;
	int id;

	if (!realpath(path, real) || !first_time(real))
		return 0;	/* already imported (or the script itself) */
	if (nseen > IMPORT_MAX_FILES) {
		diag_error(im->loc, "more than %d files imported", IMPORT_MAX_FILES);
		diag_note("import fewer files, or one directory of them");
		return -1;
	}
	text = read_file_n(path, &len);
	if (!text) {
		diag_error(im->loc, "cannot read import '%s': %s", path, strerror(errno));
		return -1;
	}
	if (strlen(text) < len) {
		diag_error(im->loc, "import '%s' contains a NUL byte", path);
		diag_note("an import is a script: is this the right file?");
		return -1;
	}
	id = diag_add_source(arena_strdup(path), arena_strdup(text));
	free(text);
	if (id < 0) {
		diag_error(im->loc, "too many imported files");
		return -1;
	}
	sub = parse_source(diag_source_text(id), id);
	if (!sub)
		return -1;
	if (sub->program.config) {
		diag_error(sub->program.config->loc, "an imported file cannot set config");
		diag_note("config applies to the whole script: set it in the script that imports '%s'",
			  im->name);
		return -1;
	}
	if (resolve(sub) < 0)
		return -1;
	take(m, sub);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .bt and .qt file of dir (not its subdirectories), by name. */
static int import_dir(struct merged *m, const struct import *im, const char *dir)
{
	char **names = NULL;
	struct dirent *e;
	int n = 0, cap = 0, i, err = 0;
	DIR *d = opendir(dir);

	if (!d) {
		diag_error(im->loc, "cannot read import directory '%s': %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		if (!is_script(e->d_name) || e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **v = realloc(names, (cap = cap ? 2 * cap : 16) * sizeof(*v));

			if (!v)
				break;
			names = v;
		}
		names[n++] = arena_strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && !err; i++) {
		char *path = join(dir, names[i]);
		struct stat st;

		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		if (st.st_mode & S_IWOTH) {
			diag_error(im->loc, "refusing to import '%s': anyone may write it", path);
			diag_note("chmod o-w '%s'", path);
			err = -1;
			break;
		}
		err = import_file(m, im, path);
	}
	free(names);
	return err;
}

static int import_one(struct merged *m, const struct import *im)
{
	struct strbuf checked = { 0 };
	int i, ndirs = 1 + nextra;
	struct stat st;

	if (!first_time(im->name))
		return 0;
	for (i = 0; i < ndirs; i++) {
		const char *dir = i ? extra_dirs[i - 1] : script_dir;
		char *path = join(dir, im->name);

		if (stat(path, &st)) {
			sb_printf(&checked, "%s%s", checked.len ? ", " : "", path);
			continue;
		}
		if (world_writable(path)) {
			diag_warn(im->loc, "skipping import '%s': anyone may write it or its directory",
				  path);
			diag_note("bpftrace skips these too: whoever can change the file could run code as root");
			continue;
		}
		sb_free(&checked);
		if (S_ISDIR(st.st_mode))
			return import_dir(m, im, path);
		if (!is_script(path)) {
			diag_error(im->loc, "cannot import '%s': not a script", path);
			diag_note("an import is a .bt (or .qt) file, or a directory of them");
			return -1;
		}
		return import_file(m, im, path);
	}
	diag_error(im->loc, "cannot find import '%s'", im->name);
	if (checked.len)
		diag_note("looked for %s (the script's directory, then each -I directory)",
			  checked.s);
	sb_free(&checked);
	return -1;
}

/* prog's imports, merged in front of prog's own probes and definitions. */
static int resolve(struct node *prog)
{
	struct merged m = { 0 };
	const struct import *im;
	if (!prog->program.imports)
		return 0;
	m.structs_tail = &m.structs;
	m.mapdecls_tail = &m.mapdecls;
	m.incs_tail = &m.incs;
	for (im = prog->program.imports; im; im = im->next)
		if (import_one(&m, im) < 0)
			return -1;
	append_nodes(&m.probes, prog->program.probes);
	append_nodes(&m.macros, prog->program.macros);
	*m.structs_tail = prog->program.structs;
	*m.mapdecls_tail = prog->program.mapdecls;
	*m.incs_tail = prog->program.includes;
	prog->program.probes = m.probes.head;
	prog->program.macros = m.macros.head;
	prog->program.structs = m.structs;
	prog->program.mapdecls = m.mapdecls;
	prog->program.includes = m.incs;
	return 0;
}

int import_resolve(struct node *prog)
{
	char real[PATH_MAX];

	if (!script_dir)
		import_set_paths(NULL, NULL, 0);
	/* seen[] is in the arena, which a second compile in one process (the fuzzer) has freed */
	seen = NULL;
	nseen = capseen = 0;
	/* the script itself is never imported again (a cycle back to it) */
	if (script_path && realpath(script_path, real))
		first_time(real);
	return resolve(prog);
}
