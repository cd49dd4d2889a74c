/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dbmsg.c: enumeration of the database's translatable texts. */
#include "dbmsg.h"

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

typedef void (*dbmsg_fn)(void *, const struct dbmsg *);

void
dbmsg_ctxt(char *buf, const struct registry *reg, const char *what, const char *field)
{
	if (what != NULL)
		snprintf(buf, DBMSG_CTXT_MAX, "%s:%s:%s", reg->id, what, field);
	else
		snprintf(buf, DBMSG_CTXT_MAX, "%s:%s", reg->id, field);
}

static void
one(const struct registry *reg, const struct code *c, const char *what, const char *field,
    const struct text *t, char *comment, dbmsg_fn fn, void *arg)
{
	char ctxt[DBMSG_CTXT_MAX];
	struct dbmsg m;

	dbmsg_ctxt(ctxt, reg, what, field);
	m.ctxt = ctxt;
	m.text = t;
	m.comment = comment;
	m.reg = reg;
	m.code = c;
	fn(arg, &m);
	free(comment);
}

/* Paragraphs of a field of what ("451", "450/550"), described as label. */
static void
paras(const struct registry *reg, const struct code *c, const char *what, const char *field,
    const char *label, const struct paras *ps, dbmsg_fn fn, void *arg)
{
	for (size_t i = 0; i < ps->n; i++) {
		char *comment = ps->n > 1
		    ? xasprintf("%s %s, \"%s\", paragraph %zu of %zu.", reg->id, what, label, i + 1,
		          ps->n)
		    : xasprintf("%s %s, \"%s\".", reg->id, what, label);

		one(reg, c, what, field, &ps->p[i], comment, fn, arg);
	}
}

void
dbmsg_code(const struct code *c, dbmsg_fn fn, void *arg)
{
	const struct registry *reg = c->registry;

	one(reg, c, c->id, "title", &c->title,
	    xasprintf("%s %s: short title (page heading, man page NAME line).", reg->id, c->id), fn,
	    arg);
	paras(reg, c, c->id, "description", "Description", &c->description, fn, arg);
	paras(reg, c, c->id, "when", "When you see it", &c->when, fn, arg);
	paras(reg, c, c->id, "fix", "How to fix", &c->fix, fn, arg);
	one(reg, c, c->id, "use", &c->use,
	    xasprintf("%s %s: one sentence on when this code is used.", reg->id, c->id), fn, arg);
	if (c->note.src != NULL)
		one(reg, c, c->id, "note", &c->note,
		    xasprintf("%s %s: where this nonstandard code comes from.", reg->id, c->id), fn,
		    arg);
	for (size_t i = 0; i < c->nrefs; i++)
		if (c->refs[i].href != NULL)
			one(reg, c, c->id, "ref", &c->refs[i].title,
			    xasprintf("%s %s: title of the document at %s.", reg->id, c->id,
			        c->refs[i].href), fn, arg);
}

void
dbmsg_pair(const struct registry *reg, const struct pair *p, dbmsg_fn fn, void *arg)
{
	char what[2 * ID_MAX + 2];

	snprintf(what, sizeof what, "%s/%s", p->a->id, p->b->id);
	paras(reg, NULL, what, "differences", "Key differences", &p->differences, fn, arg);
	paras(reg, NULL, what, "choose", "When to use which", &p->choose, fn, arg);
}

static void
registry_words(const struct registry *reg, dbmsg_fn fn, void *arg)
{
	one(reg, NULL, NULL, "name", &reg->name,
	    xasprintf("Name of the registry '%s' (page titles, man page NAME line).", reg->id), fn,
	    arg);
	one(reg, NULL, NULL, "short", &reg->short_name,
	    xasprintf("Word put before a code of the registry '%s', as in \"SMTP 451\"; usually "
	              "left as it is.", reg->id), fn, arg);
	one(reg, NULL, NULL, "blurb", &reg->blurb,
	    xasprintf("One sentence on the registry '%s' for the home page and search results.",
	        reg->id), fn, arg);
	for (size_t i = 0; i < reg->intro.n; i++)
		one(reg, NULL, NULL, "intro", &reg->intro.p[i],
		    xasprintf("Introduction of the registry '%s', paragraph %zu of %zu.", reg->id, i + 1,
		        reg->intro.n),
		    fn, arg);
}

void
dbmsg_registry_head(const struct registry *reg, dbmsg_fn fn, void *arg)
{
	char what[ID_MAX + 16];

	registry_words(reg, fn, arg);
	for (size_t i = 0; i < reg->noutcomes; i++) {
		const struct outcome *o = &reg->outcomes[i];

		snprintf(what, sizeof what, "outcome-%s", o->id);
		one(reg, NULL, what, "name", &o->name,
		    xasprintf("Short label of what happens after a '%s' reply of outcome '%s' "
		              "(a table cell).", reg->id, o->id), fn, arg);
		one(reg, NULL, what, "text", &o->text,
		    xasprintf("What happens after a '%s' reply of outcome '%s'; it is shown next to "
		              "the code, so it does not name it.", reg->id, o->id), fn, arg);
	}
	for (size_t i = 0; i < reg->nclasses; i++) {
		const struct rclass *k = &reg->classes[i];

		snprintf(what, sizeof what, "class-%s", k->id);
		one(reg, NULL, what, "name", &k->name,
		    xasprintf("Name of class %s of '%s'.", k->id, reg->id), fn, arg);
		one(reg, NULL, what, "meaning", &k->meaning,
		    xasprintf("What a reply of class %s of '%s' means, one sentence.", k->id, reg->id),
		    fn, arg);
	}
	for (size_t i = 0; i < reg->ncategories; i++) {
		snprintf(what, sizeof what, "category-%s", reg->categories[i].id);
		one(reg, NULL, what, "name", &reg->categories[i].name,
		    xasprintf("Name of category %s of '%s'.", reg->categories[i].id, reg->id), fn, arg);
	}
	for (size_t i = 0; i < reg->nphases; i++) {
		snprintf(what, sizeof what, "phase-%s", reg->phases[i].id);
		one(reg, NULL, what, "name", &reg->phases[i].name,
		    xasprintf("A step of the %s dialogue after which a reply can come; shown in lists "
		              "of such steps. Command names stay as they are.", reg->id),
		    fn, arg);
	}
}

void
dbmsg_registry(const struct registry *reg, dbmsg_fn fn, void *arg)
{
	dbmsg_registry_head(reg, fn, arg);
	for (size_t i = 0; i < reg->ncodes; i++)
		dbmsg_code(&reg->codes[i], fn, arg);
	for (size_t i = 0; i < reg->npairs; i++)
		dbmsg_pair(reg, &reg->pairs[i], fn, arg);
}
