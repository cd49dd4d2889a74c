/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Database loader: the bundled registries load; schema and semantic
 * errors name file, line and code; entities are never expanded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_xml.h"
#include "testutil.h"

#define SCHEMA "data/registry.rng"

static const char *code_xml2(const char *id, const char *cls, const char *cat,
    const char *seen, const char *tail);

static const char *
code_xml(const char *id, const char *cls, const char *cat, const char *extra)
{
	/* <seen-in> goes after the title, anything else at the end. */
	int seen = strncmp(extra, "    <seen-in", 12) == 0;

	return code_xml2(id, cls, cat, seen ? extra : "", seen ? "" : extra);
}

static const char *
code_xml2(const char *id, const char *cls, const char *cat, const char *seen, const char *tail)
{
	static char buf[4][2048];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k],
	    "  <code id=\"%s\" class=\"%s\" category=\"%s\">\n"
	    "    <title>Title of %s</title>\n%s"
	    "    <description><p>d</p></description>\n"
	    "    <when><p>w</p></when>\n"
	    "    <fix><p>f</p></fix>\n"
	    "    <use>u</use>\n"
	    "    <ref rfc=\"5321\" section=\"4.2.3\"/>\n%s"
	    "  </code>\n", id, cls, cat, id, seen, tail);
	return buf[k];
}

/* Writes a registry with the given codes to a temp file; loads it. */
static int
load_codes(const char *prolog, const char *codes, struct captured *cap, struct diag *d,
    struct db *db, char *path)
{
	FILE *f;
	int fd, rc;
	char *files[1];

	strcpy(path, "/tmp/codedoc-db-XXXXXX.xml");
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fprintf(f, "<?xml version=\"1.0\"?>\n%s"
	    "<registry xmlns=\"urn:codedoc:registry:1\" id=\"t\" date=\"2026-01-01\">\n"
	    "  <name>T</name>\n  <short>T</short>\n  <intro><p>i</p></intro>\n"
	    "  <class digit=\"4\" retry=\"later\"><name>c4</name><meaning>m</meaning></class>\n"
	    "  <class digit=\"5\" retry=\"never\"><name>c5</name><meaning>m</meaning></class>\n"
	    "  <category digit=\"5\"><name>mail</name></category>\n"
	    "  <phase id=\"rcpt\"><name>RCPT TO</name></phase>\n"
	    "%s</registry>\n", prolog, codes);
	fclose(f);
	*d = capturing(cap);
	files[0] = path;
	rc = db_load_files(db, files, 1, SCHEMA, d);
	return rc;
}

static void
expect_error(const char *prolog, const char *codes, const char *want, long line)
{
	struct captured cap;
	struct diag d;
	struct db db;
	char path[64], where[96];

	assert_int_equal(load_codes(prolog, codes, &cap, &d, &db, path), -1);
	assert_int_equal(db.nregs, 0);
	if (strstr(cap.all, want) == NULL)
		fail_msg("expected '%s' in:\n%s", want, cap.all);
	if (line > 0) {
		snprintf(where, sizeof where, "%s:%ld:", path, line);
		if (strstr(cap.all, where) == NULL)
			fail_msg("expected '%s' in:\n%s", where, cap.all);
	}
	unlink(path);
}

static void
bundled_database_loads(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	struct db db;
	const struct registry *smtp;
	const struct code *c;

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", SCHEMA, &d), 0);
	assert_int_equal(db.nregs, 2);
	smtp = db_registry(&db, "smtp");
	assert_non_null(smtp);
	assert_true(smtp->compare);
	c = registry_code(smtp, "451");
	assert_non_null(c);
	assert_int_equal(c->classes[0], 4);
	assert_int_equal(code_retry(c), RETRY_LATER);
	assert_true(c->description.n >= 1);
	assert_true(c->nrelated >= 1);
	for (size_t i = 0; i < c->nrelated; i++)
		assert_non_null(c->related[i].target);
	/* The codes every SMTP help site is asked about. */
	for (const char *const *id = (const char *const[]){ "211", "220", "250", "421", "450",
	         "451", "452", "454", "500", "530", "535", "550", "552", "553", "554", "521", "556",
	         NULL }; *id; id++)
		assert_non_null(registry_code(smtp, *id));
	assert_non_null(registry_code(db_registry(&db, "smtp-enhanced"), "X.1.1"));
	assert_non_null(registry_code(db_registry(&db, "smtp-enhanced"), "X.7.1"));
	db_free(&db);
}

static void
valid_file_loads(void **state)
{
	struct captured cap;
	struct diag d;
	struct db db;
	char path[64];

	(void)state;
	if (load_codes("", code_xml("451", "4", "5", "    <seen-in phase=\"rcpt\"/>\n"), &cap, &d,
	    &db, path) != 0)
		fail_msg("%s", cap.all);
	assert_int_equal(db.regs[0].ncodes, 1);
	assert_string_equal(db.regs[0].codes[0].phases[0]->id, "rcpt");
	assert_int_equal(db.regs[0].codes[0].title.pos.line, 11);
	db_free(&db);
	unlink(path);
}

static void
schema_errors_name_the_line(void **state)
{
	(void)state;
	expect_error("", "  <code id=\"451\" class=\"4\" category=\"5\">\n  </code>\n",
	    "Expecting an element", 10);
	expect_error("", "  <code id=\"45\" class=\"4\" category=\"5\"/>\n", "", 10);
	expect_error("", "  <code id=\"451\" class=\"4\" category=\"5\">\n  <title>x</tit>\n",
	    "mismatch", 11);
}

static void
semantic_errors_name_the_code(void **state)
{
	char two[4096];

	(void)state;
	snprintf(two, sizeof two, "%s%s", code_xml("451", "4", "5", ""), code_xml("451", "4", "5", ""));
	expect_error("", two, "code 451: defined twice (first at line 10)", 18);
	expect_error("", code_xml("451", "5", "5", ""), "code 451: its first digit disagrees with its class", 10);
	expect_error("", code_xml("441", "4", "5", ""), "code 441: its second digit disagrees with its category 5", 10);
	expect_error("", code_xml("451", "4", "5", "    <related code=\"452\"/>\n"),
	    "code 451: related code t:452 does not exist", 17);
	expect_error("", code_xml("451", "4", "5", "    <seen-in phase=\"data\"/>\n"),
	    "code 451: phase 'data' is not defined in this registry", 10);
	expect_error("", code_xml("X.1.1", "4 5", "2", ""),
	    "code X.1.1: its subject disagrees with its category 2", 10);
}

static void
entities_are_not_expanded(void **state)
{
	struct captured cap;
	struct diag d;
	struct db db;
	char path[64], codes[2048];
	int rc;

	(void)state;
	snprintf(codes, sizeof codes, "%s", code_xml("451", "4", "5", ""));
	memcpy(strstr(codes, "Title of 451"), "&x;         ", 12);
	rc = load_codes("<!DOCTYPE registry [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n", codes,
	    &cap, &d, &db, path);
	/* Either refused or loaded without the file's content, never with. */
	if (rc == 0) {
		assert_null(strstr(db.regs[0].codes[0].title.src, "root:"));
		db_free(&db);
	}
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bundled_database_loads),
		cmocka_unit_test(valid_file_loads),
		cmocka_unit_test(schema_errors_name_the_line),
		cmocka_unit_test(semantic_errors_name_the_code),
		cmocka_unit_test(entities_are_not_expanded),
	};

	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
