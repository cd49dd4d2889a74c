/* SPDX-License-Identifier: GPL-3.0-or-later */
/* End to end, builds at scale: a rebuild makes again exactly the files
 * whose inputs changed (CODEDOC_TRACE names them), -j does not change a
 * byte, and memory stays bounded because pages stream from rendering to
 * the writer.  Uses the real ./codedoc and tests/bench/gen.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog.h"
#include "db_xml.h"
#include "shell.h"

#define SDE "SOURCE_DATE_EPOCH=1764288000 "

static char top[64];

static int
setup(void **state)
{
	(void)state;
	strcpy(top, "/tmp/codedoc-scale-XXXXXX");
	if (mkdtemp(top) == NULL)
		return -1;
	return setup_build("cp -r po %s/po && " SDE "./codedoc build -q -j 2 -p %s/po "
	    "-o %s/site", top, top, top);
}

static int
teardown(void **state)
{
	(void)state;
	remove_tree(top);
	return 0;
}

static void
no_change_renders_nothing(void **state)
{
	char *out;

	(void)state;
	assert_int_equal(run(&out, SDE "CODEDOC_TRACE=1 ./codedoc build -v -j 2 -p %s/po -o %s/site",
	    top, top), 0);
	contains(out, "codedoc: 0 files written,", "no-change rebuild");
	contains(out, "codedoc: 0 of ", "no-change rebuild");
	assert_null(strstr(out, "rendered "));
	free(out);
}

/* Replaces the translation of one database text in the copied catalog. */
static char *
change_translation(const char *ctxt, const char *src, const char *suffix)
{
	struct diag d = { 0, 0, 1, NULL, NULL };
	char po[96], *text, *hit, *old, *now;
	struct catalog *cat;
	FILE *f;
	const char *t;

	snprintf(po, sizeof po, "%s/po/tr.po", top);
	cat = cat_load(po, "tr", &d);
	assert_non_null(cat);
	t = cat_gettext(cat, ctxt, src);
	assert_non_null(t);
	old = xasprintf("msgstr \"%s\"", t);
	now = xasprintf("%s%s", t, suffix);
	cat_free(cat);
	text = slurp("%s", po);
	hit = strstr(text, ctxt);
	assert_non_null(hit);
	hit = strstr(hit, old);
	assert_non_null(hit);
	f = fopen(po, "w");
	assert_non_null(f);
	fwrite(text, 1, (size_t)(hit - text), f);
	fprintf(f, "msgstr \"%s\"", now);
	fputs(hit + strlen(old), f);
	assert_int_equal(fclose(f), 0);
	free(text);
	free(old);
	return now;
}

/* The files a build reported making, and the files that differ from a
 * snapshot, as sorted lists of paths. */
static void
rendered_and_changed(const char *what, char **rendered, char **changed)
{
	assert_int_equal(run(rendered, "rm -rf %s/snap && cp -a %s/site %s/snap && " SDE
	    "CODEDOC_TRACE=1 ./codedoc build -q -j 2 -p %s/po -o %s/site 2>&1 >/dev/null "
	    "| sed -n 's/^codedoc: rendered //p' | sort", top, top, top, top, top), 0);
	assert_int_equal(run(changed, "cd %s && diff -rq snap site | grep -v codedoc-manifest "
	    "| sed 's|^Files snap/||; s| and .*||' | sort", top), 0);
	if (strcmp(*rendered, *changed) != 0)
		fail_msg("%s: made again:\n%s\nbut changed:\n%s", what, *rendered, *changed);
}

/* One title changed in one language: exactly the files that show it are
 * made again, all of that language, and each shows the new title. */
static void
one_string_renders_only_its_pages(void **state)
{
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct db db;
	const struct code *c;
	char *now, *rendered, *changed, *save = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	c = registry_code(db_registry(&db, "smtp-enhanced"), "X.1.1");
	now = change_translation("smtp-enhanced:X.1.1:title", c->title.src, " (yeni)");
	rendered_and_changed("one title", &rendered, &changed);
	contains(rendered, "html/tr/smtp-enhanced/x.1.1.html\n", "made again");
	contains(rendered, "man/tr/man7/smtp-enhanced-x.1.1.7\n", "made again");
	for (char *p = strtok_r(changed, "\n", &save); p; p = strtok_r(NULL, "\n", &save), n++) {
		char *s;

		if (strncmp(p, "html/tr/", 8) != 0 && strncmp(p, "man/tr/", 7) != 0
		    && strcmp(p, "html/po/tr.po") != 0)
			fail_msg("%s changed, but only Turkish changed", p);
		s = slurp("%s/site/%s", top, p);
		if (strstr(s, "(yeni)") == NULL)
			fail_msg("%s was made again but does not show the new title", p);
		free(s);
	}
	/* Its page, index, search index, export, man page, pages that link it. */
	assert_true(n >= 5 && n < 40);
	free(rendered);
	free(changed);
	free(now);
	db_free(&db);
}

/* A template is an input of every page made with it. */
static void
a_template_change_renders_its_pages(void **state)
{
	char *out;
	long html = 0, rendered = 0;

	(void)state;
	assert_int_equal(run(&out, "cp -r templates %s/t && printf '{{! changed }}\\n' >> "
	    "%s/t/html/footer.html && find %s/site/html -name '*.html' | wc -l", top, top, top), 0);
	html = atol(out);
	free(out);
	assert_int_equal(run(&out, SDE "CODEDOC_TRACE=1 ./codedoc build -q -j 2 -t %s/t -p %s/po "
	    "-o %s/site 2>&1 | grep -c '^codedoc: rendered .*\\.html$'", top, top, top), 0);
	rendered = atol(out);
	free(out);
	assert_int_equal(rendered, html);
}

static void
parallel_builds_are_identical(void **state)
{
	char *out;

	(void)state;
	assert_int_equal(run(&out, SDE "./codedoc build -q -j 1 -o %s/j1 && " SDE
	    "./codedoc build -q -j 2 -o %s/j2 && diff -r %s/j1 %s/j2", top, top, top, top), 0);
	free(out);
}

/* Peak resident memory of a shell command (wait4 reports the largest of
 * it and what it waited for), in KiB. */
static long
peak_rss(const char *cmd)
{
	struct rusage ru;
	int st;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	assert_int_equal(wait4(pid, &st, 0, &ru), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return ru.ru_maxrss;
}

/* 64 codes, every pair compared, 5 languages: about 11,000 files.  Pages
 * stream to the writer, so memory does not grow with them: the bound is
 * what 72,600 pages must stay under. */
static void
memory_is_bounded(void **state)
{
	char *out, cmd[512];
	long fresh, again;

	(void)state;
	if (getenv("CODEDOC_SANITIZED") != NULL)
		skip(); /* ASan's own memory is not ours */
	assert_int_equal(run(&out, "/usr/bin/python3 tests/bench/gen.py --codes 64 --langs 5 %s/gen",
	    top), 0);
	free(out);
	snprintf(cmd, sizeof cmd, "exec ./codedoc build -q -j 2 -f html -d %s/gen/data "
	    "-p %s/gen/po -o %s/gen/out", top, top, top);
	fresh = peak_rss(cmd);
	again = peak_rss(cmd);
	print_message("peak RSS: fresh %ld KiB, no change %ld KiB\n", fresh, again);
	assert_true(fresh < 64 * 1024);
	assert_true(again < 64 * 1024);
	/* With an address the sitemap comes in parts of at most 1,000 pages
	 * each, listed by an index: one file of every page would outgrow
	 * the protocol's limits and memory. */
	snprintf(cmd, sizeof cmd, "exec ./codedoc build -q -j 2 -f html --base-url https://b.example/ "
	    "-d %s/gen/data -p %s/gen/po -o %s/gen/url", top, top, top);
	fresh = peak_rss(cmd);
	print_message("peak RSS with sitemaps: %ld KiB\n", fresh);
	assert_true(fresh < 64 * 1024);
	assert_int_equal(run(&out, "cd %s/gen/url/html && for f in sitemaps/*.xml; do "
	    "n=$(grep -c '<loc>' $f); [ $n -le 1000 ] || echo \"$f: $n\"; "
	    "grep -q \"<loc>https://b.example/$f</loc>\" sitemap.xml || echo \"$f not listed\"; "
	    "done; ls sitemaps | wc -l", top), 0);
	if (atoi(out) < 11)
		fail_msg("sitemap parts: %s", out);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_change_renders_nothing),
		cmocka_unit_test(one_string_renders_only_its_pages),
		cmocka_unit_test(a_template_change_renders_its_pages),
		cmocka_unit_test(parallel_builds_are_identical),
		cmocka_unit_test(memory_is_bounded),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
