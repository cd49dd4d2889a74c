/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cldr.h: what a language writes differently from English in running
 * text, from the Unicode CLDR through ICU: long dates ("28 Kasım 2025"),
 * how a list is joined ("A, B veya C") and percentages ("%100").  No
 * code knows any language: a new language in po/LINGUAS gets its forms
 * from ICU's data.  Computed before rendering (ICU formatters are not
 * shared between threads). */
#ifndef CODEDOC_CLDR_H
#define CODEDOC_CLDR_H

#include <stddef.h>

/* The separators of an "or" list in one language: between two items
 * (pair), after the first of three or more (start), between middle
 * items (middle) and before the last (end). */
struct cldr_list {
	char *pair, *start, *middle, *end;
};

struct cldr {
	char *date;            /* the build date, long form */
	struct cldr_list or_list;
	char *percent[101];    /* 0% .. 100% */
	char *digits[10];      /* the language's digits ("٠".."٩"), all NULL
	                        * when they are ASCII */
};

/* Fills c for language lang ("tr", "pt_BR") and the date ymd
 * ("2025-11-28"), and the digits of its default numbering system.  Returns 0, or -1 when ICU fails (c is then filled with
 * English forms, so that a build can go on). */
int cldr_load(struct cldr *c, const char *lang, const char *ymd);
void cldr_free(struct cldr *c);
/* The separator that follows item i of n in an "or" list ("" after the
 * last). */
const char *cldr_list_sep(const struct cldr *c, size_t i, size_t n);

#endif
