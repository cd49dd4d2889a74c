/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.c: the one writer (see output.h).
 *
 * A build holds a lock on the output folder.  out_file() writes each new
 * or changed file into the staging folder; out_commit() then records
 * every file, old and new, in the manifest, renames the staged files into
 * place, removes what the last build wrote and this one did not, and
 * writes the final manifest.  A build killed at any moment leaves each
 * file old or new, and the manifest always names every file a build may
 * have put in place, so the next build reaches the tree a clean build
 * would.  Everything is reached from the output folder's descriptor
 * without following symbolic links. */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nls.h"

#define OUT_STAGING ".codedoc-tmp"
#define OUT_LOCK ".codedoc-lock"

/* One file of a build: where it goes, the digest of what it holds, and
 * the staged copy waiting to be renamed (NULL when unchanged). */
struct entry {
	char *path;
	unsigned long long digest;
	unsigned long long inputs; /* 0: unknown */
	char *staged;
	size_t seq;                /* order of arrival, to keep the first */
};

struct out {
	char *dir;
	int dirfd, stagefd, lockfd;
	struct diag *d;
	char *old_text;        /* the last manifest; the paths of old point into it */
	struct entry *old;     /* its lines, sorted by path (a path listed
	                        * twice was written by an interrupted build) */
	size_t nold;
	char **ready;          /* folders found writable (parent_ready) */
	size_t nready;
	struct entry *files;
	size_t nfiles;
	size_t ntmp;
	struct out_stats st;
	pthread_mutex_t lock;
};

/* FNV-1a, 64 bits: enough to tell whether a file still holds what a
 * build wrote; not a defence against someone who can write the folder. */
unsigned long long
out_digest(const char *data, size_t len)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A path the build may touch: relative, '/'-separated, no empty, "." or
 * ".." component, nothing hidden, no control characters. */
int
out_path_ok(const char *path)
{
	const char *c = path;

	if (*c == '\0')
		return 0;
	while (*c) {
		size_t n = strcspn(c, "/");

		if (n == 0 || c[0] == '.')
			return 0;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)c[i] < 0x20 || c[i] == 0x7f || c[i] == '\\')
				return 0;
		c += n;
		if (*c == '/' && *++c == '\0')
			return 0;
	}
	return 1;
}

/* ---- reaching files without following links ---- */

/* Opens the folder that holds path (relative to dirfd), optionally
 * creating missing folders; *base is set to the last component. */
static int
open_parent(int dirfd, const char *path, int create, const char **base)
{
	int fd = dup(dirfd);
	const char *c = path, *slash;

	while (fd >= 0 && (slash = strchr(c, '/')) != NULL) {
		char *name = xstrndup(c, (size_t)(slash - c));
		int next;

		if (create && mkdirat(fd, name, 0777) != 0 && errno != EEXIST)
			next = -1;
		else
			next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		free(name);
		close(fd);
		fd = next;
		c = slash + 1;
	}
	*base = c;
	return fd;
}

/* Reads a regular file below dirfd (no links) into memory, or NULL. */
static char *
read_below(int dirfd, const char *path, size_t *len)
{
	const char *base;
	int pfd = open_parent(dirfd, path, 0, &base), fd;
	struct stat st;
	char *data = NULL;
	size_t got = 0;

	if (pfd < 0)
		return NULL;
	fd = openat(pfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	close(pfd);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		data = xmalloc((size_t)st.st_size + 1);
		while (got < (size_t)st.st_size) {
			ssize_t n = read(fd, data + got, (size_t)st.st_size - got);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		data[got] = '\0';
		*len = got;
	}
	close(fd);
	return data;
}

/* ---- the manifest: "path<TAB>digest" per line, sorted ---- */

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

/* Reads the last manifest into a sorted array: memory for a path, two
 * digests and a pointer per file, no per-line allocation. */
static void
load_manifest(struct out *o)
{
	size_t len;
	char *data = read_below(o->dirfd, OUT_MANIFEST, &len);
	char *line, *save = NULL;

	if (data == NULL)
		return;
	o->old_text = data;
	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t'), *end;
		unsigned long long dg, inputs = 0;

		/* A line without a digest is never acted on: codedoc removes
		 * only what it knows it wrote. */
		if (tab == NULL)
			continue;
		*tab = '\0';
		dg = strtoull(tab + 1, &end, 16);
		if (*end == '\t')
			inputs = strtoull(end + 1, &end, 16);
		if (*end != '\0' || !out_path_ok(line))
			continue;
		o->old = xgrow(o->old, o->nold, sizeof *o->old);
		o->old[o->nold++] = (struct entry){ line, dg, inputs, NULL, 0 };
	}
	if (o->nold > 1)
		qsort(o->old, o->nold, sizeof *o->old, cmp_entry);
}

static const char *
path_of(const void *e)
{
	return ((const struct entry *)e)->path;
}

/* Index of the first line of the last manifest for path, or nold. */
static size_t
old_index(const struct out *o, const char *path)
{
	return sorted_find(o->old, o->nold, sizeof *o->old, path, path_of);
}

/* The one line of the last manifest for path, or NULL (none, or two:
 * either file may be on disk after an interrupted build). */
static const struct entry *
old_entry(const struct out *o, const char *path)
{
	size_t i = old_index(o, path);

	if (i == o->nold || (i + 1 < o->nold && strcmp(o->old[i + 1].path, path) == 0))
		return NULL;
	return &o->old[i];
}

/* Writes a file below dirfd through the staging folder. */
static int stage(struct out *o, const char *data, size_t len, char **staged);
static int put_in_place(struct out *o, const char *staged, const char *path);

static int
write_manifest(struct out *o, int with_old)
{
	struct buf b = BUF_INIT;
	char *staged = NULL;
	int rc;

	for (size_t i = 0; i < o->nfiles; i++)
		buf_printf(&b, "%s\t%016llx\t%016llx\n", o->files[i].path, o->files[i].digest,
		    o->files[i].inputs);
	for (size_t i = 0; with_old && i < o->nold; i++)
		buf_printf(&b, "%s\t%016llx\t%016llx\n", o->old[i].path, o->old[i].digest,
		    o->old[i].inputs);
	rc = stage(o, b.data ? b.data : "", b.len, &staged);
	if (rc == 0)
		rc = put_in_place(o, staged, OUT_MANIFEST);
	free(staged);
	buf_free(&b);
	return rc;
}

/* ---- opening ---- */

/* "dir/path: error: doing: reason" for a file of the output. */
static int
fail_path(struct out *o, const char *path, const char *doing, int err)
{
	char *full = xasprintf("%s/%s", o->dir, path);

	diag_report(o->d, DIAG_ERROR, full, 0, 0, "%s: %s", doing, strerror(err));
	free(full);
	return -1;
}

/* "what: error: doing: reason" for a failed system call. */
static int
fail_errno(struct out *o, const char *what, const char *doing)
{
	diag_report(o->d, DIAG_ERROR, what, 0, 0, "%s: %s", doing, strerror(errno));
	return -1;
}

/* Creates the parents of dir as needed (dir itself is made by the caller). */
static int
mkdir_p(const char *dir, struct diag *d)
{
	char *p = xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_report(d, DIAG_ERROR, p, 0, 0, _("cannot create the folder: %s"),
			    strerror(errno));
			rc = -1;
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

/* The staging folder is ours: a real folder, emptied of what a killed
 * build left; a link there is refused, never followed. */
static int
open_staging(struct out *o)
{
	DIR *dp;
	struct dirent *e;
	int fd;

	if (mkdirat(o->dirfd, OUT_STAGING, 0700) != 0 && errno != EEXIST)
		return fail_errno(o, o->dir, _("cannot create the staging folder"));
	o->stagefd = openat(o->dirfd, OUT_STAGING, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (o->stagefd < 0) {
		diag_report(o->d, DIAG_ERROR, o->dir, 0, 0, "%s",
		    _(".codedoc-tmp is not a folder of codedoc's (a link or a file); remove it"));
		return -1;
	}
	if ((fd = dup(o->stagefd)) < 0 || (dp = fdopendir(fd)) == NULL)
		return fail_errno(o, o->dir, _("cannot read the staging folder"));
	while ((e = readdir(dp)) != NULL)
		if (strncmp(e->d_name, "tmp-", 4) == 0)
			unlinkat(o->stagefd, e->d_name, 0);
	closedir(dp);
	return 0;
}

/* One build at a time per output folder. */
static int
take_lock(struct out *o)
{
	o->lockfd = openat(o->dirfd, OUT_LOCK, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (o->lockfd < 0)
		return fail_errno(o, o->dir, _("cannot open the lock file"));
	if (flock(o->lockfd, LOCK_EX | LOCK_NB) != 0) {
		diag_report(o->d, DIAG_ERROR, o->dir, 0, 0, "%s",
		    errno == EWOULDBLOCK ? _("another build is writing to this folder")
		                         : strerror(errno));
		return errno == EWOULDBLOCK ? -2 : -1;
	}
	return 0;
}

struct out *
out_open(const char *dir, struct diag *d, int *busy)
{
	struct out *o = xcalloc(1, sizeof *o);
	int rc;

	o->dir = xstrdup(dir);
	o->d = d;
	o->dirfd = o->stagefd = o->lockfd = -1;
	pthread_mutex_init(&o->lock, NULL);
	*busy = 0;
	if (mkdir_p(dir, d) != 0 || (mkdir(dir, 0777) != 0 && errno != EEXIST
	    && fail_errno(o, dir, _("cannot create the folder")))) {
		out_close(o, NULL);
		return NULL;
	}
	o->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->dirfd < 0) {
		fail_errno(o, dir, _("cannot open the folder"));
		out_close(o, NULL);
		return NULL;
	}
	if ((rc = take_lock(o)) != 0 || open_staging(o) != 0) {
		*busy = rc == -2;
		out_close(o, NULL);
		return NULL;
	}
	load_manifest(o);
	return o;
}

/* ---- writing ---- */

static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

static int
stage(struct out *o, const char *data, size_t len, char **staged)
{
	char name[32];
	int fd;

	pthread_mutex_lock(&o->lock);
	snprintf(name, sizeof name, "tmp-%zu", o->ntmp++);
	pthread_mutex_unlock(&o->lock);
	fd = openat(o->stagefd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) != 0 || fchmod(fd, 0644) != 0) {
		int err = errno;

		close(fd);
		unlinkat(o->stagefd, name, 0);
		errno = err;
		return -1;
	}
	if (close(fd) != 0) {
		int err = errno;

		unlinkat(o->stagefd, name, 0);
		errno = err;
		return -1;
	}
	*staged = xstrdup(name);
	return 0;
}

static int
put_in_place(struct out *o, const char *staged, const char *path)
{
	const char *base;
	int pfd = open_parent(o->dirfd, path, 1, &base), rc;

	if (pfd < 0)
		return -1;
	rc = renameat(o->stagefd, staged, pfd, base);
	close(pfd);
	return rc;
}

/* The deepest existing folder on the way to path is writable, so that
 * renaming into place later does not fail half-way.  Nothing is created
 * yet: a build killed while staging leaves no trace in the tree. */
static int
parent_ready(struct out *o, const char *path)
{
	char *p = xstrdup(path), *slash;
	int ok = -1;

	/* Asked once per folder: the answer does not change during a build
	 * that holds the lock. */
	if ((slash = strrchr(p, '/')) != NULL)
		*slash = '\0';
	pthread_mutex_lock(&o->lock);
	for (size_t i = 0; i < o->nready; i++)
		if (strcmp(o->ready[i], slash ? p : "") == 0)
			ok = 0;
	pthread_mutex_unlock(&o->lock);
	if (ok == 0) {
		free(p);
		return 0;
	}
	if (slash != NULL)
		*slash = '/';
	while ((slash = strrchr(p, '/')) != NULL) {
		const char *base;
		int pfd, fd;

		*slash = '\0';
		if ((pfd = open_parent(o->dirfd, p, 0, &base)) < 0)
			continue;
		fd = openat(pfd, base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(pfd);
		if (fd < 0)
			continue;
		ok = faccessat(fd, ".", W_OK, 0);
		close(fd);
		break;
	}
	if (slash == NULL)
		ok = faccessat(o->dirfd, ".", W_OK, 0);
	free(p);
	if (ok != 0) {
		errno = EACCES;
		return ok;
	}
	p = xstrdup(path);
	if ((slash = strrchr(p, '/')) != NULL)
		*slash = '\0';
	pthread_mutex_lock(&o->lock);
	o->ready = xgrow(o->ready, o->nready, sizeof *o->ready);
	o->ready[o->nready++] = slash ? p : xstrdup("");
	pthread_mutex_unlock(&o->lock);
	if (slash == NULL)
		free(p);
	return 0;
}

static int
same_content(struct out *o, const char *path, const char *data, size_t len)
{
	size_t n = 0;
	char *old;

	/* Not written by the last build: nothing to compare with (a
	 * stranger's file at that path is replaced, as before). */
	if (old_index(o, path) == o->nold)
		return 0;
	old = read_below(o->dirfd, path, &n);
	int same = old != NULL && n == len && memcmp(old, data, len) == 0;

	free(old);
	return same;
}

/* Records path as part of this build; staged is NULL when the file in
 * place stays. */
static void
record(struct out *o, const char *path, unsigned long long digest, unsigned long long inputs,
    char *staged)
{
	struct entry *e;

	pthread_mutex_lock(&o->lock);
	o->files = xgrow(o->files, o->nfiles, sizeof *o->files);
	e = &o->files[o->nfiles];
	e->path = xstrdup(path);
	e->digest = digest;
	e->inputs = inputs;
	e->staged = staged;
	e->seq = o->nfiles++;
	if (staged == NULL)
		o->st.unchanged++;
	else
		o->st.written++;
	pthread_mutex_unlock(&o->lock);
}

int
out_unchanged(struct out *o, const char *path, unsigned long long inputs)
{
	const struct entry *e;
	struct stat st;

	if (inputs == 0 || !out_path_ok(path))
		return 0;
	/* The old lines are only read once the build runs: no lock needed. */
	e = old_entry(o, path);
	if (e == NULL || e->inputs != inputs
	    || fstatat(o->dirfd, path, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
		return 0;
	record(o, path, e->digest, inputs, NULL);
	return 1;
}

int
out_file(struct out *o, const char *path, const char *data, size_t len,
    unsigned long long inputs)
{
	char *staged = NULL;
	int same;

	if (!out_path_ok(path)) {
		diag_report(o->d, DIAG_ERROR, path, 0, 0, "%s", _("not a safe path in the output"));
		return -1;
	}
	same = same_content(o, path, data, len);
	if (!same && (parent_ready(o, path) != 0 || stage(o, data, len, &staged) != 0)) {
		return fail_path(o, path, _("cannot write"), errno);
	}
	record(o, path, out_digest(data, len), inputs, staged);
	return 0;
}

/* ---- committing ---- */

/* Removes the folders above path that are empty now, deepest first, as a
 * clean build would not have them. */
static void
remove_empty_parents(struct out *o, const char *path)
{
	char *p = xstrdup(path), *slash;

	while ((slash = strrchr(p, '/')) != NULL) {
		const char *base;
		int pfd;

		*slash = '\0';
		if ((pfd = open_parent(o->dirfd, p, 0, &base)) < 0)
			break;
		if (unlinkat(pfd, base, AT_REMOVEDIR) != 0) {
			close(pfd);
			break;
		}
		close(pfd);
	}
	free(p);
}

/* Removes path if it is a regular file (not through a link) that still
 * holds what a build wrote there. */
static void
remove_if_ours(struct out *o, const struct entry *e)
{
	size_t len = 0;
	char *data = read_below(o->dirfd, e->path, &len);
	const char *base;
	int pfd;

	if (data == NULL) {
		/* Gone already, or never renamed into place by a killed build:
		 * the folders made for it may be left, empty. */
		remove_empty_parents(o, e->path);
		return;
	}
	if (out_digest(data, len) == e->digest && (pfd = open_parent(o->dirfd, e->path, 0, &base)) >= 0) {
		if (unlinkat(pfd, base, 0) == 0) {
			o->st.removed++;
			remove_empty_parents(o, e->path);
		} else {
			char *full = xasprintf("%s/%s", o->dir, e->path);

			diag_report(o->d, DIAG_WARNING, full, 0, 0, "%s: %s", _("cannot remove"),
			    strerror(errno));
			free(full);
		}
		close(pfd);
	}
	free(data);
}

/* Renames the staged files into place, in path order, opening each
 * folder once for the files it holds. */
static int
rename_all(struct out *o)
{
	char *dir = NULL;
	int dfd = -1, rc = 0;

	for (size_t i = 0; i < o->nfiles && rc == 0; i++) {
		struct entry *e = &o->files[i];
		const char *slash = strrchr(e->path, '/'), *base;
		size_t n = slash ? (size_t)(slash - e->path) : 0;

		if (e->staged == NULL)
			continue;
		if (dfd < 0 || strlen(dir) != n || strncmp(dir, e->path, n) != 0) {
			if (dfd >= 0)
				close(dfd);
			free(dir);
			dir = xstrndup(e->path, n);
			dfd = open_parent(o->dirfd, e->path, 1, &base);
		}
		base = slash ? slash + 1 : e->path;
		if (dfd < 0 || renameat(o->stagefd, e->staged, dfd, base) != 0) {
			rc = fail_path(o, e->path, _("cannot write"), errno);
			break;
		}
		free(e->staged);
		e->staged = NULL;
	}
	if (dfd >= 0)
		close(dfd);
	free(dir);
	return rc;
}

static int
cmp_arrival(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts this build's files by path; a path given twice keeps its first
 * file, as a sorted array instead of a table keeps memory low. */
static void
settle_files(struct out *o)
{
	size_t k = 0;

	if (o->nfiles > 1)
		qsort(o->files, o->nfiles, sizeof *o->files, cmp_arrival);
	for (size_t i = 0; i < o->nfiles; i++) {
		struct entry *e = &o->files[i];

		if (k > 0 && strcmp(o->files[k - 1].path, e->path) == 0) {
			if (e->staged)
				unlinkat(o->stagefd, e->staged, 0);
			*(e->staged ? &o->st.written : &o->st.unchanged) -= 1;
			free(e->staged);
			free(e->path);
			continue;
		}
		o->files[k++] = *e;
	}
	o->nfiles = k;
}

/* Whether this build made path (the files are settled). */
static int
made_now(const struct out *o, const char *path)
{
	return sorted_find(o->files, o->nfiles, sizeof *o->files, path, path_of) < o->nfiles;
}

int
out_commit(struct out *o)
{
	settle_files(o);
	/* First the manifest of old and new together: whatever happens
	 * next, every file that may be in place is listed. */
	if (write_manifest(o, 1) != 0)
		return fail_path(o, OUT_MANIFEST, _("cannot write"), errno);
	if (rename_all(o) != 0)
		return -1;
	for (size_t i = 0; i < o->nold; i++)
		if (!made_now(o, o->old[i].path))
			remove_if_ours(o, &o->old[i]);
	if (write_manifest(o, 0) != 0)
		return fail_path(o, OUT_MANIFEST, _("cannot write"), errno);
	return 0;
}

void
out_close(struct out *o, struct out_stats *stats)
{
	if (o == NULL)
		return;
	if (stats != NULL)
		*stats = o->st;
	for (size_t i = 0; i < o->nfiles; i++) {
		if (o->files[i].staged != NULL)
			unlinkat(o->stagefd, o->files[i].staged, 0);
		free(o->files[i].staged);
		free(o->files[i].path);
	}
	free(o->files);
	if (o->stagefd >= 0) {
		close(o->stagefd);
		unlinkat(o->dirfd, OUT_STAGING, AT_REMOVEDIR);
	}
	if (o->lockfd >= 0)
		close(o->lockfd);
	if (o->dirfd >= 0)
		close(o->dirfd);
	free(o->old);
	free(o->old_text);
	for (size_t i = 0; i < o->nready; i++)
		free(o->ready[i]);
	free(o->ready);
	pthread_mutex_destroy(&o->lock);
	free(o->dir);
	free(o);
}
