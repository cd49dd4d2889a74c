/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a packager relies on: builds survive SIGKILL at any moment and a
 * full disk, make install/uninstall put and remove exactly the expected
 * files, make dist builds, and the command line behaves (exit codes,
 * progress only on a terminal, messages in the user's language). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "shell.h"

static char top[64];

static int
setup(void **state)
{
	(void)state;
	strcpy(top, "/tmp/codedoc-pkg-XXXXXX");
	return mkdtemp(top) ? 0 : -1;
}

static int
teardown(void **state)
{
	char *out;

	(void)state;
	run(&out, "umount %s/small 2>/dev/null", top);
	free(out);
	remove_tree(top);
	return 0;
}

/* Every generated file is complete: HTML ends with </html>, man pages
 * end with a newline after their last line, the sitemap is closed. */
static const char *const check_complete =
    "bad=0; for f in $(find $D -type f -name '*.html'); do "
    "  [ \"$(tail -c 8 $f)\" = '</html>' ] || { echo TRUNCATED $f; bad=1; }; done; "
    "for f in $(find $D -type f -name '*.7'); do "
    "  [ -s $f ] && [ \"$(tail -c 1 $f | od -An -c | tr -d ' ')\" = '\\n' ] "
    "    && grep -q '^\\.SH' $f || { echo TRUNCATED $f; bad=1; }; done; exit $bad";

/* Waits (at most 20 s) until a build started in the background has
 * begun writing: its first staged file exists.  Then waits $2 more. */
static const char *const when_writing =
    "wait_writing() { t=0; while ! ls $D/.codedoc-tmp/tmp-* >/dev/null 2>&1; do "
    "  t=$((t+1)); [ $t -gt 20000 ] && return 1; sleep 0.001; done; sleep $1; }; ";

static void
sigkill_never_leaves_a_truncated_file(void **state)
{
	char *out;
	int rc;

	(void)state;
	/* Under the sanitizers this is about timing, not memory: the plain
	 * run of make check covers it, and ASan makes it take minutes. */
	if (getenv("CODEDOC_SANITIZED") != NULL)
		skip();
	rc = run(&out, "SOURCE_DATE_EPOCH=1000000000 ./codedoc build -q -l tr -o %s/k", top);
	expect_ok("first build", rc, out);
	/* Each build changes every page (the date).  The signal comes once
	 * the build has started writing, at moments spread over the write
	 * phase, so that it always falls among staging and renaming. */
	rc = run(&out, "D=%s/k; %s killed=0; for i in $(seq 0 23); do "
	    "SOURCE_DATE_EPOCH=$((1000000000 + i * 86400)) ./codedoc build -q -l tr -o $D & pid=$!; "
	    "wait_writing $(awk \"BEGIN { print $i * 0.04 }\") && kill -9 $pid 2>/dev/null && "
	    "killed=$((killed+1)); wait $pid 2>/dev/null; ( %s ) || exit 1; done; "
	    "echo killed=$killed; [ $killed -ge 12 ]", top, when_writing, check_complete);
	expect_ok("a killed build left a truncated file, or too few kills landed", rc, out);
	/* The next build reaches the tree a clean build makes, and leaves no
	 * temporary files behind. */
	rc = run(&out, "SOURCE_DATE_EPOCH=1000000000 ./codedoc build -q -l tr -o %s/k && "
	    "SOURCE_DATE_EPOCH=1000000000 ./codedoc build -q -l tr -o %s/clean && "
	    "test ! -e %s/k/.codedoc-tmp && diff -r %s/clean %s/k", top, top, top, top, top);
	expect_ok("build after kills", rc, out);
}

/* A killed build that was adding a language: once the language is gone
 * again, the next build removes every page of it, as if it had never
 * been there (no orphans, no empty folders). */
static void
a_killed_build_leaves_no_orphans(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "cd %s && cp -r $OLDPWD/data $OLDPWD/templates $OLDPWD/po . && "
	    "echo de > po/LINGUAS && $OLDPWD/codedoc build -q -f html -o orph && "
	    "test ! -e orph/html/tr && "
	    "echo 'de tr' > po/LINGUAS && D=orph && %s "
	    "{ $OLDPWD/codedoc build -q -f html -o orph & pid=$!; } && "
	    "wait_writing 0 && while [ -z \"$(find orph/html/tr -name '*.html' 2>/dev/null | head -1)\" ]; "
	    "do sleep 0.001; done; kill -9 $pid; wait $pid; "
	    "echo de > po/LINGUAS && $OLDPWD/codedoc build -q -f html -o orph && "
	    "test ! -e orph/html/tr && $OLDPWD/codedoc build -q -f html -o clean && diff -r clean orph",
	    top, when_writing);
	expect_ok("orphans after a killed build", rc, out);
}

static void
a_full_disk_is_reported_and_old_files_survive(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "mkdir -p %s/small && mount -t tmpfs -o size=12m tmpfs %s/small", top, top);
	if (rc != 0) {
		fprintf(stderr, "cannot mount a tmpfs here (%s); skipping\n", out);
		free(out);
		skip();
	}
	free(out);
	rc = run(&out, "SOURCE_DATE_EPOCH=1000000000 ./codedoc build -q -f man -l tr,de -o %s/small/o "
	    "&& cp -r %s/small/o %s/saved", top, top, top);
	expect_ok("first build", rc, out);
	/* Fill the disk, then rebuild with a new date: every file changes. */
	run(&out, "dd if=/dev/zero of=%s/small/filler bs=64k 2>/dev/null", top);
	free(out);
	rc = run(&out, "SOURCE_DATE_EPOCH=1100000000 ./codedoc build -q -f man -l tr,de -o %s/small/o",
	    top);
	assert_int_equal(rc, 74);
	if (strstr(out, "No space left on device") == NULL || strstr(out, "/small/o/") == NULL)
		fail_msg("unclear message: %s", out);
	free(out);
	rc = run(&out, "rm -f %s/small/o/.codedoc-manifest %s/saved/.codedoc-manifest; "
	    "diff -r %s/saved %s/small/o", top, top, top, top);
	expect_ok("old files changed after a full disk", rc, out);
}

static void
install_and_uninstall(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "make -s install DESTDIR=%s/dest prefix=/usr >/dev/null && cd %s/dest && "
	    "test -x usr/bin/codedoc && test -f usr/share/man/man1/codedoc.1 && "
	    "test -f usr/share/locale/tr/LC_MESSAGES/codedoc.mo && "
	    "test -f usr/share/man/man7/smtp-451.7 && test -f usr/share/man/tr/man7/smtp-451.7 && "
	    "test -f usr/share/man/de/man7/smtp-enhanced-x.7.1.7 && "
	    "test ! -e usr/share/man/ar && "
	    "test -f usr/share/doc/codedoc/html/index.html && "
	    "test -f usr/share/doc/codedoc/html/tr/smtp/451.html", top, top);
	expect_ok("installed files", rc, out);
	/* Exactly the expected list: the program, its page, its catalogs,
	 * and every generated man page and site file, nothing else. */
	rc = run(&out, "cd %s/dest && find . -type f | sed 's|^\\./||' | sort > ../got && cd $OLDPWD && "
	    "{ echo usr/bin/codedoc; echo usr/share/man/man1/codedoc.1; "
	    "  for l in $(sed 's/#.*//' po/cli/LINGUAS); do echo usr/share/locale/$l/LC_MESSAGES/codedoc.mo; done; "
	    "  (cd output/man && find . -name '*.7' | sed 's|^\\./|usr/share/man/|'); "
	    "  (cd output/html && find . -type f | sed 's|^\\./|usr/share/doc/codedoc/html/|'); "
	    "} | sort > %s/want && diff %s/want %s/got", top, top, top, top);
	expect_ok("installed file list", rc, out);
	/* man finds the installed pages, in English and in Turkish.  man-db
	 * adds the language folders itself for MANPATH, not for -M. */
	rc = run(&out, "M=%s/dest/usr/share/man; export LC_ALL=C.UTF-8 MANWIDTH=80; "
	    "man -M $M 7 smtp-451 | grep -q 'HOW TO FIX' && "
	    "man -M $M/tr 7 smtp-451 | grep -q 'NASIL DÜZELTİLİR' && "
	    "MANPATH=$M man -L tr 7 smtp-451 | grep -q 'NASIL DÜZELTİLİR' && "
	    "MANPATH=$M man -L tr 7 smtp-enhanced-x.7.1 | grep -q 'AÇIKLAMA' && "
	    "MANPATH=$M man -L es 7 smtp-enhanced-x.7.1 | grep -q 'DESCRIPTION' && "
	    "man -M $M 1 codedoc | grep -q SYNOPSIS && "
	    "mandb -q -c $M 2>/dev/null; MANPATH=$M whatis -l -L tr smtp-451 | grep -q 'yerel hata' && "
	    "MANPATH=$M apropos -L de 'Postfach' | grep -q smtp- && find $M -name index.db -delete", top);
	expect_ok("man -M", rc, out);
	rc = run(&out, "make -s uninstall DESTDIR=%s/dest prefix=/usr >/dev/null && "
	    "test -z \"$(find %s/dest -type f)\"", top, top);
	expect_ok("uninstall left files", rc, out);
}

static void
dist_tarball_builds(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "make -s dist >/dev/null && tar -xzf codedoc-*.tar.gz -C %s && rm codedoc-*.tar.gz "
	    "&& cd %s/codedoc-* && make -s all unit >/dev/null && test -f output/html/tr/smtp/451.html "
	    "&& ./codedoc check -q", top, top);
	expect_ok("make dist", rc, out);
}

static void
command_line_contract(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "./codedoc frobnicate");
	assert_int_equal(rc, 64);
	assert_non_null(strstr(out, "unknown command 'frobnicate'"));
	free(out);
	rc = run(&out, "./codedoc build --jobs=zero");
	assert_int_equal(rc, 64);
	free(out);
	rc = run(&out, "./codedoc check --version");
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "codedoc 0.1.0"));
	free(out);
	rc = run(&out, "./codedoc pot --help");
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "--output=FILE"));
	free(out);
	/* check writes nothing, and exits 65 on bad data. */
	rc = run(&out, "cd %s && mkdir -p c && cd c && %s/codedoc check -d %s/data -t %s/templates "
	    "-p %s/po && test -z \"$(ls -A)\"", top, getenv("PWD"), getenv("PWD"), getenv("PWD"),
	    getenv("PWD"));
	expect_ok("check", rc, out);
	rc = run(&out, "./codedoc check -d /nonexistent");
	assert_int_equal(rc, 65);
	assert_non_null(strstr(out, "/nonexistent"));
	free(out);
}

static void
progress_only_on_a_terminal(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "./codedoc build -f man -o %s/p", top);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "");
	free(out);
	rc = run(&out, "script -qec './codedoc build -f man -o %s/p2' /dev/null </dev/null", top);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "rendering"));
	free(out);
	rc = run(&out, "script -qec './codedoc build -q -f man -o %s/p3' /dev/null </dev/null", top);
	assert_int_equal(rc, 0);
	assert_null(strstr(out, "rendering"));
	free(out);
}

static void
messages_in_the_users_language(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "CODEDOC_LOCALEDIR=build/locale LC_ALL=C.UTF-8 LANGUAGE=tr ./codedoc frob");
	assert_int_equal(rc, 64);
	if (strstr(out, "frob") == NULL || strstr(out, "unknown command") != NULL)
		fail_msg("not Turkish: %s", out);
	free(out);
	rc = run(&out, "CODEDOC_LOCALEDIR=build/locale LC_ALL=C.UTF-8 LANGUAGE=tr ./codedoc --help");
	assert_int_equal(rc, 0);
	assert_null(strstr(out, "Render a database"));
	free(out);
}

static void
stats_per_language(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "./codedoc stats --json");
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "\"tr\": {"));
	assert_non_null(strstr(out, "\"smtp-enhanced\": {\"translated\": 0,"));
	assert_non_null(strstr(out, "\"percent\": 100}"));
	free(out);
	rc = run(&out, "./codedoc stats -l tr");
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "tr     interface"));
	assert_non_null(strstr(out, "100%"));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sigkill_never_leaves_a_truncated_file),
		cmocka_unit_test(a_killed_build_leaves_no_orphans),
		cmocka_unit_test(a_full_disk_is_reported_and_old_files_survive),
		cmocka_unit_test(install_and_uninstall),
		cmocka_unit_test(dist_tarball_builds),
		cmocka_unit_test(command_line_contract),
		cmocka_unit_test(progress_only_on_a_terminal),
		cmocka_unit_test(messages_in_the_users_language),
		cmocka_unit_test(stats_per_language),
	};

	return cmocka_run_group_tests_name("package", tests, setup, teardown);
}
