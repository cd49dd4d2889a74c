/* SPDX-License-Identifier: GPL-3.0-or-later */
/* shell.h: running real commands from the end-to-end tests.  Include
 * after <cmocka.h>. */
#ifndef CODEDOC_SHELL_H
#define CODEDOC_SHELL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "util.h"

static int vrun(char **out, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static int
vrun(char **out, const char *fmt, va_list ap)
{
	char cmd[8192];
	struct buf b = BUF_INIT;
	char chunk[4096];
	FILE *p;
	size_t n;
	int st;

	/* The braces send the stderr of every command of a list along. */
	strcpy(cmd, "{ ");
	vsnprintf(cmd + 2, sizeof cmd - 16, fmt, ap);
	strcat(cmd, "\n} 2>&1");
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_add(&b, chunk, n);
	st = pclose(p);
	if (out)
		*out = buf_detach(&b);
	buf_free(&b);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Runs a shell command with stderr joined to stdout; returns its exit
 * status and its output in *out (caller frees; NULL: output dropped). */
static int run(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
run(char **out, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vrun(out, fmt, ap);
	va_end(ap);
	return rc;
}

/* For a group's setup: runs the build command; 0, or -1 with the
 * command's output on stderr. */
static int setup_build(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));

static int
setup_build(const char *fmt, ...)
{
	char *out = NULL;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vrun(&out, fmt, ap);
	va_end(ap);
	if (rc != 0)
		fprintf(stderr, "build failed (%d): %s\n", rc, out);
	free(out);
	return rc ? -1 : 0;
}

/* Fails with the command's output unless rc is 0; frees out. */
static void expect_ok(const char *what, int rc, char *out) __attribute__((unused));

static void
expect_ok(const char *what, int rc, char *out)
{
	if (rc != 0)
		fail_msg("%s (exit %d): %.3000s", what, rc, out);
	free(out);
}

/* A whole file, named with printf's format; fails the test if missing. */
static char *slurp(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));

static char *
slurp(const char *fmt, ...)
{
	char path[4096];
	va_list ap;
	char *s;

	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	s = read_file(path, NULL);
	if (s == NULL)
		fail_msg("cannot read %s", path);
	return s;
}

static void contains(const char *hay, const char *needle, const char *where)
    __attribute__((unused));

static void
contains(const char *hay, const char *needle, const char *where)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("%s: expected to find \"%s\"", where, needle);
}

/* Removes a test's temporary folder. */
static void
remove_tree(const char *dir)
{
	char *out;

	run(&out, "rm -rf '%s'", dir);
	free(out);
}

#endif
