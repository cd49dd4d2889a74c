/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Plural-Forms evaluation, checked against the forms CLDR and gettext
 * give for each language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "plural.h"

#define ARABIC "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : " \
	"n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"

static void
arabic_has_six_forms(void **state)
{
	const char *err = NULL;
	struct plural *p = plural_parse(ARABIC, &err);
	static const unsigned long n[] = { 0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000 };
	static const unsigned long want[] = { 0, 1, 2, 3, 3, 4, 4, 5, 5, 5, 3, 4, 5 };

	(void)state;
	assert_non_null(p);
	assert_int_equal(plural_nplurals(p), 6);
	for (size_t i = 0; i < sizeof n / sizeof *n; i++)
		assert_int_equal(plural_eval(p, n[i]), want[i]);
	plural_free(p);
}

static void
two_form_and_one_form_languages(void **state)
{
	const char *err;
	struct plural *tr = plural_parse("nplurals=2; plural=(n != 1);", &err);
	struct plural *ja = plural_parse("nplurals=1; plural=0;", &err);
	struct plural *ru = plural_parse("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 "
	    "&& n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", &err);

	(void)state;
	assert_non_null(tr);
	assert_non_null(ja);
	assert_non_null(ru);
	assert_int_equal(plural_eval(tr, 0), 1);
	assert_int_equal(plural_eval(tr, 1), 0);
	assert_int_equal(plural_eval(tr, 2), 1);
	assert_int_equal(plural_eval(ja, 5), 0);
	assert_int_equal(plural_eval(ru, 21), 0);
	assert_int_equal(plural_eval(ru, 22), 1);
	assert_int_equal(plural_eval(ru, 25), 2);
	assert_int_equal(plural_eval(ru, 11), 2);
	plural_free(tr);
	plural_free(ja);
	plural_free(ru);
}

static void
bad_expressions_are_refused(void **state)
{
	static const char *const bad[] = {
		"nplurals=2; plural=(n%3);",     /* gives 2 with only 2 forms */
		"nplurals=2; plural=(n != 1;",   /* unbalanced */
		"nplurals=2; plural=n/0;",       /* division by zero */
		"nplurals=2;",                   /* no plural= */
		"nplurals=2; plural=(x == 1);",  /* unknown variable */
		"nplurals=0; plural=0;",
		"nplurals=-1; plural=0;",        /* msgfmt refuses these too */
		"nplurals=10^23; plural=0;",
		"nplurals=100000000000000000000000; plural=0;",
		"nplurals=17; plural=0;",
		"nplurals=2 plural=0;",
	};
	const char *err;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err = NULL;
		assert_null(plural_parse(bad[i], &err));
		assert_non_null(err);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arabic_has_six_forms),
		cmocka_unit_test(two_form_and_one_form_languages),
		cmocka_unit_test(bad_expressions_are_refused),
	};

	return cmocka_run_group_tests_name("plural", tests, NULL, NULL);
}
