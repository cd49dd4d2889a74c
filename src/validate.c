/* SPDX-License-Identifier: GPL-3.0-or-later */
/* validate.c: semantic checks and reference resolution for the model. */
#include "validate.h"

#include <stdlib.h>
#include <string.h>

#include "nls.h"

static int
has_class(const struct code *c, int digit)
{
	for (size_t i = 0; i < c->nclasses; i++)
		if (c->classes[i] == digit)
			return 1;
	return 0;
}

/* A basic code "451" carries class and category in its first two digits;
 * an enhanced code "4.7.1" or "X.7.1" carries its subject (category) in
 * the second field and, unless it is X, its class in the first. */
static void
check_digits(const struct registry *r, const struct code *c, struct diag *d)
{
	const char *id = c->id;

	if (strchr(id, '.') == NULL) {
		if (c->nclasses != 1 || c->classes[0] != id[0] - '0')
			diag_report(d, DIAG_ERROR, r->file, c->line, 0,
			    _("code %s: its first digit disagrees with its class"), id);
		if (c->category != id[1] - '0')
			diag_report(d, DIAG_ERROR, r->file, c->line, 0,
			    _("code %s: its second digit disagrees with its category %d"), id,
			    c->category);
		return;
	}
	if (id[0] != 'X' && !has_class(c, id[0] - '0'))
		diag_report(d, DIAG_ERROR, r->file, c->line, 0,
		    _("code %s: its first digit disagrees with its class"), id);
	if (atoi(id + 2) != c->category)
		diag_report(d, DIAG_ERROR, r->file, c->line, 0,
		    _("code %s: its subject disagrees with its category %d"), id, c->category);
}

static void
check_known(const struct registry *r, const struct code *c, struct diag *d)
{
	for (size_t i = 0; i < c->nclasses; i++)
		if (registry_class(r, c->classes[i]) == NULL)
			diag_report(d, DIAG_ERROR, r->file, c->line, 0,
			    _("code %s: class %d is not defined in this registry"), c->id,
			    c->classes[i]);
	if (registry_category(r, c->category) == NULL)
		diag_report(d, DIAG_ERROR, r->file, c->line, 0,
		    _("code %s: category %d is not defined in this registry"), c->id, c->category);
}

static void
resolve_phases(const struct registry *r, struct code *c, struct diag *d)
{
	for (size_t i = 0; i < c->nphases; i++) {
		c->phases[i] = registry_phase(r, c->phase_ids[i]);
		if (c->phases[i] == NULL)
			diag_report(d, DIAG_ERROR, r->file, c->line, 0,
			    _("code %s: phase '%s' is not defined in this registry"), c->id,
			    c->phase_ids[i]);
	}
}

static void
resolve_related(const struct db *db, const struct registry *r, struct code *c, struct diag *d)
{
	for (size_t i = 0; i < c->nrelated; i++) {
		struct related *rel = &c->related[i];
		const struct registry *to = db_registry(db, rel->registry);

		rel->target = to != NULL ? registry_code(to, rel->code) : NULL;
		if (rel->target == NULL)
			diag_report(d, DIAG_ERROR, r->file, rel->line, 0,
			    _("code %s: related code %s:%s does not exist"), c->id, rel->registry,
			    rel->code);
		else if (rel->target == c)
			diag_report(d, DIAG_ERROR, r->file, rel->line, 0,
			    _("code %s: a code cannot be related to itself"), c->id);
	}
}

static void
check_duplicates(const struct registry *r, struct diag *d)
{
	for (size_t i = 1; i < r->ncodes; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->codes[i].id, r->codes[j].id) == 0) {
				diag_report(d, DIAG_ERROR, r->file, r->codes[i].line, 0,
				    _("code %s: defined twice (first at line %ld)"), r->codes[i].id,
				    r->codes[j].line);
				break;
			}
}

static void
check_registry_ids(const struct db *db, struct diag *d)
{
	for (size_t i = 1; i < db->nregs; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(db->regs[i].id, db->regs[j].id) == 0)
				diag_report(d, DIAG_ERROR, db->regs[i].file, 0, 0,
				    _("registry '%s' is also defined in %s"), db->regs[i].id,
				    db->regs[j].file);
}

int
db_check(struct db *db, struct diag *d)
{
	int before = d->errors;

	check_registry_ids(db, d);
	for (size_t i = 0; i < db->nregs; i++) {
		struct registry *r = &db->regs[i];

		check_duplicates(r, d);
		for (size_t j = 0; j < r->ncodes; j++) {
			check_digits(r, &r->codes[j], d);
			check_known(r, &r->codes[j], d);
			resolve_phases(r, &r->codes[j], d);
		}
	}
	for (size_t i = 0; i < db->nregs; i++)
		for (size_t j = 0; j < db->regs[i].ncodes; j++)
			resolve_related(db, &db->regs[i], &db->regs[i].codes[j], d);
	return d->errors - before;
}
