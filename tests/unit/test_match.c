/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The matcher: written forms from the digits rule, pieces of free text,
 * and the word side. */
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
#include "match.h"

static const char reg_xml[] =
    "<registry xmlns='urn:codedoc:registry:1' id='mail' date='2026-01-01' digits='class.category'>"
    "<name>Mail</name><short>M</short><blurb>b</blurb><intro><p>i.</p></intro>"
    "<outcome id='o'><name>o</name><text>o.</text></outcome>"
    "<class id='4' outcome='o'><name>Temp</name><meaning>m.</meaning></class>"
    "<class id='5' outcome='o'><name>Perm</name><meaning>m.</meaning></class>"
    "<category id='1'><name>Address</name></category>"
    "<code id='X.1.1' class='4 5' category='1'><title>Bad mailbox</title><description><p>d.</p></description>"
    "<when><p>w.</p></when><fix><p>f.</p></fix><use>u.</use><ref rfc='3463' section='3.2'/></code>"
    "</registry>";

struct seen {
	char got[256];
};

static void
collect(void *arg, const struct match_hit *h)
{
	struct seen *s = arg;
	size_t n = strlen(s->got);

	snprintf(s->got + n, sizeof s->got - n, "%s%s@%s", n ? " " : "", h->code->id,
	    h->cls ? h->cls->id : "-");
}

static int
load(struct db *db)
{
	struct diag d = { 0, 0, 0, NULL, NULL };
	char path[] = "/tmp/codedoc-match-XXXXXX.xml";
	char *files[] = { path };
	int fd = mkstemps(path, 4), rc;

	if (fd < 0 || write(fd, reg_xml, sizeof reg_xml - 1) != (ssize_t)(sizeof reg_xml - 1))
		return -1;
	close(fd);
	rc = db_load_files(db, files, 1, NULL, &d);
	unlink(path);
	return rc;
}

static void
forms_follow_the_digits_rule(void **state)
{
	struct db db;
	struct match_forms f;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "5.1.1", "X.1.1@5" },
		{ "550-5.1.1 <bob@example.org>", "X.1.1@5" },
		{ "4.1.1; then 5.1.1.", "X.1.1@4 X.1.1@5" },
		{ "x.1.1", "X.1.1@-" },
		{ "5.1.1 and 5.1.1 again", "X.1.1@5" },
		{ "15.1.1 5.1.10 3.1.1", "" },
		{ "", "" },
	};

	(void)state;
	assert_int_equal(load(&db), 0);
	match_forms_make(&f, &db);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct seen s = { "" };

		match_codes(&f, cases[i].text, collect, &s);
		assert_string_equal(s.got, cases[i].want);
	}
	match_forms_free(&f);
	db_free(&db);
}

static void
words_are_lower_case_runs_of_letters(void **state)
{
	char *w;

	(void)state;
	w = match_words("Mailbox FULL, mailbox: İstanbul ĞÜŞ a 5.1.1", NULL);
	assert_string_equal(w, "mailbox full istanbul ğüş");
	free(w);
	w = match_words("full quota", "mailbox full");
	assert_string_equal(w, "quota");
	free(w);
	/* Prefixes score, title first; fewer than half the words score 0. */
	assert_int_equal(match_score("mail full", "mailbox full", ""), 6);
	assert_int_equal(match_score("mail quota", "mailbox", "quotas"), 4);
	assert_int_equal(match_score("mail a b c", "mailbox", ""), 0);
	assert_int_equal(match_score("mail full", "mailbox", ""), 0);
	assert_int_equal(match_score("box", "mailbox", ""), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(forms_follow_the_digits_rule),
		cmocka_unit_test(words_are_lower_case_runs_of_letters),
	};

	return cmocka_run_group_tests_name("match", tests, NULL, NULL);
}
