/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Catalogs: .po files read with libgettextpo, fuzzy and mismatched
 * translations not used, contexts kept apart, plural forms, bad files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "testutil.h"

#define HEADER(charset, plural) \
	"msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=" charset "\\n\"\n" \
	"\"Plural-Forms: " plural "\\n\"\n\n"
#define TR_HEADER HEADER("UTF-8", "nplurals=2; plural=(n != 1);")

static char path[64];

static struct catalog *
load(const char *text, struct captured *cap, struct diag *d)
{
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "/tmp/codedoc-cat-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	*d = capturing(cap);
	return cat_load(path, "xx", d);
}

static void
lookups_with_and_without_context(void **state)
{
	struct captured cap;
	struct diag d;
	struct catalog *c = load(TR_HEADER
	    "msgid \"Description\"\nmsgstr \"Açıklama\"\n\n"
	    "msgctxt \"man heading\"\nmsgid \"DESCRIPTION\"\nmsgstr \"AÇIKLAMA\"\n\n"
	    "msgctxt \"smtp:451:title\"\nmsgid \"Local error\"\nmsgstr \"Yerel hata\"\n\n"
	    "msgid \"Untranslated\"\nmsgstr \"\"\n\n"
	    "#~ msgid \"Old\"\n#~ msgstr \"Eski\"\n", &cap, &d);

	(void)state;
	assert_non_null(c);
	assert_string_equal(cat_gettext(c, NULL, "Description"), "Açıklama");
	assert_string_equal(cat_gettext(c, "man heading", "DESCRIPTION"), "AÇIKLAMA");
	assert_null(cat_gettext(c, NULL, "DESCRIPTION"));
	assert_string_equal(cat_gettext(c, "smtp:451:title", "Local error"), "Yerel hata");
	assert_null(cat_gettext(c, NULL, "Untranslated"));
	assert_null(cat_gettext(c, NULL, "Old"));
	cat_free(c);
	unlink(path);
}

static void
fuzzy_and_wrong_placeholders_are_not_used(void **state)
{
	struct captured cap;
	struct diag d;
	struct catalog *c = load(TR_HEADER
	    "#, fuzzy\nmsgid \"Reply {code}\"\nmsgstr \"Yanıt {code}\"\n\n"
	    "#, python-brace-format\nmsgid \"Class {digit}\"\nmsgstr \"Sınıf {rakam}\"\n\n"
	    "msgid \"Seen {id}\"\nmsgstr \"Görülen\"\n\n"
	    "msgid \"Good {id}\"\nmsgstr \"İyi {id}\"\n", &cap, &d);

	(void)state;
	assert_non_null(c);
	assert_null(cat_gettext(c, NULL, "Reply {code}"));
	assert_true(cat_is_fuzzy(c, NULL, "Reply {code}"));
	assert_null(cat_gettext(c, NULL, "Class {digit}"));
	assert_null(cat_gettext(c, NULL, "Seen {id}"));
	assert_string_equal(cat_gettext(c, NULL, "Good {id}"), "İyi {id}");
	/* Reported with the file and the line of the entry. */
	assert_non_null(strstr(cap.all, ":12: warning:"));
	assert_non_null(strstr(cap.all, "translation not used"));
	cat_free(c);
	unlink(path);
}

static void
arabic_plural_forms(void **state)
{
	struct captured cap;
	struct diag d;
	struct catalog *c = load(HEADER("UTF-8", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
	    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);")
	    "msgid \"{count} code\"\nmsgid_plural \"{count} codes\"\n"
	    "msgstr[0] \"f0\"\nmsgstr[1] \"f1 {count}\"\nmsgstr[2] \"f2\"\nmsgstr[3] \"f3 {count}\"\n"
	    "msgstr[4] \"f4 {count}\"\nmsgstr[5] \"f5 {count}\"\n", &cap, &d);
	static const unsigned long n[] = { 0, 1, 2, 3, 11, 100 };
	static const char *const want[] = { "f0", "f1 {count}", "f2", "f3 {count}", "f4 {count}",
		"f5 {count}" };

	(void)state;
	assert_non_null(c);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(cat_ngettext(c, NULL, "{count} code", n[i]), want[i]);
	cat_free(c);
	unlink(path);
}

static void
unusable_files_are_errors(void **state)
{
	struct captured cap;
	struct diag d;
	struct catalog *c;

	(void)state;
	c = load(HEADER("ISO-8859-9", "nplurals=2; plural=(n != 1);") "msgid \"a\"\nmsgstr \"b\"\n",
	    &cap, &d);
	assert_null(c);
	assert_non_null(strstr(cap.last, "charset=UTF-8"));
	unlink(path);
	c = load(TR_HEADER "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"broken\nmsgstr \"x\"\n", &cap, &d);
	assert_null(c);
	if (strstr(cap.all, ":10: error:") == NULL)
		fail_msg("no line in: %s", cap.all);
	assert_true(d.errors > 0);
	unlink(path);
	c = load(HEADER("UTF-8", "nplurals=2; plural=(n%3);") "msgid \"a\"\nmsgstr \"b\"\n", &cap, &d);
	assert_null(c);
	assert_non_null(strstr(cap.last, ":4: error: Plural-Forms"));
	unlink(path);
	c = load(HEADER("UTF-8", "nplurals=-1; plural=0;") "msgid \"a\"\nmsgstr \"b\"\n", &cap, &d);
	assert_null(c);
	assert_non_null(strstr(cap.last, "nplurals must be a number from 1 to 16"));
	unlink(path);
	d = capturing(&cap);
	assert_null(cat_load("/nonexistent/xx.po", "xx", &d));
	assert_non_null(strstr(cap.last, "/nonexistent/xx.po"));
}

/* A NUL would cut a translation short without a word: an error with
 * its line, whether raw or written as an escape; \012 is no NUL. */
static void
a_nul_is_an_error(void **state)
{
	static const char *const nuls[] = { "\\0", "\\000", "\\x00", "\\x0" };
	char text[512];
	struct captured cap;
	struct diag d;
	struct catalog *c;

	(void)state;
	for (size_t i = 0; i < sizeof nuls / sizeof *nuls; i++) {
		snprintf(text, sizeof text, TR_HEADER "msgid \"a\"\nmsgstr \"b%s!\"\n", nuls[i]);
		c = load(text, &cap, &d);
		assert_null(c);
		if (strstr(cap.all, ":7: error: a NUL character") == NULL)
			fail_msg("%s: %s", nuls[i], cap.all);
		unlink(path);
	}
	c = load(TR_HEADER "msgid \"a\"\nmsgstr \"b\\012c \\\\0\"\n", &cap, &d);
	assert_non_null(c);
	assert_string_equal(cat_gettext(c, NULL, "a"), "b\nc \\0");
	cat_free(c);
	unlink(path);
}

/* A duplicate names the line of the first definition too. */
static void
a_duplicate_names_the_first(void **state)
{
	struct captured cap;
	struct diag d;

	(void)state;
	assert_null(load(TR_HEADER "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n", &cap,
	    &d));
	if (strstr(cap.all, ":9:") == NULL || strstr(cap.all, "first defined at line 6)") == NULL)
		fail_msg("%s", cap.all);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lookups_with_and_without_context),
		cmocka_unit_test(fuzzy_and_wrong_placeholders_are_not_used),
		cmocka_unit_test(arabic_plural_forms),
		cmocka_unit_test(unusable_files_are_errors),
		cmocka_unit_test(a_nul_is_an_error),
		cmocka_unit_test(a_duplicate_names_the_first),
	};

	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
