/* SPDX-License-Identifier: GPL-3.0-or-later */
/* langvals.h: the model seen in one language.  Looks every database text
 * up in the language's catalog and builds the template values of codes
 * and registries once per language, with how much of each is translated.
 * Read-only once prepared, so that render threads can share it. */
#ifndef CODEDOC_LANGVALS_H
#define CODEDOC_LANGVALS_H

#include "cldr.h"
#include "site.h"
#include "tmpl.h"
#include "value.h"

/* How much of some texts is translated, in words: what a reader sees. */
struct words {
	size_t done, total;
};

struct lang_state {
	const struct site *s;
	const struct site_lang *L;
	struct translator tr;
	struct arena *a;
	const char *dir;            /* "ltr" or "rtl" */
	struct cldr cldr;           /* dates, lists, percentages */
	const struct val *lang;     /* {code, dir, name, source} */
	struct val **codes;         /* per registry: code values, by code index */
	struct val **cores;         /* the same without the links to comparisons */
	struct val **briefs;        /* per registry: short code values */
	struct val **regs;          /* per registry */
	struct val **heads;         /* per registry: names, blurb, address, count
	                             * (what pages other than its index show) */
	struct words **code_words;  /* per registry, per code: the code's texts */
	struct words *reg_words;    /* index: registry texts and code titles */
	struct words *head_words;   /* registry texts alone */
	struct words *home_words;   /* registry names and blurbs (home page) */
	unsigned long long ui_digest; /* the translations of the templates' texts */
};

void lang_prepare(struct lang_state *ls, const struct site *s, size_t li);
void lang_release(struct lang_state *ls, size_t nregs);

/* A text of the interface (templates' own strings) in this language. */
const char *lang_ui(const struct lang_state *ls, const char *ctxt, const char *msgid);
/* Values of a code, by registry and code index. */
const struct val *lang_code(const struct lang_state *ls, const struct code *c);
/* The same without the titles of related codes and comparisons (only
 * related_ids), for pages that show the code but not those lists: a page
 * depends only on what it shows. */
const struct val *lang_code_core(const struct lang_state *ls, const struct code *c);
/* Links to the comparison pages of c ({other, href, notes}), in a. */
struct val *lang_compares(const struct lang_state *ls, struct arena *a, const struct code *c);
/* The notes of a pair ({differences, choose}: lists of {text}), in a. */
struct val *lang_pair(const struct lang_state *ls, struct arena *a, const struct pair *p);
/* How much of a pair's notes is translated. */
struct words lang_pair_words(const struct lang_state *ls, const struct pair *p);
/* Percent of words translated (100 when there are none), and whether all are. */
unsigned words_pct(struct words w);
int words_complete(struct words w);

#endif
