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
code_free(struct code *c)
{
	free(c->id);
	free(c->slug);
	free(c->title.src);
	for (size_t i = 0; i < c->nphases; i++)
		free(c->phase_ids[i]);
	free(c->phase_ids);
	free(c->phases);
	paras_free(&c->description);
	paras_free(&c->when);
	paras_free(&c->fix);
	free(c->use.src);
	for (size_t i = 0; i < c->nrefs; i++)
		free(c->refs[i].section);
	free(c->refs);
	for (size_t i = 0; i < c->nrelated; i++) {
		free(c->related[i].registry);
		free(c->related[i].code);
	}
	free(c->related);
}

static void
registry_free(struct registry *r)
{
	for (size_t i = 0; i < r->ncodes; i++)
		code_free(&r->codes[i]);
	free(r->codes);
	for (size_t i = 0; i < r->nclasses; i++) {
		free(r->classes[i].name.src);
		free(r->classes[i].meaning.src);
	}
	free(r->classes);
	for (size_t i = 0; i < r->ncategories; i++)
		free(r->categories[i].name.src);
	free(r->categories);
	for (size_t i = 0; i < r->nphases; i++) {
		free(r->phases[i].id);
		free(r->phases[i].name.src);
	}
	free(r->phases);
	paras_free(&r->intro);
	free(r->name.src);
	free(r->short_name.src);
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
registry_class(const struct registry *reg, int digit)
{
	for (size_t i = 0; i < reg->nclasses; i++)
		if (reg->classes[i].digit == digit)
			return &reg->classes[i];
	return NULL;
}

const struct category *
registry_category(const struct registry *reg, int digit)
{
	for (size_t i = 0; i < reg->ncategories; i++)
		if (reg->categories[i].digit == digit)
			return &reg->categories[i];
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

const char *
db_date(const struct db *db)
{
	const char *best = NULL;

	for (size_t i = 0; i < db->nregs; i++)
		if (best == NULL || strcmp(db->regs[i].date, best) > 0)
			best = db->regs[i].date;
	return best;
}

enum retry
code_retry(const struct code *c)
{
	const struct rclass *k = registry_class(c->registry, c->classes[0]);

	return k != NULL ? k->retry : RETRY_NONE;
}
