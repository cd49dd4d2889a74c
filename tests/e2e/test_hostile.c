/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The corpus of hostile inputs in tests/hostile/ (see its README): each
 * case runs the real ./codedoc on a temporary copy of the project's inputs
 * with the case laid over them, and must give its exit status and its
 * message, and leave an earlier good build as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shell.h"

#define CORPUS "tests/hostile"

static char top[64];
static char project[PATH_MAX / 2];

static int
exists_in(const char *dir, const char *name)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static char *
first_line(const char *dir, const char *name)
{
	char path[PATH_MAX + 64];
	char *s;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((s = read_file(path, NULL)) == NULL)
		fail_msg("%s: cannot read", path);
	s[strcspn(s, "\n")] = '\0';
	return s;
}

/* Every non-empty line of the case's expect file is in out. */
static void
expect_lines(const char *name, const char *dir, const char *out)
{
	char path[PATH_MAX + 64];
	char *want, *save = NULL;

	snprintf(path, sizeof path, "%s/expect", dir);
	if ((want = read_file(path, NULL)) == NULL)
		fail_msg("%s: no expect file", name);
	for (char *l = strtok_r(want, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		if (strstr(out, l) == NULL)
			fail_msg("%s: expected \"%s\" in:\n%.2000s", name, l, out);
	free(want);
}

static void
run_case(const char *name)
{
	char dir[PATH_MAX - 64], work[PATH_MAX - 64], *out, *cmd, *status;
	int keeps, rc;

	snprintf(dir, sizeof dir, "%s/%s/%s", project, CORPUS, name);
	snprintf(work, sizeof work, "%s/%s", top, name);
	keeps = exists_in(dir, "keeps-output");
	rc = run(&out, "mkdir -p %s && cd %s && cp -r '%s/data' '%s/templates' '%s/po' . && "
	    "for d in data templates po; do if [ -d '%s/'$d ]; then cp -r '%s/'$d/. $d/; fi; done",
	    work, work, project, project, project, dir, dir);
	expect_ok(name, rc, out);
	if (keeps) {
		rc = run(&out, "cd %s && CODEDOC='%s/codedoc' && $CODEDOC build -q -l tr -f man -o out "
		    "&& cp -a out good", work, project);
		expect_ok(name, rc, out);
	}
	if (exists_in(dir, "setup")) {
		rc = run(&out, "cd %s && CODEDOC='%s/codedoc' sh '%s/setup'", work, project, dir);
		expect_ok(name, rc, out);
	}
	cmd = first_line(dir, "cmd");
	status = first_line(dir, "status");
	rc = run(&out, "cd %s || exit 1; export CODEDOC='%s/codedoc'; %s", work, project, cmd);
	if (rc != atoi(status))
		fail_msg("%s: exit %d, not %s:\n%.2000s", name, rc, status, out);
	expect_lines(name, dir, out);
	free(out);
	if (exists_in(dir, "check")) {
		rc = run(&out, "cd %s && sh '%s/check'", work, dir);
		expect_ok(name, rc, out);
	}
	if (keeps) {
		rc = run(&out, "cd %s && diff -r good out", work);
		expect_ok(name, rc, out);
	}
	free(cmd);
	free(status);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
every_hostile_case(void **state)
{
	DIR *dp = opendir(CORPUS);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	(void)state;
	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.' && strcmp(e->d_name, "README.md") != 0) {
			names = xrealloc(names, n + 1, sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	closedir(dp);
	qsort(names, n, sizeof *names, cmp_str);
	assert_true(n >= 20);
	for (size_t i = 0; i < n; i++) {
		print_message("hostile: %s\n", names[i]);
		run_case(names[i]);
		free(names[i]);
	}
	free(names);
}

/* An oracle for man pages: requests hidden behind dropped or invisible
 * characters, in the database and in a translation (C0 controls, which
 * XML cannot carry, come through the catalog).  Every page is rendered by
 * groff in unsafe mode, so that an injected .so, .pso or .sy would run:
 * the canary's content must never appear. */
static void
man_pages_never_run_injected_requests(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "cd %s && mkdir -p oracle/data oracle/po && P=%s && "
	    "echo 'CANARY-CONTENT-7f3a' > canary && C=$(pwd)/canary && "
	    "sed \"s|CANARY|$C|g\" $P/tests/fixtures/oracle/oracle.xml > oracle/data/oracle.xml && "
	    "echo xx > oracle/po/LINGUAS && "
	    "$P/codedoc pot -d oracle/data -t $P/templates -o oracle/x.pot && "
	    "sh $P/tests/fixtures/oracle/make-po.sh oracle/x.pot \"$C\" > oracle/po/xx.po && "
	    "$P/codedoc build -q -f man -d oracle/data -p oracle/po -t $P/templates -o oracle/out && "
	    "test -f oracle/out/man/xx/man7/oracle-code-1.7 && "
	    "for f in $(find oracle/out -name '*.7'); do groff -U -man -Tutf8 -ww -Wbreak $f 2>&1; done "
	    "> oracle/rendered && ! grep -q CANARY-CONTENT oracle/rendered && "
	    "test $(grep -c \"$C\" oracle/rendered) -ge 20", top, project);
	if (rc != 0)
		fail_msg("a man page ran an injected request, or the oracle did not run (exit %d): %.3000s",
		    rc, out);
	free(out);
}

static int
setup(void **state)
{
	(void)state;
	if (getcwd(project, sizeof project) == NULL)
		return -1;
	strcpy(top, "/tmp/codedoc-hostile-XXXXXX");
	return mkdtemp(top) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	remove_tree(top);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_hostile_case),
		cmocka_unit_test(man_pages_never_run_injected_requests),
	};

	return cmocka_run_group_tests_name("hostile", tests, setup, teardown);
}
