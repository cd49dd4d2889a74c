/* SPDX-License-Identifier: GPL-3.0-or-later */
/* floor: what make bench measures codedoc against, and how.
 *
 *   floor run CMD [ARG]...    runs CMD; prints wall and CPU seconds and
 *                             peak RSS in KiB (wait4), CMD's status as ours
 *   floor write SRC DST       reads every file below SRC into memory, then
 *                             times writing the same bytes to the same
 *                             paths below DST (mkdir, open, write, close):
 *                             the floor of a fresh build
 *   floor compare SRC DST     the same, but reads each file below DST and
 *                             compares it, writing nothing: the floor of a
 *                             rebuild with no change
 *
 * Times cover the writing or comparing only, not the reading of SRC. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct file {
	char *path; /* relative */
	char *data;
	size_t len;
};

struct tree {
	struct file *v;
	size_t n, cap;
};

static void
die(const char *what, const char *path)
{
	fprintf(stderr, "floor: %s: %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static char *
slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	char *buf;
	size_t got = 0;

	if (fd < 0 || fstat(fd, &st) != 0)
		die("open", path);
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		die("malloc", path);
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r <= 0)
			die("read", path);
		got += (size_t)r;
	}
	close(fd);
	*len = got;
	return buf;
}

static void
load(struct tree *t, const char *root, const char *rel)
{
	char dir[4096];
	DIR *d;
	struct dirent *e;

	snprintf(dir, sizeof dir, "%s/%s", root, rel);
	if ((d = opendir(dir)) == NULL)
		die("opendir", dir);
	while ((e = readdir(d)) != NULL) {
		char sub[4096], full[8192];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		snprintf(full, sizeof full, "%s/%s", root, sub);
		if (lstat(full, &st) != 0)
			die("stat", full);
		if (S_ISDIR(st.st_mode)) {
			load(t, root, sub);
		} else if (S_ISREG(st.st_mode)) {
			if (t->n == t->cap) {
				t->cap = t->cap ? 2 * t->cap : 1024;
				if ((t->v = realloc(t->v, t->cap * sizeof *t->v)) == NULL)
					die("realloc", full);
			}
			t->v[t->n].path = strdup(sub);
			t->v[t->n].data = slurp(full, &t->v[t->n].len);
			t->n++;
		}
	}
	closedir(d);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6
	    + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* mkdir -p of the folders of path (below dst), skipped when the last
 * file was in the same folder: a floor makes each folder once. */
static void
parents(const char *dst, const char *rel, char *last, size_t size)
{
	char p[8192];
	const char *slash = strrchr(rel, '/');
	size_t n = slash ? (size_t)(slash - rel) : 0;

	if (strlen(last) == n && strncmp(last, rel, n) == 0)
		return;
	snprintf(last, size, "%.*s", (int)n, rel);
	snprintf(p, sizeof p, "%s/%s", dst, rel);
	for (char *s = p + strlen(dst) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			die("mkdir", p);
		*s = '/';
	}
}

static void
write_tree(const struct tree *t, const char *dst)
{
	char last[4096] = "\001";

	if (mkdir(dst, 0755) != 0 && errno != EEXIST)
		die("mkdir", dst);
	for (size_t i = 0; i < t->n; i++) {
		char p[8192];
		int fd;

		parents(dst, t->v[i].path, last, sizeof last);
		snprintf(p, sizeof p, "%s/%s", dst, t->v[i].path);
		if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
			die("open", p);
		if (write(fd, t->v[i].data, t->v[i].len) != (ssize_t)t->v[i].len || close(fd) != 0)
			die("write", p);
	}
}

static size_t
compare_tree(const struct tree *t, const char *dst)
{
	size_t differ = 0;

	for (size_t i = 0; i < t->n; i++) {
		char p[8192];
		size_t len;
		char *d;

		snprintf(p, sizeof p, "%s/%s", dst, t->v[i].path);
		d = slurp(p, &len);
		differ += len != t->v[i].len || memcmp(d, t->v[i].data, len) != 0;
		free(d);
	}
	return differ;
}

static int
run(char **argv)
{
	struct rusage ru;
	double t0 = now();
	int st;
	pid_t pid = fork();

	if (pid < 0)
		die("fork", argv[0]);
	if (pid == 0) {
		execvp(argv[0], argv);
		die("exec", argv[0]);
	}
	if (wait4(pid, &st, 0, &ru) < 0)
		die("wait", argv[0]);
	printf("%.4f %.4f %ld\n", now() - t0,
	    (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6
	    + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6, ru.ru_maxrss);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

int
main(int argc, char **argv)
{
	struct tree t = { NULL, 0, 0 };
	double t0, c0;
	size_t differ = 0;

	if (argc >= 3 && strcmp(argv[1], "run") == 0)
		return run(argv + 2);
	if (argc != 4 || (strcmp(argv[1], "write") != 0 && strcmp(argv[1], "compare") != 0)) {
		fputs("usage: floor run CMD... | floor write SRC DST | floor compare SRC DST\n", stderr);
		return 2;
	}
	load(&t, argv[2], "");
	t0 = now();
	c0 = cpu();
	if (strcmp(argv[1], "write") == 0)
		write_tree(&t, argv[3]);
	else
		differ = compare_tree(&t, argv[3]);
	printf("%.4f %.4f %zu\n", now() - t0, cpu() - c0, t.n);
	return differ != 0;
}
