/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model.c: lookups over the code database and its destructor. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

static void
paras_free(struct paras *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->p[i].src);
	free(p->p);
}

static void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
code_free(struct code *c)
{
	free(c->id);
	free(c->slug);
	strv_free(c->class_ids, c->nclasses);
	free(c->classes);
	free(c->category_id);
	free(c->outcome_id);
	free(c->title.src);
	strv_free(c->phase_ids, c->nphases);
	free(c->phases);
	paras_free(&c->description);
	paras_free(&c->when);
	paras_free(&c->fix);
	free(c->use.src);
	free(c->note.src);
	for (size_t i = 0; i < c->nrefs; i++) {
		free(c->refs[i].section);
		free(c->refs[i].href);
		free(c->refs[i].title.src);
	}
	free(c->refs);
	for (size_t i = 0; i < c->nrelated; i++) {
		free(c->related[i].registry);
		free(c->related[i].code);
	}
	free(c->related);
}

static void
registry_head_free(struct registry *r)
{
	for (size_t i = 0; i < r->noutcomes; i++) {
		free(r->outcomes[i].id);
		free(r->outcomes[i].name.src);
		free(r->outcomes[i].text.src);
	}
	free(r->outcomes);
	for (size_t i = 0; i < r->nclasses; i++) {
		free(r->classes[i].id);
		free(r->classes[i].outcome_id);
		free(r->classes[i].name.src);
		free(r->classes[i].meaning.src);
	}
	free(r->classes);
	for (size_t i = 0; i < r->ncategories; i++) {
		free(r->categories[i].id);
		free(r->categories[i].name.src);
	}
	free(r->categories);
	for (size_t i = 0; i < r->nphases; i++) {
		free(r->phases[i].id);
		free(r->phases[i].name.src);
	}
	free(r->phases);
}

static void
registry_free(struct registry *r)
{
	for (size_t i = 0; i < r->ncodes; i++)
		code_free(&r->codes[i]);
	free(r->codes);
	for (size_t i = 0; i < r->npairs; i++) {
		free(r->pairs[i].a_id);
		free(r->pairs[i].b_id);
		paras_free(&r->pairs[i].differences);
		paras_free(&r->pairs[i].choose);
	}
	free(r->pairs);
	registry_head_free(r);
	paras_free(&r->intro);
	free(r->name.src);
	free(r->short_name.src);
	free(r->blurb.src);
	free(r->id);
	free(r->date);
	free(r->file);
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->nregs; i++)
		registry_free(&db->regs[i]);
	free(db->regs);
	db->regs = NULL;
	db->nregs = 0;
}

struct registry *
db_registry(const struct db *db, const char *id)
{
	for (size_t i = 0; i < db->nregs; i++)
		if (strcmp(db->regs[i].id, id) == 0)
			return &db->regs[i];
	return NULL;
}

struct code *
registry_code(const struct registry *reg, const char *id)
{
	for (size_t i = 0; i < reg->ncodes; i++)
		if (strcmp(reg->codes[i].id, id) == 0)
			return &reg->codes[i];
	return NULL;
}

const struct rclass *
registry_class(const struct registry *reg, const char *id)
{
	for (size_t i = 0; i < reg->nclasses; i++)
		if (strcmp(reg->classes[i].id, id) == 0)
			return &reg->classes[i];
	return NULL;
}

const struct category *
registry_category(const struct registry *reg, const char *id)
{
	for (size_t i = 0; i < reg->ncategories; i++)
		if (strcmp(reg->categories[i].id, id) == 0)
			return &reg->categories[i];
	return NULL;
}

const struct outcome *
registry_outcome(const struct registry *reg, const char *id)
{
	for (size_t i = 0; i < reg->noutcomes; i++)
		if (strcmp(reg->outcomes[i].id, id) == 0)
			return &reg->outcomes[i];
	return NULL;
}

struct phase *
registry_phase(const struct registry *reg, const char *id)
{
	for (size_t i = 0; i < reg->nphases; i++)
		if (strcmp(reg->phases[i].id, id) == 0)
			return &reg->phases[i];
	return NULL;
}

const struct pair *
registry_pair(const struct registry *reg, const struct code *a, const struct code *b)
{
	for (size_t i = 0; i < reg->npairs; i++) {
		const struct pair *p = &reg->pairs[i];

		if ((p->a == a && p->b == b) || (p->a == b && p->b == a))
			return p;
	}
	return NULL;
}

int
registry_compares(const struct registry *reg, const struct code *a, const struct code *b)
{
	switch (reg->compare) {
	case COMPARE_ALL: return a != b;
	case COMPARE_LISTED: return registry_pair(reg, a, b) != NULL;
	default: return 0;
	}
}

size_t
registry_compare_count(const struct registry *reg)
{
	switch (reg->compare) {
	case COMPARE_ALL: return reg->ncodes * (reg->ncodes - 1) / 2;
	case COMPARE_LISTED: return reg->npairs;
	default: return 0;
	}
}

const char *
db_date(const struct db *db)
{
	const char *best = NULL;

	for (size_t i = 0; i < db->nregs; i++)
		if (best == NULL || strcmp(db->regs[i].date, best) > 0)
			best = db->regs[i].date;
	return best;
}

static int
id_char(char c, int code)
{
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
		return 1;
	return code && ((c >= 'A' && c <= 'Z') || c == '.' || c == '_');
}

/* Checked here, not only in the schema, because the schema is input too. */
static int
id_ok(const char *s, int code)
{
	size_t n = strlen(s);

	if (n == 0 || n > ID_MAX)
		return 0;
	/* The first character is never '.', '_' or '-': no "..", no option. */
	if (s[0] == '.' || s[0] == '_' || s[0] == '-')
		return 0;
	for (const char *p = s; *p; p++)
		if (!id_char(*p, code))
			return 0;
	return 1;
}

int
code_id_ok(const char *s)
{
	return id_ok(s, 1);
}

int
ident_ok(const char *s)
{
	return id_ok(s, 0);
}
