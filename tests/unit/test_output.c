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
	int busy;
	struct out *o = out_open(dir, &d, &busy);
	struct out_stats st;

	if (o == NULL)
		fail_msg("%s", cap.all);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(out_file(o, paths[i], text, strlen(text), 0), 0);
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
	assert_non_null(strstr(s, "html/en/index.html\t"));
	assert_non_null(strstr(s, "\nman/man7/smtp-451.7\t"));
	assert_true(strstr(s, "html/en/index.html") < strstr(s, "man/man7"));
	free(s);
	assert_false(exists(".codedoc-tmp"));
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

/* A line added to the manifest by hand names no digest of ours, or a
 * path outside, or one through a link: nothing of it is removed. */
static void
a_tampered_manifest_removes_nothing(void **state)
{
	const char *one[] = { "keep.html" };
	char line[512], target[256], link[300];

	(void)state;
	put("victim", "x");
	put("README", "mine");
	snprintf(target, sizeof target, "%s-outside", dir);
	assert_int_equal(mkdir(target, 0755), 0);
	snprintf(link, sizeof link, "%s/x", target);
	put("keep.html", "x");
	rename(strcat(strcpy(line, dir), "/keep.html"), link);
	snprintf(link, sizeof link, "%s/sub", dir);
	assert_int_equal(symlink(target, link), 0);
	snprintf(line, sizeof line, "../victim\t%016llx\n/etc/passwd\t0\nREADME\n"
	    "sub/x\t%016llx\nvictim\t%016llx\n", out_digest("x", 1), out_digest("x", 1),
	    out_digest("changed", 7));
	put(OUT_MANIFEST, line);
	build(one, 1, "x");
	assert_true(exists("victim"));
	assert_true(exists("README"));
	snprintf(link, sizeof link, "%s/x", target);
	assert_int_equal(access(link, F_OK), 0);
	unlink(link);
	rmdir(target);
}

/* A file the user changed after the build is not removed with its page. */
static void
an_edited_file_is_kept(void **state)
{
	const char *two[] = { "a.html", "b.html" }, *one[] = { "a.html" };
	struct out_stats st;

	(void)state;
	build(two, 2, "x");
	put("b.html", "edited by hand");
	st = build(one, 1, "x");
	assert_int_equal(st.removed, 0);
	assert_true(exists("b.html"));
}

/* The staging folder is never reached through a link. */
static void
a_linked_staging_folder_is_refused(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	char target[256], link[300], victim[300];
	int busy;

	(void)state;
	snprintf(target, sizeof target, "%s-elsewhere", dir);
	assert_int_equal(mkdir(target, 0755), 0);
	snprintf(victim, sizeof victim, "%s/tmp-precious", target);
	assert_int_equal(close(open(victim, O_CREAT | O_WRONLY, 0644)), 0);
	snprintf(link, sizeof link, "%s/.codedoc-tmp", dir);
	assert_int_equal(symlink(target, link), 0);
	assert_null(out_open(dir, &d, &busy));
	assert_non_null(strstr(cap.all, ".codedoc-tmp is not a folder of codedoc's"));
	assert_int_equal(access(victim, F_OK), 0);
	unlink(victim);
	rmdir(target);
}

/* One build at a time: a second one is told so, and writes nothing. */
static void
a_second_build_is_refused(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	int busy;
	struct out *first = out_open(dir, &d, &busy), *second;

	(void)state;
	assert_non_null(first);
	second = out_open(dir, &d, &busy);
	assert_null(second);
	assert_true(busy);
	assert_non_null(strstr(cap.all, "another build is writing to this folder"));
	out_close(first, NULL);
	assert_non_null(first = out_open(dir, &d, &busy));
	out_close(first, NULL);
}

static void
unsafe_paths_are_refused(void **state)
{
	static const char *const bad[] = { "", "/etc/x", "../x", "a/../x", "a//b", ".hidden",
		"a/.b", "a/", "tab\there" };
	struct captured cap;
	struct diag d = capturing(&cap);
	int busy;
	struct out *o = out_open(dir, &d, &busy);

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(out_file(o, bad[i], "x", 1, 0), -1);
	assert_int_equal(out_file(o, "html/en/x.7.1.html", "x", 1, 0), 0);
	out_close(o, NULL);
}

static void
a_failed_write_keeps_the_old_file(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	struct out *o;
	char path[256];
	int busy;

	(void)state;
	snprintf(path, sizeof path, "%s/busy.html", dir);
	assert_int_equal(mkdir(path, 0755), 0); /* a folder where the file should go */
	o = out_open(dir, &d, &busy);
	assert_int_equal(out_file(o, "busy.html", "new", 3, 0), 0);
	assert_int_equal(out_commit(o), -1);
	assert_non_null(strstr(cap.last, "busy.html: error: cannot write"));
	out_close(o, NULL);
	assert_false(exists(".codedoc-tmp"));
	assert_int_equal(access(path, F_OK), 0);
}

/* A file made from the same inputs as last time is kept without being
 * made again; other inputs, a missing file or an unknown digest are not. */
static void
same_inputs_are_skipped(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	int busy;
	struct out *o;
	struct out_stats st;
	char path[256];
	struct stat sb;

	(void)state;
	o = out_open(dir, &d, &busy);
	assert_non_null(o);
	assert_int_equal(out_file(o, "a/x.html", "x", 1, 42), 0);
	assert_int_equal(out_file(o, "a/y.html", "y", 1, 43), 0);
	assert_int_equal(out_file(o, "a/z.html", "z", 1, 0), 0);
	assert_int_equal(out_commit(o), 0);
	out_close(o, &st);
	snprintf(path, sizeof path, "%s/a/y.html", dir);
	assert_int_equal(unlink(path), 0);
	o = out_open(dir, &d, &busy);
	assert_non_null(o);
	assert_int_equal(out_unchanged(o, "a/x.html", 42), 1);
	assert_int_equal(out_unchanged(o, "a/x.html", 41), 0);
	assert_int_equal(out_unchanged(o, "a/y.html", 43), 0); /* gone */
	assert_int_equal(out_unchanged(o, "a/z.html", 0), 0);  /* unknown */
	assert_int_equal(out_unchanged(o, "a/new.html", 7), 0);
	assert_int_equal(out_file(o, "a/y.html", "y", 1, 43), 0);
	assert_int_equal(out_commit(o), 0);
	out_close(o, &st);
	assert_int_equal(st.unchanged, 1);
	assert_int_equal(st.written, 1);
	assert_int_equal(st.removed, 1); /* z was not made again */
	/* The kept file is still listed with its digests, and kept again. */
	snprintf(path, sizeof path, "%s/a/x.html", dir);
	assert_int_equal(stat(path, &sb), 0);
	o = out_open(dir, &d, &busy);
	assert_int_equal(out_unchanged(o, "a/x.html", 42), 1);
	out_close(o, &st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(writes_files_and_folders, setup, teardown),
		cmocka_unit_test_setup_teardown(unchanged_files_are_not_rewritten, setup, teardown),
		cmocka_unit_test_setup_teardown(stale_pages_go_strangers_stay, setup, teardown),
		cmocka_unit_test_setup_teardown(a_tampered_manifest_removes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(an_edited_file_is_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(a_linked_staging_folder_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(a_second_build_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(unsafe_paths_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failed_write_keeps_the_old_file, setup, teardown),
		cmocka_unit_test_setup_teardown(same_inputs_are_skipped, setup, teardown),
	};

	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
