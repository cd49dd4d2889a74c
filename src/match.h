/* SPDX-License-Identifier: GPL-3.0-or-later */
/* match.h: finding codes in free text, the one matcher of `codedoc
 * explain` and of the site's search.
 *
 * A code is found by any of its written forms ("451", "5.1.1", "X.1.1",
 * "NXDOMAIN"), which follow from the registry's digits rule.  The text is
 * cut at every character other than an ASCII letter, digit, '.', '-' or
 * '_'; each piece loses leading and trailing '.', '-' and '_' and is looked
 * up without regard to case; a piece that is no form is looked up again
 * part by part between '-' ("550-5.1.1").  When the text holds no form,
 * its words (lower-cased runs of letters, marks and digits, at least two
 * characters) are looked for as word beginnings in each code's title
 * (3 points) or other texts (1 point); a code must have more than half
 * of them.  U+0307 (the dot that lower-cased İ keeps) is dropped, so
 * that "istemci" finds "İstemci".  The best 20 are shown, ties in database order.
 *
 * search.js applies the same two rules to the same tables (forms and word
 * lists), which the index of each language carries: see match_forms() and
 * match_words().  tests/e2e checks that both give the same answers. */
#ifndef CODEDOC_MATCH_H
#define CODEDOC_MATCH_H

#include <stddef.h>

#include "model.h"

struct match_form {
	char *form;               /* lower case */
	const struct code *code;
	const struct rclass *cls; /* the class the form spells, or NULL */
};

/* Every written form of every code of db, sorted by form, then in
 * database order. */
struct match_forms {
	struct match_form *v;
	size_t n;
};

void match_forms_make(struct match_forms *f, const struct db *db);
void match_forms_free(struct match_forms *f);

struct match_hit {
	const struct code *code;
	const struct rclass *cls; /* NULL when the form names no class */
	int score;                /* 0 for a hit by form */
};

/* Calls fn for every code form in text, in order of appearance, each
 * (code, class) once.  Returns how many it found. */
size_t match_codes(const struct match_forms *f, const char *text,
    void (*fn)(void *arg, const struct match_hit *h), void *arg);

/* A text's distinct words, lower-cased, joined by single spaces, in a
 * malloc'd string; words of skip (a list made by this function, or NULL)
 * are left out. */
char *match_words(const char *text, const char *skip);

/* The word side: how well the query's words match a code whose title
 * words and other words (both from match_words) are given. */
int match_score(const char *query_words, const char *title_words, const char *words);

#endif
