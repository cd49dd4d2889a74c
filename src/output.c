/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.c: atomic, compare-before-write file output with a manifest. */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/hash.h>

#include "nls.h"

/* Temporary files live in one folder of the output, so that the next run
 * can clear what a killed run left behind without walking the tree. */
#define OUT_STAGING ".codedoc-tmp"

struct out {
	char *dir;
	char *staging;
	struct diag *d;
	xmlHashTablePtr old;   /* paths listed by the previous manifest */
	xmlHashTablePtr seen;  /* paths written or kept by this build */
	xmlHashTablePtr dirs;  /* folders known to exist: one mkdir each */
	char **paths;          /* the same, in write order, for the manifest */
	size_t npaths;
	struct out_stats st;
	pthread_mutex_t lock;
};

static void
load_manifest(struct out *o)
{
	char *path = xasprintf("%s/%s", o->dir, OUT_MANIFEST);
	char *data = read_file(path, NULL);
	char *line, *save = NULL;

	free(path);
	if (data == NULL)
		return;
	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		/* Only plain relative paths: a tampered manifest must not
		 * make codedoc delete files outside the output folder. */
		if (line[0] != '/' && strstr(line, "..") == NULL)
			xmlHashAddEntry(o->old, (const xmlChar *)line, (void *)1);
	free(data);
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

static void
clear_staging(struct out *o)
{
	DIR *dp = opendir(o->staging);
	struct dirent *e;

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL)
		if (strncmp(e->d_name, "tmp-", 4) == 0) {
			char *p = xasprintf("%s/%s", o->staging, e->d_name);

			unlink(p);
			free(p);
		}
	closedir(dp);
}

struct out *
out_open(const char *dir, struct diag *d)
{
	struct out *o = xcalloc(1, sizeof *o);

	o->dir = xstrdup(dir);
	o->d = d;
	o->old = xmlHashCreate(1024);
	o->seen = xmlHashCreate(1024);
	o->dirs = xmlHashCreate(256);
	if (o->old == NULL || o->seen == NULL || o->dirs == NULL) {
		fputs(_("codedoc: out of memory\n"), stderr);
		exit(71);
	}
	pthread_mutex_init(&o->lock, NULL);
	if (mkdir_p(dir, d) != 0) {
		out_close(o, NULL);
		return NULL;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		diag_report(d, DIAG_ERROR, dir, 0, 0, _("cannot create the folder: %s"), strerror(errno));
		out_close(o, NULL);
		return NULL;
	}
	o->staging = xasprintf("%s/%s", dir, OUT_STAGING);
	clear_staging(o);
	if (mkdir(o->staging, 0777) != 0 && errno != EEXIST) {
		diag_report(d, DIAG_ERROR, o->staging, 0, 0, _("cannot create the folder: %s"),
		    strerror(errno));
		out_close(o, NULL);
		return NULL;
	}
	load_manifest(o);
	return o;
}

/* mkdir -p for the folders of path (relative to o->dir). */
static int
make_parents(struct out *o, const char *full)
{
	char *p = xstrdup(full);
	size_t base = strlen(o->dir) + 1;
	int rc = 0;

	for (char *s = p + base; *s; s++) {
		int known;

		if (*s != '/')
			continue;
		*s = '\0';
		pthread_mutex_lock(&o->lock);
		known = xmlHashLookup(o->dirs, (const xmlChar *)p) != NULL;
		pthread_mutex_unlock(&o->lock);
		if (known) {
			*s = '/';
			continue;
		}
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_report(o->d, DIAG_ERROR, p, 0, 0, _("cannot create the folder: %s"),
			    strerror(errno));
			rc = -1;
			break;
		}
		pthread_mutex_lock(&o->lock);
		xmlHashAddEntry(o->dirs, (const xmlChar *)p, (void *)1);
		pthread_mutex_unlock(&o->lock);
		*s = '/';
	}
	free(p);
	return rc;
}

static int
same_content(const char *full, const char *data, size_t len)
{
	struct stat st;
	size_t n;
	char *old;
	int same;

	if (stat(full, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return 0;
	if ((old = read_file(full, &n)) == NULL)
		return 0;
	same = n == len && memcmp(old, data, len) == 0;
	free(old);
	return same;
}

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

/* Writes a sibling temporary file and renames it over full. */
static int
replace_file(struct out *o, const char *full, const char *data, size_t len)
{
	char *tmp = xasprintf("%s/tmp-XXXXXX", o->staging);
	int fd = mkstemp(tmp), err;

	if (fd < 0) {
		diag_report(o->d, DIAG_ERROR, full, 0, 0, _("cannot write: %s"), strerror(errno));
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) != 0 || fchmod(fd, 0644) != 0) {
		err = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp, full) != 0) {
		err = errno;
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	unlink(tmp);
	diag_report(o->d, DIAG_ERROR, full, 0, 0, _("cannot write: %s"), strerror(err));
	free(tmp);
	return -1;
}

static void
remember(struct out *o, const char *path)
{
	if (xmlHashAddEntry(o->seen, (const xmlChar *)path, (void *)1) != 0)
		return; /* written twice: listed once */
	o->paths = xrealloc(o->paths, o->npaths + 1, sizeof *o->paths);
	o->paths[o->npaths++] = xstrdup(path);
}

int
out_file(struct out *o, const char *path, const char *data, size_t len)
{
	char *full = xasprintf("%s/%s", o->dir, path);
	int rc = 0, same;

	if (make_parents(o, full) != 0) {
		free(full);
		return -1;
	}
	same = same_content(full, data, len);
	if (!same)
		rc = replace_file(o, full, data, len);
	pthread_mutex_lock(&o->lock);
	if (rc == 0) {
		remember(o, path);
		if (same)
			o->st.unchanged++;
		else
			o->st.written++;
	}
	pthread_mutex_unlock(&o->lock);
	free(full);
	return rc;
}

static void
remove_stale(void *payload, void *data, const xmlChar *name)
{
	struct out *o = data;
	char *full;

	(void)payload;
	if (xmlHashLookup(o->seen, name) != NULL)
		return;
	full = xasprintf("%s/%s", o->dir, (const char *)name);
	if (unlink(full) == 0)
		o->st.removed++;
	else if (errno != ENOENT)
		diag_report(o->d, DIAG_WARNING, full, 0, 0, _("cannot remove: %s"), strerror(errno));
	free(full);
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
out_commit(struct out *o)
{
	struct buf b = BUF_INIT;
	char *full;
	int rc;

	xmlHashScan(o->old, remove_stale, o);
	/* Sorted, so that the manifest too is the same for the same input. */
	qsort(o->paths, o->npaths, sizeof *o->paths, cmp_path);
	for (size_t i = 0; i < o->npaths; i++) {
		buf_puts(&b, o->paths[i]);
		buf_putc(&b, '\n');
	}
	full = xasprintf("%s/%s", o->dir, OUT_MANIFEST);
	rc = same_content(full, b.data ? b.data : "", b.len) ? 0
	    : replace_file(o, full, b.data ? b.data : "", b.len);
	free(full);
	buf_free(&b);
	return rc;
}

void
out_close(struct out *o, struct out_stats *stats)
{
	if (o == NULL)
		return;
	if (stats != NULL)
		*stats = o->st;
	if (o->staging != NULL)
		rmdir(o->staging);
	free(o->staging);
	xmlHashFree(o->old, NULL);
	xmlHashFree(o->seen, NULL);
	xmlHashFree(o->dirs, NULL);
	for (size_t i = 0; i < o->npaths; i++)
		free(o->paths[i]);
	free(o->paths);
	pthread_mutex_destroy(&o->lock);
	free(o->dir);
	free(o);
}
