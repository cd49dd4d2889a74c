/* SPDX-License-Identifier: GPL-3.0-or-later */
/* validate.c: semantic checks and reference resolution for the model.
 * Everything that later becomes part of a file name or a link is checked
 * here in C, whatever schema the data was validated against. */
#include "validate.h"

#include <stdlib.h>
#include <string.h>

#include "nls.h"

#define ERR(r, line, ...) diag_report(d, DIAG_ERROR, (r)->file, (line), 0, __VA_ARGS__)

static int
has_class(const struct code *c, const char *id, size_t len)
{
	for (size_t i = 0; i < c->nclasses; i++)
		if (strlen(c->class_ids[i]) == len && strncmp(c->class_ids[i], id, len) == 0)
			return 1;
	return 0;
}

static int
char_is(const char *id, size_t at, const char *what)
{
	return what != NULL && strlen(what) == 1 && strlen(id) > at && id[at] == what[0];
}

/* "451": first digit the class, second the category (digits="class
 * category"); "404": first digit the class (digits="class"). */
static void
check_plain_digits(const struct registry *r, const struct code *c, struct diag *d)
{
	if (c->nclasses != 1 || !char_is(c->id, 0, c->class_ids[0]))
		ERR(r, c->line, _("code %s: its first character disagrees with its class"), c->id);
	if (r->digits == DIGITS_CLASS_CATEGORY && !char_is(c->id, 1, c->category_id))
		ERR(r, c->line, _("code %s: its second character disagrees with its category"), c->id);
}

/* "5.1.1" or "X.1.1": the first field is a class of the code (X: any of
 * them), the second its category. */
static void
check_dotted(const struct registry *r, const struct code *c, struct diag *d)
{
	const char *dot1 = strchr(c->id, '.'), *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	size_t len1 = dot1 ? (size_t)(dot1 - c->id) : 0;

	if (dot2 == NULL) {
		ERR(r, c->line, _("code %s: expected class.category.detail"), c->id);
		return;
	}
	if (!(len1 == 1 && c->id[0] == 'X') && !has_class(c, c->id, len1))
		ERR(r, c->line, _("code %s: its first field disagrees with its class"), c->id);
	if (c->category_id == NULL || strlen(c->category_id) != (size_t)(dot2 - dot1 - 1)
	    || strncmp(dot1 + 1, c->category_id, strlen(c->category_id)) != 0)
		ERR(r, c->line, _("code %s: its second field disagrees with its category"), c->id);
}

static void
resolve_code_head(const struct registry *r, struct code *c, struct diag *d)
{
	for (size_t i = 0; i < c->nclasses; i++)
		if ((c->classes[i] = registry_class(r, c->class_ids[i])) == NULL)
			ERR(r, c->line, _("code %s: class '%s' is not defined in this registry"), c->id,
			    c->class_ids[i]);
	if (c->category_id != NULL
	    && (c->category = registry_category(r, c->category_id)) == NULL)
		ERR(r, c->line, _("code %s: category '%s' is not defined in this registry"), c->id,
		    c->category_id);
	if (c->outcome_id != NULL) {
		if ((c->outcome = registry_outcome(r, c->outcome_id)) == NULL)
			ERR(r, c->line, _("code %s: outcome '%s' is not defined in this registry"), c->id,
			    c->outcome_id);
	} else if (c->nclasses > 0 && c->classes[0] != NULL)
		c->outcome = c->classes[0]->outcome;
	for (size_t i = 0; i < c->nphases; i++)
		if ((c->phases[i] = registry_phase(r, c->phase_ids[i])) == NULL)
			ERR(r, c->line, _("code %s: phase '%s' is not defined in this registry"), c->id,
			    c->phase_ids[i]);
}

/* An address becomes an href: only http(s), nothing that could leave the
 * attribute or start another scheme. */
static int
href_ok(const char *h)
{
	if (strncmp(h, "https://", 8) != 0 && strncmp(h, "http://", 7) != 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)h; *p; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("\"'<>\\`", *p))
			return 0;
	return 1;
}

static void
check_refs(const struct registry *r, const struct code *c, struct diag *d)
{
	for (size_t i = 0; i < c->nrefs; i++)
		if (c->refs[i].href != NULL && !href_ok(c->refs[i].href))
			ERR(r, c->line, _("code %s: reference '%s' is not an http or https address"),
			    c->id, c->refs[i].href);
	if (c->nrefs == 0 && (c->status != STATUS_NONSTANDARD || c->note.src == NULL))
		ERR(r, c->line,
		    _("code %s: a code without references must be nonstandard and have a note"), c->id);
}

static void
check_code(struct registry *r, struct code *c, struct diag *d)
{
	if (!code_id_ok(c->id)) {
		ERR(r, c->line, _("code '%s': an id is 1 to %d letters, digits, '.', '_' or '-', "
		    "starting with a letter or digit"), c->id, ID_MAX);
		return;
	}
	if (c->nclasses == 0)
		ERR(r, c->line, _("code %s: it has no class"), c->id);
	resolve_code_head(r, c, d);
	if (r->digits == DIGITS_CLASS || r->digits == DIGITS_CLASS_CATEGORY)
		check_plain_digits(r, c, d);
	else if (r->digits == DIGITS_DOTTED)
		check_dotted(r, c, d);
	check_refs(r, c, d);
}

static void
resolve_related(const struct db *db, const struct registry *r, struct code *c, struct diag *d)
{
	for (size_t i = 0; i < c->nrelated; i++) {
		struct related *rel = &c->related[i];
		const struct registry *to = db_registry(db, rel->registry);

		rel->target = to != NULL ? registry_code(to, rel->code) : NULL;
		if (rel->target == NULL)
			ERR(r, rel->line, _("code %s: related code %s:%s does not exist"), c->id,
			    rel->registry, rel->code);
		else if (rel->target == c)
			ERR(r, rel->line, _("code %s: a code cannot be related to itself"), c->id);
	}
}

/* Two ids that differ only in case would share a file name. */
static void
check_duplicates(const struct registry *r, struct diag *d)
{
	for (size_t i = 1; i < r->ncodes; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->codes[i].slug, r->codes[j].slug) == 0) {
				ERR(r, r->codes[i].line, _("code %s: defined twice (first at line %ld)"),
				    r->codes[i].id, r->codes[j].line);
				break;
			}
}

/* Ids of the registry's own vocabulary: each kind checked for form and
 * uniqueness, with its name for the message. */
static void
check_idents(const struct registry *r, const char *kind, const char *const *ids,
    const long *lines, size_t n, struct diag *d)
{
	for (size_t i = 0; i < n; i++) {
		if (!ident_ok(ids[i]))
			ERR(r, lines[i], _("%s '%s': an id is 1 to %d lower-case letters, digits or '-'"), kind,
			    ids[i], ID_MAX);
		for (size_t j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				ERR(r, lines[i], _("%s '%s' is defined twice"), kind, ids[i]);
	}
}

/* The element's line is that of its <name>, its first child. */
#define IDS(arr, n, kind) \
	do { \
		ids = xrealloc(ids, (n) ? (n) : 1, sizeof *ids); \
		lines = xrealloc(lines, (n) ? (n) : 1, sizeof *lines); \
		for (size_t i_ = 0; i_ < (n); i_++) { \
			ids[i_] = (arr)[i_].id; \
			lines[i_] = (arr)[i_].name.pos.line; \
		} \
		check_idents(r, kind, ids, lines, n, d); \
	} while (0)

static void
check_head(struct registry *r, struct diag *d)
{
	const char **ids = NULL;
	long *lines = NULL;

	IDS(r->outcomes, r->noutcomes, "outcome");
	IDS(r->classes, r->nclasses, "class");
	IDS(r->categories, r->ncategories, "category");
	IDS(r->phases, r->nphases, "phase");
	free(ids);
	free(lines);
	for (size_t i = 0; i < r->nclasses; i++)
		if ((r->classes[i].outcome = registry_outcome(r, r->classes[i].outcome_id)) == NULL)
			ERR(r, r->classes[i].name.pos.line, _("class '%s': outcome '%s' is not defined in this registry"),
			    r->classes[i].id, r->classes[i].outcome_id);
}

static void
check_pairs(struct registry *r, struct diag *d)
{
	if (r->npairs > 0 && r->compare == COMPARE_NONE)
		ERR(r, r->pairs[0].line, "%s",
		    _("pairs need compare=\"pairs\" or compare=\"listed\" on the registry"));
	for (size_t i = 0; i < r->npairs; i++) {
		struct pair *p = &r->pairs[i];
		const struct code *a = registry_code(r, p->a_id), *b = registry_code(r, p->b_id);

		if (a == NULL || b == NULL || a == b) {
			ERR(r, p->line, _("pair %s/%s: needs two different codes of this registry"),
			    p->a_id, p->b_id);
			continue;
		}
		/* Registry order, as the page's name has it. */
		p->a = a < b ? a : b;
		p->b = a < b ? b : a;
		for (size_t j = 0; j < i; j++)
			if (r->pairs[j].a == p->a && r->pairs[j].b == p->b)
				ERR(r, p->line, _("pair %s/%s: listed twice (first at line %ld)"), p->a_id,
				    p->b_id, r->pairs[j].line);
	}
}

static void
check_registry_ids(const struct db *db, struct diag *d)
{
	for (size_t i = 0; i < db->nregs; i++) {
		if (!ident_ok(db->regs[i].id))
			diag_report(d, DIAG_ERROR, db->regs[i].file, 0, 0,
			    _("registry '%s': an id is 1 to %d lower-case letters, digits or '-'"),
			    db->regs[i].id, ID_MAX);
		for (size_t j = 0; j < i; j++)
			if (strcmp(db->regs[i].id, db->regs[j].id) == 0)
				diag_report(d, DIAG_ERROR, db->regs[i].file, 0, 0,
				    _("registry '%s' is also defined in %s"), db->regs[i].id,
				    db->regs[j].file);
	}
}

int
db_check(struct db *db, struct diag *d)
{
	int before = d->errors;

	check_registry_ids(db, d);
	for (size_t i = 0; i < db->nregs; i++) {
		struct registry *r = &db->regs[i];

		check_head(r, d);
		check_duplicates(r, d);
		for (size_t j = 0; j < r->ncodes; j++)
			check_code(r, &r->codes[j], d);
		check_pairs(r, d);
	}
	if (d->errors != before)
		return d->errors - before;
	for (size_t i = 0; i < db->nregs; i++)
		for (size_t j = 0; j < db->regs[i].ncodes; j++)
			resolve_related(db, &db->regs[i], &db->regs[i].codes[j], d);
	return d->errors - before;
}
