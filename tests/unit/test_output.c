/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The writer: atomic replacement, no rewrite of unchanged files, removal
 * of what the last build wrote and this one did not, nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "testutil.h"

static char dir[64];

static char *
slurp(const char *rel)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return read_file(path, NULL);
}

static int
exists(const char *rel)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return access(path, F_OK) == 0;
}

static void
put(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static struct out_stats
build(const char *const *paths, size_t n, const char *text)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	struct out *o = out_open(dir, &d);
	struct out_stats st;

	assert_non_null(o);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(out_file(o, paths[i], text, strlen(text)), 0);
	assert_int_equal(out_commit(o), 0);
	out_close(o, &st);
	return st;
}

static int
count_temp_files(const char *sub)
{
	char path[256];
	DIR *dp;
	struct dirent *e;
	int n = 0;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	dp = opendir(path);
	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL)
		n += strstr(e->d_name, "tmp-") != NULL;
	closedir(dp);
	return n;
}

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/codedoc-out-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
writes_files_and_folders(void **state)
{
	const char *paths[] = { "html/en/index.html", "man/man7/smtp-451.7" };
	struct out_stats st = build(paths, 2, "hello\n");
	char *s = slurp("html/en/index.html");

	(void)state;
	assert_int_equal(st.written, 2);
	assert_string_equal(s, "hello\n");
	free(s);
	assert_int_equal(count_temp_files("html/en"), 0);
	s = slurp(OUT_MANIFEST);
	assert_string_equal(s, "html/en/index.html\nman/man7/smtp-451.7\n");
	free(s);
}

static void
unchanged_files_are_not_rewritten(void **state)
{
	const char *paths[] = { "a.html" };
	struct stat before, after;
	char path[256];
	struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	struct out_stats st;

	(void)state;
	build(paths, 1, "same");
	snprintf(path, sizeof path, "%s/a.html", dir);
	assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
	assert_int_equal(stat(path, &before), 0);
	st = build(paths, 1, "same");
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(st.written, 0);
	assert_int_equal(st.unchanged, 1);
	assert_int_equal(before.st_mtime, after.st_mtime);
	assert_int_equal(before.st_ino, after.st_ino);
	st = build(paths, 1, "different");
	assert_int_equal(st.written, 1);
}

static void
stale_pages_go_strangers_stay(void **state)
{
	const char *two[] = { "keep.html", "gone.html" }, *one[] = { "keep.html" };
	struct out_stats st;

	(void)state;
	build(two, 2, "x");
	put("stranger.txt", "mine");
	st = build(one, 1, "x");
	assert_int_equal(st.removed, 1);
	assert_false(exists("gone.html"));
	assert_true(exists("keep.html"));
	assert_true(exists("stranger.txt"));
}

static void
a_tampered_manifest_cannot_reach_outside(void **state)
{
	const char *one[] = { "keep.html" };

	(void)state;
	put("victim", "x");
	put(OUT_MANIFEST, "../victim\n/etc/passwd\nsub/../victim\n");
	build(one, 1, "x");
	assert_true(exists("victim"));
}

static void
a_failed_write_keeps_the_old_file(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	struct out *o;
	char path[256];

	(void)state;
	snprintf(path, sizeof path, "%s/busy.html", dir);
	assert_int_equal(mkdir(path, 0755), 0); /* a folder where the file should go */
	o = out_open(dir, &d);
	assert_int_equal(out_file(o, "busy.html", "new", 3), -1);
	assert_non_null(strstr(cap.last, "busy.html: error: cannot write"));
	out_close(o, NULL);
	assert_int_equal(count_temp_files(""), 0);
	assert_int_equal(access(path, F_OK), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(writes_files_and_folders, setup, teardown),
		cmocka_unit_test_setup_teardown(unchanged_files_are_not_rewritten, setup, teardown),
		cmocka_unit_test_setup_teardown(stale_pages_go_strangers_stay, setup, teardown),
		cmocka_unit_test_setup_teardown(a_tampered_manifest_cannot_reach_outside, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failed_write_keeps_the_old_file, setup, teardown),
	};

	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
