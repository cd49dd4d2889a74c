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
#include <sys/stat.h>
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

/* Replaces the first old in buf (of size n) by new. */
static void
replace(char *buf, size_t n, const char *old, const char *new)
{
	char *at = strstr(buf, old);
	char *tail;

	assert_non_null(at);
	tail = strdup(at + strlen(old));
	assert_non_null(tail);
	snprintf(at, n - (size_t)(at - buf), "%s%s", new, tail);
	free(tail);
}

/* Writes a registry with the given codes to a temp file; loads it. */
static const char *reg_attrs = " digits=\"class category\"";
static const char *schema = SCHEMA;

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
	/* The first code is on line 10 (with an empty prolog). */
	fprintf(f, "<?xml version=\"1.0\"?>\n%s"
	    "<registry xmlns=\"urn:codedoc:registry:1\" id=\"t\" date=\"2026-01-01\"%s>\n"
	    "  <name>T</name>\n  <short>T</short><blurb>b</blurb>\n  <intro><p>i</p></intro>"
	    "<outcome id=\"later\"><name>l</name><text>t</text></outcome>"
	    "<outcome id=\"never\"><name>n</name><text>t</text></outcome>\n"
	    "  <class id=\"4\" outcome=\"later\"><name>c4</name><meaning>m</meaning></class>\n"
	    "  <class id=\"5\" outcome=\"never\"><name>c5</name><meaning>m</meaning></class>\n"
	    "  <category id=\"5\"><name>mail</name></category>\n"
	    "  <phase id=\"rcpt\"><name>RCPT TO</name></phase>\n"
	    "%s</registry>\n", prolog, reg_attrs, codes);
	fclose(f);
	*d = capturing(cap);
	files[0] = path;
	rc = db_load_files(db, files, 1, schema, d);
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
	assert_true(db.nregs >= 2);
	smtp = db_registry(&db, "smtp");
	assert_non_null(smtp);
	assert_int_equal(smtp->compare, COMPARE_ALL);
	c = registry_code(smtp, "451");
	assert_non_null(c);
	assert_string_equal(c->classes[0]->id, "4");
	assert_non_null(c->outcome);
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
	/* A schema error says why: the value, or that there is no such
	 * attribute. */
	expect_error("", "  <code id=\"451\" class=\"4\" category=\"5\" status=\"weird\"/>\n",
	    "Invalid attribute status for element code: the value 'weird' is not one", 10);
	expect_error("", "  <code id=\"451\" klass=\"4\" category=\"5\"/>\n",
	    "the schema has no attribute 'klass'", 10);
}

static void
semantic_errors_name_the_code(void **state)
{
	char two[4096];

	(void)state;
	snprintf(two, sizeof two, "%s%s", code_xml("451", "4", "5", ""), code_xml("451", "4", "5", ""));
	expect_error("", two, "code 451: defined twice (first at line 10)", 18);
	expect_error("", code_xml("451", "5", "5", ""),
	    "code 451: its first character disagrees with its class", 10);
	expect_error("", code_xml("441", "4", "5", ""),
	    "code 441: its second character disagrees with its category", 10);
	expect_error("", code_xml("451", "4", "5", "    <related code=\"452\"/>\n"),
	    "code 451: related code t:452 does not exist", 17);
	expect_error("", code_xml("451", "4", "5", "    <seen-in phase=\"data\"/>\n"),
	    "code 451: phase 'data' is not defined in this registry", 10);
	reg_attrs = " digits=\"class.category\"";
	expect_error("", code_xml("X.1.1", "4 5", "2", ""),
	    "code X.1.1: its second field disagrees with its category", 10);
	expect_error("", code_xml("3.5.1", "4", "5", ""),
	    "code 3.5.1: its first field disagrees with its class", 10);
	reg_attrs = " digits=\"class category\"";
	expect_error("", code_xml("451", "4", "9", ""), "code 451: category '9' is not defined", 10);
	expect_error("", code_xml("451", "4 x", "5", ""), "code 451: class 'x' is not defined", 10);
}

/* A registry that declares no digits rule takes any safe id, class and
 * category; outcomes resolve through the class or the code. */
static void
any_shape_of_registry_loads(void **state)
{
	struct captured cap;
	struct diag d;
	struct db db;
	char path[64], codes[4096];

	(void)state;
	reg_attrs = " compare=\"listed\"";
	snprintf(codes, sizeof codes, "%s%s%s", code_xml("NXDOMAIN", "5", "5", ""),
	    code_xml("E1001_b-2", "4", "5", ""),
	    "  <pair a=\"E1001_b-2\" b=\"NXDOMAIN\"><choose><p>c</p></choose></pair>\n");
	if (load_codes("", codes, &cap, &d, &db, path) != 0)
		fail_msg("%s", cap.all);
	assert_string_equal(db.regs[0].codes[0].slug, "nxdomain");
	assert_string_equal(db.regs[0].codes[0].outcome->id, "never");
	assert_int_equal(registry_compare_count(&db.regs[0]), 1);
	/* Listed pairs are put in registry order. */
	assert_ptr_equal(db.regs[0].pairs[0].a, &db.regs[0].codes[0]);
	assert_true(registry_compares(&db.regs[0], &db.regs[0].codes[1], &db.regs[0].codes[0]));
	db_free(&db);
	unlink(path);
	reg_attrs = " digits=\"class category\"";
}

/* Ids become file names: checked in C even when the schema in use lets
 * anything through. */
static void
unsafe_ids_are_refused_in_c(void **state)
{
	static const char *const bad[] = { "X.1/../../../outside/pwned", "..", "-rf", ".hidden",
		"451&#10;", "a b", "451 ", "\xc3\xa9" };
	static char rng[] = "/tmp/codedoc-any-XXXXXX.rng";
	char codes[2048];
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemps(rng, 4);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\"><start><ref name=\"any\"/>"
	    "</start><define name=\"any\"><element><anyName/><zeroOrMore><choice><attribute>"
	    "<anyName/></attribute><text/><ref name=\"any\"/></choice></zeroOrMore></element>"
	    "</define></grammar>\n", f);
	fclose(f);
	schema = rng;
	reg_attrs = "";
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(codes, sizeof codes, "%s", code_xml(bad[i], "4", "5", ""));
		expect_error("", codes, "an id is 1 to 64 letters", 10);
	}
	snprintf(codes, sizeof codes, "%s%s", code_xml("A1", "4", "5", ""), code_xml("a1", "4", "5", ""));
	expect_error("", codes, "code a1: defined twice", 18);
	snprintf(codes, sizeof codes, "%s", code_xml("451", "4", "5", ""));
	replace(codes, sizeof codes, "<ref rfc=\"5321\" section=\"4.2.3\"/>",
	    "<ref href=\"javascript:alert(1)\"><title>t</title></ref>");
	expect_error("", codes, "is not an http or https address", 10);
	schema = SCHEMA;
	reg_attrs = " digits=\"class category\"";
	unlink(rng);
}

/* A code without references is a nonstandard one with a note. */
static void
references_or_a_note(void **state)
{
	char codes[2048];

	(void)state;
	snprintf(codes, sizeof codes, "%s", code_xml("451", "4", "5", ""));
	replace(codes, sizeof codes, "    <ref rfc=\"5321\" section=\"4.2.3\"/>\n", "");
	expect_error("", codes, "code 451: a code without references must be nonstandard", 10);
}

/* A DOCTYPE is refused, with or without entities: nothing is expanded
 * and nothing is fetched. */
static void
entities_are_not_expanded(void **state)
{
	char codes[2048];

	(void)state;
	snprintf(codes, sizeof codes, "%s", code_xml("451", "4", "5", ""));
	replace(codes, sizeof codes, "Title of 451", "&x;");
	expect_error("<!DOCTYPE registry [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n", codes,
	    "may not have a DOCTYPE", 2);
	expect_error("<!DOCTYPE registry [<!ENTITY x \"internal\">]>\n", codes,
	    "may not have a DOCTYPE", 2);
}

/* Inputs are regular files: a FIFO is an error at once, not a hang. */
static void
a_fifo_is_not_read(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	char dir[] = "/tmp/codedoc-fifo-XXXXXX", path[64];
	struct db db;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/a.xml", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(db_load_dir(&db, dir, SCHEMA, &d), -1);
	if (strstr(cap.all, "a.xml: error: not a regular file") == NULL)
		fail_msg("%s", cap.all);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bundled_database_loads),
		cmocka_unit_test(valid_file_loads),
		cmocka_unit_test(schema_errors_name_the_line),
		cmocka_unit_test(semantic_errors_name_the_code),
		cmocka_unit_test(any_shape_of_registry_loads),
		cmocka_unit_test(unsafe_ids_are_refused_in_c),
		cmocka_unit_test(references_or_a_note),
		cmocka_unit_test(entities_are_not_expanded),
		cmocka_unit_test(a_fifo_is_not_read),
	};

	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
