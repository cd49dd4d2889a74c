/* SPDX-License-Identifier: GPL-3.0-or-later */
/* langvals.c: database values in one language (see langvals.h). */
#include "langvals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbmsg.h"
#include "match.h"

/* ---- translation ---- */

static const char *
tr_get(void *arg, const char *ctxt, const char *msgid, int *fallback)
{
	const struct catalog *c = arg;
	const char *t = c ? cat_gettext(c, ctxt, msgid) : NULL;

	*fallback = c != NULL && t == NULL;
	return t ? t : msgid;
}

static const char *
tr_nget(void *arg, const char *ctxt, const char *msgid, const char *plural, unsigned long n,
    int *fallback)
{
	const struct catalog *c = arg;
	const char *t = c ? cat_ngettext(c, ctxt, msgid, n) : NULL;

	*fallback = c != NULL && t == NULL;
	return t ? t : (n == 1 ? msgid : plural);
}

static struct val *
tx_db(const struct lang_state *ls, struct arena *a, const struct registry *reg,
    const char *what, const char *field, const struct text *t)
{
	char ctxt[DBMSG_CTXT_MAX];
	int fb;
	const char *s;

	dbmsg_ctxt(ctxt, reg, what, field);
	s = tr_get((void *)ls->L->cat, ctxt, t->src, &fb);
	return val_msg(a, s, fb);
}

const char *
lang_ui(const struct lang_state *ls, const char *ctxt, const char *msgid)
{
	int fb;

	return tr_get((void *)ls->L->cat, ctxt, msgid, &fb);
}

/* ---- how much is translated ---- */

struct count {
	const struct catalog *cat;
	struct words w;
};

static void
count_msg(void *arg, const struct dbmsg *m)
{
	struct count *c = arg;
	size_t n = word_count(m->text->src);

	c->w.total += n;
	if (c->cat == NULL || cat_gettext(c->cat, m->ctxt, m->text->src) != NULL)
		c->w.done += n;
}

/* Counts only the titles of codes, for index pages. */
static void
count_title(void *arg, const struct dbmsg *m)
{
	const char *colon = strrchr(m->ctxt, ':');

	if (m->code != NULL && colon != NULL && strcmp(colon + 1, "title") == 0)
		count_msg(arg, m);
}

/* Only what the home page shows of a registry: its name and blurb. */
static void
count_home(void *arg, const struct dbmsg *m)
{
	const char *colon = strchr(m->ctxt, ':');

	if (colon != NULL && (strcmp(colon, ":name") == 0 || strcmp(colon, ":blurb") == 0))
		count_msg(arg, m);
}

unsigned
words_pct(struct words w)
{
	/* Rounded down: 100 means everything. */
	return w.total ? (unsigned)(w.done * 100 / w.total) : 100;
}

int
words_complete(struct words w)
{
	return w.done == w.total;
}

struct words
lang_pair_words(const struct lang_state *ls, const struct pair *p)
{
	struct count c = { ls->L->cat, { 0, 0 } };

	dbmsg_pair(p->a->registry, p, count_msg, &c);
	return c.w;
}

/* ---- values ---- */

static const char *
upper_ascii(struct arena *a, const char *s)
{
	char *u = (char *)arena_strdup(a, s);

	/* Man page names are ASCII; locale-independent on purpose. */
	for (char *p = u; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

static struct val *
paras_val(const struct lang_state *ls, struct arena *a, const struct registry *reg,
    const char *what, const char *field, const struct paras *ps)
{
	struct val *list = val_list(a);

	for (size_t i = 0; i < ps->n; i++) {
		struct val *m = val_map(a);

		val_set(a, m, "text", tx_db(ls, a, reg, what, field, &ps->p[i]));
		val_push(a, list, m);
	}
	return list;
}

static struct val *
outcome_val(struct lang_state *ls, const struct registry *reg, const struct outcome *o)
{
	struct val *m = val_map(ls->a);
	char what[ID_MAX + 16];

	snprintf(what, sizeof what, "outcome-%s", o->id);
	val_set(ls->a, m, "id", val_str(ls->a, o->id));
	val_set(ls->a, m, "name", tx_db(ls, ls->a, reg, what, "name", &o->name));
	val_set(ls->a, m, "text", tx_db(ls, ls->a, reg, what, "text", &o->text));
	return m;
}

static struct val *
class_val(struct lang_state *ls, const struct registry *reg, const struct rclass *k)
{
	struct val *m = val_map(ls->a);
	char what[ID_MAX + 16];

	snprintf(what, sizeof what, "class-%s", k->id);
	val_set(ls->a, m, "id", val_str(ls->a, k->id));
	val_set(ls->a, m, "name", tx_db(ls, ls->a, reg, what, "name", &k->name));
	val_set(ls->a, m, "meaning", tx_db(ls, ls->a, reg, what, "meaning", &k->meaning));
	val_set(ls->a, m, "outcome", outcome_val(ls, reg, k->outcome));
	return m;
}

static struct val *
category_val(struct lang_state *ls, const struct registry *reg, const struct category *k)
{
	struct val *m = val_map(ls->a);
	char what[ID_MAX + 16];

	if (k == NULL)
		return val_bool(ls->a, 0);
	snprintf(what, sizeof what, "category-%s", k->id);
	val_set(ls->a, m, "id", val_str(ls->a, k->id));
	val_set(ls->a, m, "name", tx_db(ls, ls->a, reg, what, "name", &k->name));
	return m;
}

/* Short form of a code, for links and lists: id, href, man, title. */
static struct val *
brief_val(struct lang_state *ls, const struct code *c)
{
	struct val *m = val_map(ls->a);
	const struct registry *reg = c->registry;

	val_set(ls->a, m, "id", val_str(ls->a, c->id));
	val_set(ls->a, m, "slug", val_str(ls->a, c->slug));
	val_set(ls->a, m, "href", val_str(ls->a, arena_printf(ls->a, "%s/%s.html", reg->id, c->slug)));
	val_set(ls->a, m, "man", val_str(ls->a, arena_printf(ls->a, "%s-%s", reg->id, c->slug)));
	val_set(ls->a, m, "title", tx_db(ls, ls->a, reg, c->id, "title", &c->title));
	/* For <title> and attributes, where no span can mark a language. */
	val_set(ls->a, m, "title_en", val_bool(ls->a, val_get(m, "title")->fallback));
	val_set(ls->a, m, "registry_id", val_str(ls->a, reg->id));
	val_set(ls->a, m, "nonstandard", val_bool(ls->a, c->status == STATUS_NONSTANDARD));
	val_set(ls->a, m, "deprecated", val_bool(ls->a, c->status == STATUS_DEPRECATED));
	return m;
}

static size_t
reg_index(const struct db *db, const struct registry *reg)
{
	return (size_t)(reg - db->regs);
}

static const struct val *
brief_of(const struct lang_state *ls, const struct code *c)
{
	size_t r = reg_index(ls->s->db, c->registry);

	return &ls->briefs[r][c - c->registry->codes];
}

const struct val *
lang_code(const struct lang_state *ls, const struct code *c)
{
	return &ls->codes[reg_index(ls->s->db, c->registry)][c - c->registry->codes];
}

const struct val *
lang_code_core(const struct lang_state *ls, const struct code *c)
{
	return &ls->cores[reg_index(ls->s->db, c->registry)][c - c->registry->codes];
}

static struct val *
refs_val(struct lang_state *ls, const struct code *c)
{
	struct val *list = val_list(ls->a);

	for (size_t i = 0; i < c->nrefs; i++) {
		struct val *m = val_map(ls->a);
		const struct ref *r = &c->refs[i];

		if (r->href != NULL) {
			val_set(ls->a, m, "rfc", val_bool(ls->a, 0));
			val_set(ls->a, m, "href", val_str(ls->a, r->href));
			val_set(ls->a, m, "title", tx_db(ls, ls->a, c->registry, c->id, "ref", &r->title));
		} else {
			val_set(ls->a, m, "rfc", val_int(ls->a, (long)r->rfc));
			val_set(ls->a, m, "href", val_bool(ls->a, 0));
		}
		val_set(ls->a, m, "section", val_str(ls->a, r->section ? r->section : ""));
		val_push(ls->a, list, m);
	}
	return list;
}

static struct val *
phases_val(struct lang_state *ls, const struct code *c)
{
	struct val *list = val_list(ls->a);
	char what[ID_MAX + 16];

	for (size_t i = 0; i < c->nphases; i++) {
		struct val *m = val_map(ls->a);

		/* Joined as the language joins an "or" list (CLDR). */
		val_set(ls->a, m, "sep", val_str(ls->a, cldr_list_sep(&ls->cldr, i, c->nphases)));
		snprintf(what, sizeof what, "phase-%s", c->phases[i]->id);
		val_set(ls->a, m, "id", val_str(ls->a, c->phases[i]->id));
		val_set(ls->a, m, "all", val_bool(ls->a, c->phases[i]->all));
		val_set(ls->a, m, "name",
		    tx_db(ls, ls->a, c->registry, what, "name", &c->phases[i]->name));
		val_push(ls->a, list, m);
	}
	return list;
}

static void
set_related(struct lang_state *ls, struct val *m, const struct code *c)
{
	struct val *same = val_list(ls->a), *other = val_list(ls->a), *all = val_list(ls->a);

	for (size_t i = 0; i < c->nrelated; i++) {
		const struct code *t = c->related[i].target;

		val_push(ls->a, t->registry == c->registry ? same : other, brief_of(ls, t));
		val_push(ls->a, all, brief_of(ls, t));
	}
	val_set(ls->a, m, "related", all);
	val_set(ls->a, m, "related_same", same);
	val_set(ls->a, m, "related_other", other);
}

/* Which codes c names as related, without their titles (for the export,
 * which links them by id). */
static struct val *
related_ids(struct lang_state *ls, const struct code *c)
{
	struct val *list = val_list(ls->a);

	for (size_t i = 0; i < c->nrelated; i++) {
		const struct code *t = c->related[i].target;
		struct val *m = val_map(ls->a);

		val_set(ls->a, m, "registry_id", val_str(ls->a, t->registry->id));
		val_set(ls->a, m, "id", val_str(ls->a, t->id));
		val_set(ls->a, m, "slug", val_str(ls->a, t->slug));
		val_push(ls->a, list, m);
	}
	return list;
}

static void
set_classes(struct lang_state *ls, struct val *m, const struct code *c)
{
	struct val *classes = val_list(ls->a);

	for (size_t i = 0; i < c->nclasses; i++)
		val_push(ls->a, classes, class_val(ls, c->registry, c->classes[i]));
	val_set(ls->a, m, "classes", classes);
	val_set(ls->a, m, "class", classes->u.list.items[0]);
	val_set(ls->a, m, "several_classes", val_bool(ls->a, c->nclasses > 1));
}

static void
add_paras(struct buf *b, const struct val *list)
{
	for (size_t i = 0; i < list->u.list.n; i++) {
		buf_puts(b, val_get(list->u.list.items[i], "text")->u.s);
		buf_putc(b, ' ');
	}
}

/* The words search finds a code by (match.h), in this language. */
static void
set_words(struct lang_state *ls, struct val *m)
{
	struct buf b = BUF_INIT;
	char *title = match_words(val_get(m, "title")->u.s, NULL), *rest;

	add_paras(&b, val_get(m, "description"));
	add_paras(&b, val_get(m, "when"));
	add_paras(&b, val_get(m, "fix"));
	buf_putc(&b, '\0');
	rest = match_words(b.data, title);
	val_set(ls->a, m, "title_words", val_str(ls->a, title));
	val_set(ls->a, m, "words", val_str(ls->a, rest));
	free(title);
	free(rest);
	buf_free(&b);
}

static struct val *
code_val(struct lang_state *ls, const struct code *c)
{
	struct val *m = brief_val(ls, c);
	const struct registry *reg = c->registry;

	val_set(ls->a, m, "man_upper", val_str(ls->a, upper_ascii(ls->a,
	    arena_printf(ls->a, "%s-%s", reg->id, c->slug))));
	set_classes(ls, m, c);
	val_set(ls->a, m, "category", category_val(ls, reg, c->category));
	val_set(ls->a, m, "outcome", outcome_val(ls, reg, c->outcome));
	val_set(ls->a, m, "phases", phases_val(ls, c));
	val_set(ls->a, m, "phase_count", val_int(ls->a, (long)c->nphases));
	val_set(ls->a, m, "description", paras_val(ls, ls->a, reg, c->id, "description",
	    &c->description));
	val_set(ls->a, m, "when", paras_val(ls, ls->a, reg, c->id, "when", &c->when));
	val_set(ls->a, m, "fix", paras_val(ls, ls->a, reg, c->id, "fix", &c->fix));
	val_set(ls->a, m, "use", tx_db(ls, ls->a, reg, c->id, "use", &c->use));
	val_set(ls->a, m, "note", c->note.src ? tx_db(ls, ls->a, reg, c->id, "note", &c->note)
	    : val_bool(ls->a, 0));
	val_set(ls->a, m, "refs", refs_val(ls, c));
	val_set(ls->a, m, "related_ids", related_ids(ls, c));
	set_words(ls, m);
	return m;
}

/* Links to the comparisons of c with the other codes of its registry;
 * a pair's page is named lower-first, as the registry orders them.
 * Made per page: a registry that compares every pair would otherwise
 * keep n * n links per language. */
struct val *
lang_compares(const struct lang_state *ls, struct arena *a, const struct code *c)
{
	const struct registry *reg = c->registry;
	struct val *list = val_list(a);

	for (size_t i = 0; i < reg->ncodes; i++) {
		const struct code *o = &reg->codes[i];
		const struct code *lo = o < c ? o : c, *hi = o < c ? c : o;
		struct val *m;

		if (!registry_compares(reg, c, o))
			continue;
		m = val_map(a);
		val_set(a, m, "other", brief_of(ls, o));
		val_set(a, m, "href", val_str(a, arena_printf(a, "%s/%s-vs-%s.html",
		    reg->id, lo->slug, hi->slug)));
		val_set(a, m, "notes", val_bool(a, registry_pair(reg, c, o) != NULL));
		val_push(a, list, m);
	}
	return list;
}

struct val *
lang_pair(const struct lang_state *ls, struct arena *a, const struct pair *p)
{
	struct val *m = val_map(a);
	const struct registry *reg = p->a->registry;
	const char *what = arena_printf(a, "%s/%s", p->a->id, p->b->id);

	val_set(a, m, "differences", paras_val(ls, a, reg, what, "differences", &p->differences));
	val_set(a, m, "choose", paras_val(ls, a, reg, what, "choose", &p->choose));
	return m;
}

static struct val *
groups_val(struct lang_state *ls, const struct registry *reg, size_t r)
{
	struct val *groups = val_list(ls->a);

	for (size_t k = 0; k < reg->nclasses; k++) {
		struct val *g = val_map(ls->a), *codes = val_list(ls->a);
		const struct rclass *cls = &reg->classes[k];

		/* A code used in several classes is listed under its first. */
		for (size_t i = 0; i < reg->ncodes; i++)
			if (reg->codes[i].classes[0] == cls)
				val_push(ls->a, codes, &ls->briefs[r][i]);
		if (codes->u.list.n == 0)
			continue;
		val_set(ls->a, g, "class", class_val(ls, reg, cls));
		val_set(ls->a, g, "codes", codes);
		val_push(ls->a, groups, g);
	}
	return groups;
}

/* What every page of a registry shows of it. */
static struct val *
head_val(struct lang_state *ls, const struct registry *reg)
{
	struct val *m = val_map(ls->a);

	val_set(ls->a, m, "id", val_str(ls->a, reg->id));
	val_set(ls->a, m, "name", tx_db(ls, ls->a, reg, NULL, "name", &reg->name));
	val_set(ls->a, m, "short", tx_db(ls, ls->a, reg, NULL, "short", &reg->short_name));
	val_set(ls->a, m, "blurb", tx_db(ls, ls->a, reg, NULL, "blurb", &reg->blurb));
	val_set(ls->a, m, "name_en", val_bool(ls->a, val_get(m, "name")->fallback));
	val_set(ls->a, m, "blurb_en", val_bool(ls->a, val_get(m, "blurb")->fallback));
	val_set(ls->a, m, "href", val_str(ls->a, arena_printf(ls->a, "%s/index.html", reg->id)));
	val_set(ls->a, m, "man", val_str(ls->a, reg->id));
	val_set(ls->a, m, "man_upper", val_str(ls->a, upper_ascii(ls->a, reg->id)));
	val_set(ls->a, m, "count", val_int(ls->a, (long)reg->ncodes));
	val_set(ls->a, m, "compare", val_bool(ls->a, registry_compare_count(reg) > 0));
	return m;
}

/* The registry's index: its head, its introduction and every code. */
static struct val *
registry_val(struct lang_state *ls, const struct registry *reg, size_t r)
{
	struct val *m = val_clone(ls->a, ls->heads[r]), *codes = val_list(ls->a);

	val_set(ls->a, m, "intro", paras_val(ls, ls->a, reg, NULL, "intro", &reg->intro));
	for (size_t i = 0; i < reg->ncodes; i++)
		val_push(ls->a, codes, &ls->briefs[r][i]);
	val_set(ls->a, m, "codes", codes);
	val_set(ls->a, m, "groups", groups_val(ls, reg, r));
	return m;
}

static void
lang_alloc(struct lang_state *ls, size_t nregs)
{
	ls->codes = xcalloc(nregs, sizeof *ls->codes);
	ls->cores = xcalloc(nregs, sizeof *ls->cores);
	ls->heads = xcalloc(nregs, sizeof *ls->heads);
	ls->briefs = xcalloc(nregs, sizeof *ls->briefs);
	ls->regs = xcalloc(nregs, sizeof *ls->regs);
	ls->code_words = xcalloc(nregs, sizeof *ls->code_words);
	ls->reg_words = xcalloc(nregs, sizeof *ls->reg_words);
	ls->head_words = xcalloc(nregs, sizeof *ls->head_words);
	ls->home_words = xcalloc(nregs, sizeof *ls->home_words);
}

static void
lang_counts(struct lang_state *ls, const struct registry *reg, size_t r)
{
	struct count rc = { ls->L->cat, { 0, 0 } };

	ls->code_words[r] = xcalloc(reg->ncodes ? reg->ncodes : 1, sizeof **ls->code_words);
	for (size_t i = 0; i < reg->ncodes; i++) {
		struct count c = { ls->L->cat, { 0, 0 } };

		dbmsg_code(&reg->codes[i], count_msg, &c);
		ls->code_words[r][i] = c.w;
	}
	dbmsg_registry_head(reg, count_msg, &rc);
	ls->head_words[r] = rc.w;
	rc.w.done = rc.w.total = 0;
	dbmsg_registry_head(reg, count_home, &rc);
	ls->home_words[r] = rc.w;
	rc.w = ls->head_words[r];
	for (size_t i = 0; i < reg->ncodes; i++)
		dbmsg_code(&reg->codes[i], count_title, &rc);
	ls->reg_words[r] = rc.w;
}

/* ---- what a page's rendering depends on ---- */

struct ui_hash {
	const struct catalog *cat;
	unsigned long long h;
};

#define PLURAL_PROBE 200 /* counts whose plural forms are hashed */

static void
hash_ui(void *arg, const struct tmpl_msg *m)
{
	struct ui_hash *x = arg;

	x->h = hash_str(hash_str(x->h, m->ctxt), m->msgid);
	if (m->plural == NULL) {
		x->h = hash_str(x->h, cat_gettext(x->cat, m->ctxt, m->msgid));
		return;
	}
	for (unsigned long n = 0; n < PLURAL_PROBE; n++)
		x->h = hash_str(x->h, cat_ngettext(x->cat, m->ctxt, m->msgid, n));
}

/* The translations the templates ask for, and the plural rule: a change
 * there may change every page of the language. */
static unsigned long long
ui_digest(const struct lang_state *ls)
{
	struct ui_hash x = { ls->L->cat, hash_str(HASH_INIT, ls->L->code) };

	if (x.cat == NULL)
		return x.h;
	tmpl_set_messages(ls->s->tmpls, hash_ui, &x);
	for (unsigned long n = 0; n < 1000; n++)
		x.h = hash_u64(x.h, cat_plural_index(x.cat, n));
	return x.h;
}

static void
seal_all(struct lang_state *ls, const struct db *db)
{
	val_seal((struct val *)ls->lang);
	for (size_t r = 0; r < db->nregs; r++) {
		for (size_t i = 0; i < db->regs[r].ncodes; i++) {
			val_seal(&ls->briefs[r][i]);
			val_seal(&ls->cores[r][i]);
			val_seal(&ls->codes[r][i]);
		}
		val_seal(ls->heads[r]);
		val_seal(ls->regs[r]);
	}
}

void
lang_prepare(struct lang_state *ls, const struct site *s, size_t li)
{
	const struct db *db = s->db;
	struct val *lang;

	memset(ls, 0, sizeof *ls);
	ls->s = s;
	ls->L = &s->langs[li];
	ls->a = arena_new();
	ls->tr.get = tr_get;
	ls->tr.nget = tr_nget;
	ls->tr.arg = (void *)ls->L->cat;
	/* ICU's root forms when it fails: a build still goes on. */
	(void)cldr_load(&ls->cldr, ls->L->code, s->date);
	/* The direction is the translators' word, as in GTK's "default:LTR". */
	ls->dir = strcmp(lang_ui(ls, "language-direction", "ltr"), "rtl") == 0 ? "rtl" : "ltr";
	lang = val_map(ls->a);
	val_set(ls->a, lang, "code", val_str(ls->a, ls->L->code));
	val_set(ls->a, lang, "dir", val_str(ls->a, ls->dir));
	val_set(ls->a, lang, "name", val_str(ls->a, lang_ui(ls, "language", "English")));
	val_set(ls->a, lang, "source", val_bool(ls->a, ls->L->cat == NULL));
	ls->lang = lang;
	lang_alloc(ls, db->nregs);
	for (size_t r = 0; r < db->nregs; r++) {
		const struct registry *reg = &db->regs[r];

		ls->briefs[r] = arena_alloc(ls->a, (reg->ncodes ? reg->ncodes : 1) * sizeof(struct val));
		ls->codes[r] = arena_alloc(ls->a, (reg->ncodes ? reg->ncodes : 1) * sizeof(struct val));
		ls->cores[r] = arena_alloc(ls->a, (reg->ncodes ? reg->ncodes : 1) * sizeof(struct val));
		for (size_t i = 0; i < reg->ncodes; i++)
			ls->briefs[r][i] = *brief_val(ls, &reg->codes[i]);
		lang_counts(ls, reg, r);
	}
	for (size_t r = 0; r < db->nregs; r++) {
		ls->heads[r] = head_val(ls, &db->regs[r]);
		for (size_t i = 0; i < db->regs[r].ncodes; i++) {
			const struct code *c = &db->regs[r].codes[i];

			ls->cores[r][i] = *code_val(ls, c);
			ls->codes[r][i] = *val_clone(ls->a, &ls->cores[r][i]);
			set_related(ls, &ls->codes[r][i], c);
		}
		ls->regs[r] = registry_val(ls, &db->regs[r], r);
	}
	seal_all(ls, db);
	ls->ui_digest = ui_digest(ls);
}

void
lang_release(struct lang_state *ls, size_t nregs)
{
	for (size_t r = 0; r < nregs; r++)
		free(ls->code_words[r]);
	free(ls->code_words);
	free(ls->reg_words);
	free(ls->head_words);
	free(ls->home_words);
	free(ls->codes);
	free(ls->cores);
	free(ls->heads);
	free(ls->briefs);
	free(ls->regs);
	cldr_free(&ls->cldr);
	arena_free(ls->a);
}
