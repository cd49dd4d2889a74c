/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalog.h: one language's translations, read from a .po file with
 * libgettextpo into an in-memory table.  No process-wide locale state is
 * touched, so any number of languages can be used in one run. */
#ifndef CODEDOC_CATALOG_H
#define CODEDOC_CATALOG_H

#include <stddef.h>

#include "util.h"

struct catalog;

/* Counts of one set of messages in one catalog. */
struct cat_stats {
	size_t translated, fuzzy, untranslated;
};

/* Reads po_path for language lang ("tr").  Fuzzy, obsolete and empty
 * entries are not used; an entry whose {placeholders} differ from its
 * msgid is reported and not used.  Returns NULL after reporting to d when
 * the file cannot be used at all (syntax errors, charset not UTF-8). */
struct catalog *cat_load(const char *po_path, const char *lang, struct diag *d);
void cat_free(struct catalog *c);
const char *cat_lang(const struct catalog *c);

/* The translation, or NULL when there is none usable. */
const char *cat_gettext(const struct catalog *c, const char *ctxt, const char *msgid);
/* The plural form for n by the catalog's Plural-Forms, or NULL. */
const char *cat_ngettext(const struct catalog *c, const char *ctxt, const char *msgid,
    unsigned long n);
/* Index of the plural form for n (0 when the catalog has none). */
unsigned long cat_plural_index(const struct catalog *c, unsigned long n);
/* Whether the entry exists but is fuzzy (for statistics). */
int cat_is_fuzzy(const struct catalog *c, const char *ctxt, const char *msgid);

/* A translated singular entry, for checks over a whole catalog. */
struct cat_entry {
	const char *ctxt;   /* NULL when none */
	const char *msgid;
	const char *msgstr;
	long line;          /* of its msgid in the file */
};
/* Calls fn for every used singular entry, in no set order. */
void cat_each(const struct catalog *c, void (*fn)(void *arg, const struct cat_entry *e),
    void *arg);
const char *cat_path(const struct catalog *c);

#endif
