/* SPDX-License-Identifier: GPL-3.0-or-later */
/* consistency.c: terms that drift within a catalog (see consistency.h). */
#include "consistency.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nls.h"

struct list {
	struct cat_entry *e;
	size_t n;
};

static void
collect(void *arg, const struct cat_entry *e)
{
	struct list *l = arg;

	l->e = xgrow(l->e, l->n, sizeof *l->e);
	l->e[l->n++] = *e;
}

/* By English text, then by line: findings in a stable order. */
static int
by_msgid(const void *a, const void *b)
{
	const struct cat_entry *x = a, *y = b;
	int c = strcmp(x->msgid, y->msgid);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int
same_text(const struct list *l, struct diag *out, const char *path)
{
	int n = 0;

	for (size_t i = 1; i < l->n; i++) {
		const struct cat_entry *a = &l->e[i - 1], *b = &l->e[i];

		/* Case alone (a title, a label) is typography, not a term. */
		if (strcmp(a->msgid, b->msgid) != 0 || strcasecmp(a->msgstr, b->msgstr) == 0)
			continue;
		diag_report(out, DIAG_WARNING, path, b->line, 0,
		    _("'%.60s' is translated as '%.60s' here and as '%.60s' at line %ld"), b->msgid,
		    b->msgstr, a->msgstr, a->line);
		n++;
	}
	return n;
}

/* Case-insensitive search (ASCII letters fold; other bytes compare as
 * they are). */
static const char *
find_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* term stands in text as a word of its own (or the start of one:
 * "bounce" in "bounces"). */
static int
has_word(const char *text, const char *term)
{
	for (const char *p = text; (p = find_ci(p, term)) != NULL; p++)
		if (p == text || !isalnum((unsigned char)p[-1]))
			return 1;
	return 0;
}

static int
against_glossary(const struct list *l, const struct list *g, struct diag *d, const char *path,
    const char *gpath)
{
	int n = 0;

	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < g->n; k++) {
			const struct cat_entry *e = &l->e[i], *t = &g->e[k];

			if (!has_word(e->msgid, t->msgid) || find_ci(e->msgstr, t->msgstr) != NULL)
				continue;
			diag_report(d, DIAG_WARNING, path, e->line, 0,
			    _("'%s' is '%s' in %s (line %ld), not in this translation"), t->msgid,
			    t->msgstr, gpath, t->line);
			n++;
		}
	return n;
}

int
consistency_check(const struct catalog *cat, const struct catalog *glossary, struct diag *d)
{
	struct list l = { NULL, 0 }, g = { NULL, 0 };
	int n;

	cat_each(cat, collect, &l);
	qsort(l.e, l.n, sizeof *l.e, by_msgid);
	n = same_text(&l, d, cat_path(cat));
	if (glossary != NULL) {
		cat_each(glossary, collect, &g);
		qsort(g.e, g.n, sizeof *g.e, by_msgid);
		n += against_glossary(&l, &g, d, cat_path(cat), cat_path(glossary));
	}
	free(l.e);
	free(g.e);
	return n;
}
