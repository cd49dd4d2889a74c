/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats.c: counts of translated, fuzzy and untranslated messages. */
#include "stats.h"

#include <stdlib.h>

#include <libxml/hash.h>

#include "dbmsg.h"
#include "pot.h"
#include "util.h"

struct counter {
	const struct catalog *cat;
	struct cat_stats *st;
	xmlHashTablePtr seen; /* a message used twice is one message */
};

static void
count(struct counter *c, const char *ctxt, const char *msgid, int plural)
{
	const char *t;

	if (xmlHashAddEntry2(c->seen, (const xmlChar *)msgid, (const xmlChar *)ctxt, c) != 0)
		return;
	t = plural ? cat_ngettext(c->cat, ctxt, msgid, 1) : cat_gettext(c->cat, ctxt, msgid);
	if (t != NULL)
		c->st->translated++;
	else if (cat_is_fuzzy(c->cat, ctxt, msgid))
		c->st->fuzzy++;
	else
		c->st->untranslated++;
}

static void
on_tmpl(void *arg, const struct tmpl_msg *m)
{
	count(arg, m->ctxt, m->msgid, m->plural != NULL);
}

static void
on_db(void *arg, const struct dbmsg *m)
{
	count(arg, m->ctxt, m->text->src, 0);
}

/* The interface: template messages and built-ins. */
static void
count_interface(struct counter *c, const struct tmpl_set *tmpls)
{
	tmpl_set_messages(tmpls, on_tmpl, c);
	for (size_t i = 0; i < pot_nbuiltins; i++)
		count(c, pot_builtins[i].ctxt, pot_builtins[i].msgid, 0);
}

size_t
stats_collect(const struct db *db, const struct tmpl_set *tmpls, struct catalog *const *cats,
    size_t n, struct stats_row **rows)
{
	size_t per = db->nregs + 1, k = 0;

	*rows = xcalloc(n * per, sizeof **rows);
	for (size_t i = 0; i < n; i++) {
		struct counter c = { cats[i], NULL, xmlHashCreate(1024) };

		(*rows)[k].lang = cat_lang(cats[i]);
		(*rows)[k].set = "interface";
		c.st = &(*rows)[k++].st;
		count_interface(&c, tmpls);
		for (size_t r = 0; r < db->nregs; r++) {
			(*rows)[k].lang = cat_lang(cats[i]);
			(*rows)[k].set = db->regs[r].id;
			c.st = &(*rows)[k++].st;
			dbmsg_registry(&db->regs[r], on_db, &c);
		}
		xmlHashFree(c.seen, NULL);
	}
	return k;
}

unsigned
stats_percent(const struct cat_stats *st)
{
	size_t total = st->translated + st->fuzzy + st->untranslated;

	return total ? (unsigned)(st->translated * 100 / total) : 100;
}

static void
print_json(FILE *out, const struct stats_row *rows, size_t n)
{
	fputs("{", out);
	for (size_t i = 0; i < n; i++) {
		int first_of_lang = i == 0 || rows[i - 1].lang != rows[i].lang;
		int last_of_lang = i + 1 == n || rows[i + 1].lang != rows[i].lang;

		if (first_of_lang)
			fprintf(out, "%s\n  \"%s\": {", i ? "," : "", rows[i].lang);
		fprintf(out, "%s\n    \"%s\": {\"translated\": %zu, \"fuzzy\": %zu, "
		    "\"untranslated\": %zu, \"percent\": %u}", first_of_lang ? "" : ",", rows[i].set,
		    rows[i].st.translated, rows[i].st.fuzzy, rows[i].st.untranslated,
		    stats_percent(&rows[i].st));
		if (last_of_lang)
			fputs("\n  }", out);
	}
	fputs("\n}\n", out);
}

void
stats_print(FILE *out, const struct stats_row *rows, size_t n, int json)
{
	if (json) {
		print_json(out, rows, n);
		return;
	}
	fprintf(out, "%-6s %-16s %10s %6s %12s %8s\n", "lang", "set", "translated", "fuzzy",
	    "untranslated", "percent");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%-6s %-16s %10zu %6zu %12zu %7u%%\n", rows[i].lang, rows[i].set,
		    rows[i].st.translated, rows[i].st.fuzzy, rows[i].st.untranslated,
		    stats_percent(&rows[i].st));
}
