/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dbmsg.c: enumeration of the database's translatable texts. */
#include "dbmsg.h"

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

typedef void (*dbmsg_fn)(void *, const struct dbmsg *);

void
dbmsg_ctxt(char *buf, size_t size, const struct registry *reg, const char *what,
    const char *field)
{
	if (what != NULL)
		snprintf(buf, size, "%s:%s:%s", reg->id, what, field);
	else
		snprintf(buf, size, "%s:%s", reg->id, field);
}

static void
one(const struct registry *reg, const struct code *c, const char *what, const char *field,
    const struct text *t, char *comment, dbmsg_fn fn, void *arg)
{
	char ctxt[256];
	struct dbmsg m;

	dbmsg_ctxt(ctxt, sizeof ctxt, reg, what, field);
	m.ctxt = ctxt;
	m.text = t;
	m.comment = comment;
	m.reg = reg;
	m.code = c;
	fn(arg, &m);
	free(comment);
}

static void
paras(const struct registry *reg, const struct code *c, const char *field, const char *label,
    const struct paras *ps, dbmsg_fn fn, void *arg)
{
	for (size_t i = 0; i < ps->n; i++) {
		char *comment = ps->n > 1
		    ? xasprintf("%s %s, \"%s\", paragraph %zu of %zu.", reg->id, c->id, label, i + 1,
		          ps->n)
		    : xasprintf("%s %s, \"%s\".", reg->id, c->id, label);

		one(reg, c, c->id, field, &ps->p[i], comment, fn, arg);
	}
}

void
dbmsg_code(const struct code *c, dbmsg_fn fn, void *arg)
{
	const struct registry *reg = c->registry;

	one(reg, c, c->id, "title", &c->title,
	    xasprintf("%s %s: short title (page heading, man page NAME line).", reg->id, c->id), fn,
	    arg);
	paras(reg, c, "description", "Description", &c->description, fn, arg);
	paras(reg, c, "when", "When you see it", &c->when, fn, arg);
	paras(reg, c, "fix", "How to fix", &c->fix, fn, arg);
	one(reg, c, c->id, "use",
	    &c->use, xasprintf("%s %s: one sentence on when a server sends this code.", reg->id, c->id),
	    fn, arg);
}

void
dbmsg_registry_head(const struct registry *reg, dbmsg_fn fn, void *arg)
{
	char what[64];

	one(reg, NULL, NULL, "name", &reg->name,
	    xasprintf("Name of the registry '%s' (page titles, man page NAME line).", reg->id), fn,
	    arg);
	one(reg, NULL, NULL, "short", &reg->short_name,
	    xasprintf("Word put before a code of the registry '%s', as in \"SMTP 451\"; usually "
	              "left as it is.", reg->id), fn, arg);
	for (size_t i = 0; i < reg->intro.n; i++)
		one(reg, NULL, NULL, "intro", &reg->intro.p[i],
		    xasprintf("Introduction of the registry '%s', paragraph %zu of %zu.", reg->id, i + 1,
		        reg->intro.n),
		    fn, arg);
	for (size_t i = 0; i < reg->nclasses; i++) {
		snprintf(what, sizeof what, "class-%d", reg->classes[i].digit);
		one(reg, NULL, what, "name", &reg->classes[i].name,
		    xasprintf("Name of reply class %d of '%s'.", reg->classes[i].digit, reg->id), fn, arg);
		one(reg, NULL, what, "meaning", &reg->classes[i].meaning,
		    xasprintf("What a reply of class %d of '%s' means, one sentence.",
		        reg->classes[i].digit, reg->id),
		    fn, arg);
	}
	for (size_t i = 0; i < reg->ncategories; i++) {
		snprintf(what, sizeof what, "category-%d", reg->categories[i].digit);
		one(reg, NULL, what, "name", &reg->categories[i].name,
		    xasprintf("Name of category %d (second digit) of '%s'.", reg->categories[i].digit,
		        reg->id),
		    fn, arg);
	}
	for (size_t i = 0; i < reg->nphases; i++) {
		snprintf(what, sizeof what, "phase-%s", reg->phases[i].id);
		one(reg, NULL, what, "name", &reg->phases[i].name,
		    xasprintf("A step of the %s dialogue after which a reply can come; used in lists "
		              "such as \"after MAIL FROM, RCPT TO\". Command names stay as they are.",
		        reg->id),
		    fn, arg);
	}
}

void
dbmsg_registry(const struct registry *reg, dbmsg_fn fn, void *arg)
{
	dbmsg_registry_head(reg, fn, arg);
	for (size_t i = 0; i < reg->ncodes; i++)
		dbmsg_code(&reg->codes[i], fn, arg);
}
