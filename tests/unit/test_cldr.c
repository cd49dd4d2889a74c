/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CLDR forms through ICU: long dates, "or" lists and percentages as each
 * language writes them, with no language known to the code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "cldr.h"

static void
check(const char *lang, const char *date, const char *end, const char *pct100)
{
	struct cldr c;

	assert_int_equal(cldr_load(&c, lang, "2025-11-28"), 0);
	assert_string_equal(c.date, date);
	assert_string_equal(cldr_list_sep(&c, 1, 3), end);
	assert_string_equal(cldr_list_sep(&c, 2, 3), "");
	assert_string_equal(c.percent[100], pct100);
	cldr_free(&c);
}

static void
dates_lists_and_percentages(void **state)
{
	(void)state;
	check("en", "November 28, 2025", ", or ", "100%");
	check("tr", "28 Kasım 2025", " veya ", "%100");
	check("de", "28. November 2025", " oder ", "100\xc2\xa0%");
	check("es", "28 de noviembre de 2025", " o ", "100\xc2\xa0%");
}

static void
two_items_use_the_pair_form(void **state)
{
	struct cldr c;

	(void)state;
	assert_int_equal(cldr_load(&c, "de", "2025-11-28"), 0);
	assert_string_equal(cldr_list_sep(&c, 0, 2), " oder ");
	assert_string_equal(cldr_list_sep(&c, 0, 4), ", ");
	assert_string_equal(cldr_list_sep(&c, 1, 4), ", ");
	assert_string_equal(cldr_list_sep(&c, 2, 4), " oder ");
	assert_string_equal(cldr_list_sep(&c, 0, 1), "");
	cldr_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_lists_and_percentages),
		cmocka_unit_test(two_items_use_the_pair_form),
	};

	return cmocka_run_group_tests_name("cldr", tests, NULL, NULL);
}
