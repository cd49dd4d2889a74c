/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site.c: page list, page values and rendering (see site.h). */
#include "site.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "dbmsg.h"
#include "nls.h"
#include "value.h"

enum page_kind { P_CHOOSER, P_CSS, P_SITEMAP, P_HOME, P_REGISTRY, P_CODE, P_COMPARE, P_MAN_REG, P_MAN_CODE };

struct job {
	enum page_kind kind;
	size_t lang;
	const struct registry *reg;
	const struct code *a, *b;
};

/* Everything known about one language before its pages are rendered:
 * read-only while the render threads run. */
struct lang_state {
	const struct site *s;
	const struct site_lang *L;
	struct translator tr;
	struct arena *a;
	const char *dir;            /* "ltr" or "rtl" */
	const struct val *lang;     /* {code, dir, name} */
	struct val **codes;         /* per registry: code values, by code index */
	struct val **briefs;
	struct val **regs;
	int **complete;             /* per registry, per code: content translated */
	int *reg_complete;          /* index: registry texts and code titles */
	unsigned *reg_pct;
	int *head_complete;         /* registry texts alone (home page) */
	unsigned *head_pct;
	unsigned **code_pct;
};

struct build {
	const struct site *s;
	struct lang_state *ls;
	struct job *jobs;
	size_t njobs;
	struct page_out *pages;
	size_t next, done;
	int failed;
	pthread_mutex_t lock;
	struct diag *d;
};

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
tx_db(struct lang_state *ls, const struct registry *reg, const char *what, const char *field,
    const struct text *t)
{
	char ctxt[256];
	int fb;
	const char *s;

	dbmsg_ctxt(ctxt, sizeof ctxt, reg, what, field);
	s = tr_get((void *)ls->L->cat, ctxt, t->src, &fb);
	return val_text(ls->a, s, fb);
}

static const char *
tx_ui(struct lang_state *ls, const char *ctxt, const char *msgid)
{
	int fb;

	return tr_get((void *)ls->L->cat, ctxt, msgid, &fb);
}

struct count {
	const struct catalog *cat;
	size_t total, done;
};

static void
count_msg(void *arg, const struct dbmsg *m)
{
	struct count *c = arg;

	c->total++;
	if (c->cat == NULL || cat_gettext(c->cat, m->ctxt, m->text->src) != NULL)
		c->done++;
}

/* Counts only the titles of codes, for index pages. */
static void
count_title(void *arg, const struct dbmsg *m)
{
	if (m->code != NULL && strcmp(strrchr(m->ctxt, ':') + 1, "title") == 0)
		count_msg(arg, m);
}

static unsigned
pct(const struct count *c)
{
	return c->total ? (unsigned)(c->done * 100 / c->total) : 100;
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
paras_val(struct lang_state *ls, const struct code *c, const char *field,
    const struct paras *ps)
{
	struct val *list = val_list(ls->a);

	for (size_t i = 0; i < ps->n; i++) {
		struct val *m = val_map(ls->a);

		val_set(ls->a, m, "text", tx_db(ls, c->registry, c->id, field, &ps->p[i]));
		val_push(ls->a, list, m);
	}
	return list;
}

static struct val *
class_val(struct lang_state *ls, const struct registry *reg, int digit)
{
	const struct rclass *k = registry_class(reg, digit);
	struct val *m = val_map(ls->a);
	char what[32];

	snprintf(what, sizeof what, "class-%d", digit);
	val_set(ls->a, m, "digit", val_int(ls->a, digit));
	val_set(ls->a, m, "name", tx_db(ls, reg, what, "name", &k->name));
	val_set(ls->a, m, "meaning", tx_db(ls, reg, what, "meaning", &k->meaning));
	return m;
}

static struct val *
retry_val(struct lang_state *ls, enum retry r)
{
	static const char *const keys[] = { "none", "continue", "later", "never" };
	struct val *m = val_map(ls->a);

	for (size_t i = 0; i < 4; i++)
		val_set(ls->a, m, keys[i], val_bool(ls->a, (size_t)r == i));
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
	val_set(ls->a, m, "title", tx_db(ls, reg, c->id, "title", &c->title));
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
brief_of(struct lang_state *ls, const struct code *c)
{
	size_t r = reg_index(ls->s->db, c->registry);

	return &ls->briefs[r][c - c->registry->codes];
}

static struct val *
refs_val(struct lang_state *ls, const struct code *c)
{
	struct val *list = val_list(ls->a);

	for (size_t i = 0; i < c->nrefs; i++) {
		struct val *m = val_map(ls->a);
		const struct ref *r = &c->refs[i];

		val_set(ls->a, m, "rfc", val_int(ls->a, (long)r->rfc));
		val_set(ls->a, m, "section", val_str(ls->a, r->section ? r->section : ""));
		val_push(ls->a, list, m);
	}
	return list;
}

static struct val *
phases_val(struct lang_state *ls, const struct code *c)
{
	struct val *list = val_list(ls->a);
	char what[80];

	for (size_t i = 0; i < c->nphases; i++) {
		struct val *m = val_map(ls->a);

		snprintf(what, sizeof what, "phase-%s", c->phases[i]->id);
		val_set(ls->a, m, "id", val_str(ls->a, c->phases[i]->id));
		val_set(ls->a, m, "name", tx_db(ls, c->registry, what, "name", &c->phases[i]->name));
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

/* Links to the comparison of c with every other code of its registry;
 * a pair's page is named lower-first, as the registry orders them. */
static struct val *
compares_val(struct lang_state *ls, const struct code *c)
{
	const struct registry *reg = c->registry;
	struct val *list = val_list(ls->a);

	if (!reg->compare)
		return list;
	for (size_t i = 0; i < reg->ncodes; i++) {
		const struct code *o = &reg->codes[i];
		const struct code *lo = o < c ? o : c, *hi = o < c ? c : o;
		struct val *m;

		if (o == c)
			continue;
		m = val_map(ls->a);
		val_set(ls->a, m, "other", brief_of(ls, o));
		val_set(ls->a, m, "href", val_str(ls->a, arena_printf(ls->a, "%s/%s-vs-%s.html",
		    reg->id, lo->slug, hi->slug)));
		val_push(ls->a, list, m);
	}
	return list;
}

static struct val *
code_val(struct lang_state *ls, const struct code *c)
{
	struct val *m = brief_val(ls, c), *classes = val_list(ls->a);
	const struct registry *reg = c->registry;
	const struct category *cat = registry_category(reg, c->category);
	struct val *catv = val_map(ls->a);
	char what[32];

	val_set(ls->a, m, "man_upper", val_str(ls->a, upper_ascii(ls->a,
	    arena_printf(ls->a, "%s-%s", reg->id, c->slug))));
	for (size_t i = 0; i < c->nclasses; i++)
		val_push(ls->a, classes, class_val(ls, reg, c->classes[i]));
	val_set(ls->a, m, "classes", classes);
	val_set(ls->a, m, "class", classes->u.list.items[0]);
	val_set(ls->a, m, "several_classes", val_bool(ls->a, c->nclasses > 1));
	snprintf(what, sizeof what, "category-%d", c->category);
	val_set(ls->a, catv, "digit", val_int(ls->a, c->category));
	val_set(ls->a, catv, "name", tx_db(ls, reg, what, "name", &cat->name));
	val_set(ls->a, m, "category", catv);
	val_set(ls->a, m, "retry", retry_val(ls, code_retry(c)));
	val_set(ls->a, m, "phases", phases_val(ls, c));
	val_set(ls->a, m, "description", paras_val(ls, c, "description", &c->description));
	val_set(ls->a, m, "when", paras_val(ls, c, "when", &c->when));
	val_set(ls->a, m, "fix", paras_val(ls, c, "fix", &c->fix));
	val_set(ls->a, m, "use", tx_db(ls, reg, c->id, "use", &c->use));
	val_set(ls->a, m, "refs", refs_val(ls, c));
	val_set(ls->a, m, "compares", compares_val(ls, c));
	set_related(ls, m, c);
	return m;
}

static struct val *
groups_val(struct lang_state *ls, const struct registry *reg, size_t r)
{
	struct val *groups = val_list(ls->a);

	for (size_t k = 0; k < reg->nclasses; k++) {
		struct val *g = val_map(ls->a), *codes = val_list(ls->a);
		int digit = reg->classes[k].digit;

		/* A code used in several classes is listed under its first. */
		for (size_t i = 0; i < reg->ncodes; i++)
			if (reg->codes[i].classes[0] == digit)
				val_push(ls->a, codes, &ls->briefs[r][i]);
		if (codes->u.list.n == 0)
			continue;
		val_set(ls->a, g, "class", class_val(ls, reg, digit));
		val_set(ls->a, g, "codes", codes);
		val_push(ls->a, groups, g);
	}
	return groups;
}

static struct val *
registry_val(struct lang_state *ls, const struct registry *reg, size_t r)
{
	struct val *m = val_map(ls->a), *intro = val_list(ls->a), *codes = val_list(ls->a);

	val_set(ls->a, m, "id", val_str(ls->a, reg->id));
	val_set(ls->a, m, "name", tx_db(ls, reg, NULL, "name", &reg->name));
	val_set(ls->a, m, "short", tx_db(ls, reg, NULL, "short", &reg->short_name));
	for (size_t i = 0; i < reg->intro.n; i++) {
		struct val *p = val_map(ls->a);

		val_set(ls->a, p, "text", tx_db(ls, reg, NULL, "intro", &reg->intro.p[i]));
		val_push(ls->a, intro, p);
	}
	val_set(ls->a, m, "intro", intro);
	val_set(ls->a, m, "href", val_str(ls->a, arena_printf(ls->a, "%s/index.html", reg->id)));
	val_set(ls->a, m, "man", val_str(ls->a, reg->id));
	val_set(ls->a, m, "man_upper", val_str(ls->a, upper_ascii(ls->a, reg->id)));
	for (size_t i = 0; i < reg->ncodes; i++)
		val_push(ls->a, codes, &ls->briefs[r][i]);
	val_set(ls->a, m, "codes", codes);
	val_set(ls->a, m, "count", val_int(ls->a, (long)reg->ncodes));
	val_set(ls->a, m, "groups", groups_val(ls, reg, r));
	val_set(ls->a, m, "compare", val_bool(ls->a, reg->compare));
	return m;
}

static void
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
	/* The direction is the translators' word, as in GTK's "default:LTR". */
	ls->dir = strcmp(tx_ui(ls, "language-direction", "ltr"), "rtl") == 0 ? "rtl" : "ltr";
	lang = val_map(ls->a);
	val_set(ls->a, lang, "code", val_str(ls->a, ls->L->code));
	val_set(ls->a, lang, "dir", val_str(ls->a, ls->dir));
	val_set(ls->a, lang, "name", val_str(ls->a, tx_ui(ls, "language", "English")));
	val_set(ls->a, lang, "source", val_bool(ls->a, ls->L->cat == NULL));
	ls->lang = lang;
	ls->codes = xcalloc(db->nregs, sizeof *ls->codes);
	ls->briefs = xcalloc(db->nregs, sizeof *ls->briefs);
	ls->regs = xcalloc(db->nregs, sizeof *ls->regs);
	ls->complete = xcalloc(db->nregs, sizeof *ls->complete);
	ls->code_pct = xcalloc(db->nregs, sizeof *ls->code_pct);
	ls->reg_complete = xcalloc(db->nregs, sizeof *ls->reg_complete);
	ls->reg_pct = xcalloc(db->nregs, sizeof *ls->reg_pct);
	ls->head_complete = xcalloc(db->nregs, sizeof *ls->head_complete);
	ls->head_pct = xcalloc(db->nregs, sizeof *ls->head_pct);
	for (size_t r = 0; r < db->nregs; r++) {
		const struct registry *reg = &db->regs[r];
		struct count rc = { ls->L->cat, 0, 0 };

		ls->briefs[r] = arena_alloc(ls->a, reg->ncodes * sizeof(struct val));
		ls->codes[r] = arena_alloc(ls->a, reg->ncodes * sizeof(struct val));
		ls->complete[r] = xcalloc(reg->ncodes, sizeof(int));
		ls->code_pct[r] = xcalloc(reg->ncodes, sizeof(unsigned));
		for (size_t i = 0; i < reg->ncodes; i++)
			ls->briefs[r][i] = *brief_val(ls, &reg->codes[i]);
		for (size_t i = 0; i < reg->ncodes; i++) {
			struct count c = { ls->L->cat, 0, 0 };

			dbmsg_code(&reg->codes[i], count_msg, &c);
			ls->code_pct[r][i] = pct(&c);
			ls->complete[r][i] = c.done == c.total;
		}
		dbmsg_registry_head(reg, count_msg, &rc);
		ls->head_pct[r] = pct(&rc);
		ls->head_complete[r] = rc.done == rc.total;
		dbmsg_registry(reg, count_title, &rc);
		ls->reg_pct[r] = pct(&rc);
		ls->reg_complete[r] = rc.done == rc.total;
	}
	for (size_t r = 0; r < db->nregs; r++) {
		for (size_t i = 0; i < db->regs[r].ncodes; i++)
			ls->codes[r][i] = *code_val(ls, &db->regs[r].codes[i]);
		ls->regs[r] = registry_val(ls, &db->regs[r], r);
	}
}

static void
lang_release(struct lang_state *ls, size_t nregs)
{
	for (size_t r = 0; r < nregs; r++) {
		free(ls->complete[r]);
		free(ls->code_pct[r]);
	}
	free(ls->complete);
	free(ls->code_pct);
	free(ls->reg_complete);
	free(ls->reg_pct);
	free(ls->head_complete);
	free(ls->head_pct);
	free(ls->codes);
	free(ls->briefs);
	free(ls->regs);
	arena_free(ls->a);
}

/* ---- pages ---- */

static void
add_job(struct build *b, enum page_kind k, size_t lang, const struct registry *reg,
    const struct code *a, const struct code *c2)
{
	struct job *j;

	b->jobs = xrealloc(b->jobs, b->njobs + 1, sizeof *b->jobs);
	j = &b->jobs[b->njobs++];
	j->kind = k;
	j->lang = lang;
	j->reg = reg;
	j->a = a;
	j->b = c2;
}

static int
code_complete(const struct build *b, size_t lang, const struct code *c)
{
	const struct db *db = b->s->db;

	return b->ls[lang].complete[reg_index(db, c->registry)][c - c->registry->codes];
}

static void
plan_html(struct build *b, size_t li)
{
	const struct db *db = b->s->db;

	add_job(b, P_HOME, li, NULL, NULL, NULL);
	for (size_t r = 0; r < db->nregs; r++) {
		const struct registry *reg = &db->regs[r];

		add_job(b, P_REGISTRY, li, reg, NULL, NULL);
		for (size_t i = 0; i < reg->ncodes; i++)
			add_job(b, P_CODE, li, reg, &reg->codes[i], NULL);
		if (!reg->compare)
			continue;
		for (size_t i = 0; i < reg->ncodes; i++)
			for (size_t j = i + 1; j < reg->ncodes; j++)
				add_job(b, P_COMPARE, li, reg, &reg->codes[i], &reg->codes[j]);
	}
}

/* A language other than the source gets a man page only for what its
 * catalog translates: man -L then falls back to English by itself. */
static void
plan_man(struct build *b, size_t li)
{
	const struct db *db = b->s->db;
	int src = li == 0;

	for (size_t r = 0; r < db->nregs; r++) {
		const struct registry *reg = &db->regs[r];

		if (src || b->ls[li].reg_complete[r])
			add_job(b, P_MAN_REG, li, reg, NULL, NULL);
		for (size_t i = 0; i < reg->ncodes; i++)
			if (src || code_complete(b, li, &reg->codes[i]))
				add_job(b, P_MAN_CODE, li, reg, &reg->codes[i], NULL);
	}
}

static void
plan(struct build *b)
{
	const struct site *s = b->s;

	if (s->formats & SITE_HTML) {
		add_job(b, P_CHOOSER, 0, NULL, NULL, NULL);
		add_job(b, P_CSS, 0, NULL, NULL, NULL);
	}
	/* A sitemap needs absolute addresses: only with --base-url. */
	if ((s->formats & SITE_HTML) && s->base_url != NULL)
		add_job(b, P_SITEMAP, 0, NULL, NULL, NULL);
	for (size_t li = 0; li < s->nlangs; li++) {
		if (s->formats & SITE_HTML)
			plan_html(b, li);
		if (s->formats & SITE_MAN)
			plan_man(b, li);
	}
}

/* Page path relative to the language root (HTML) or output root (man). */
static const char *
page_path(struct arena *a, const struct job *j)
{
	switch (j->kind) {
	case P_HOME: return "index.html";
	case P_REGISTRY: return arena_printf(a, "%s/index.html", j->reg->id);
	case P_CODE: return arena_printf(a, "%s/%s.html", j->reg->id, j->a->slug);
	case P_COMPARE:
		return arena_printf(a, "%s/%s-vs-%s.html", j->reg->id, j->a->slug, j->b->slug);
	default: return "";
	}
}

static const char *
out_path(struct arena *a, const struct build *b, const struct job *j)
{
	const char *lang = b->s->langs[j->lang].code;
	const char *mandir = j->lang == 0 ? "man/man7" : arena_printf(a, "man/%s/man7", lang);

	switch (j->kind) {
	case P_CHOOSER: return "html/index.html";
	case P_CSS: return "html/style.css";
	case P_SITEMAP: return "html/sitemap.xml";
	case P_MAN_REG: return arena_printf(a, "%s/%s.7", mandir, j->reg->id);
	case P_MAN_CODE: return arena_printf(a, "%s/%s-%s.7", mandir, j->reg->id, j->a->slug);
	default: return arena_printf(a, "html/%s/%s", lang, page_path(a, j));
	}
}

static const char *
template_of(const struct job *j)
{
	static const char *const names[] = { "html/chooser.html", "html/style.css",
		"html/sitemap.xml", "html/home.html",
		"html/registry.html", "html/code.html", "html/compare.html", "man/registry.7",
		"man/code.7" };

	return names[j->kind];
}

/* Whether the page's own content is translated in language li, and how
 * much of it is (percent). */
static int
page_translated(const struct build *b, size_t li, const struct job *j, unsigned *percent)
{
	const struct lang_state *ls = &b->ls[li];
	const struct db *db = b->s->db;
	size_t r = j->reg ? reg_index(db, j->reg) : 0;
	unsigned p = 100;
	int ok = 1;

	switch (j->kind) {
	case P_CODE:
	case P_MAN_CODE:
		p = ls->code_pct[r][j->a - j->reg->codes];
		ok = code_complete(b, li, j->a);
		break;
	case P_COMPARE:
		p = (ls->code_pct[r][j->a - j->reg->codes] + ls->code_pct[r][j->b - j->reg->codes]) / 2;
		ok = code_complete(b, li, j->a) && code_complete(b, li, j->b);
		break;
	case P_REGISTRY:
	case P_MAN_REG:
		p = ls->reg_pct[r];
		ok = ls->reg_complete[r];
		break;
	default:
		/* Home and chooser: the registries' names and introductions. */
		for (size_t k = 0; k < db->nregs; k++) {
			p = ls->head_pct[k] < p ? ls->head_pct[k] : p;
			ok = ok && ls->head_complete[k];
		}
		break;
	}
	if (percent)
		*percent = p;
	return ok;
}

static struct val *
langs_val(struct arena *a, const struct build *b, const struct job *j, const char *path)
{
	struct val *list = val_list(a);

	for (size_t li = 0; li < b->s->nlangs; li++) {
		struct val *m = val_map(a);
		const struct lang_state *ls = &b->ls[li];

		val_set(a, m, "code", val_get(ls->lang, "code"));
		val_set(a, m, "name", val_get(ls->lang, "name"));
		val_set(a, m, "dir", val_get(ls->lang, "dir"));
		val_set(a, m, "current", val_bool(a, li == j->lang));
		val_set(a, m, "translated", val_bool(a, li == 0 || page_translated(b, li, j, NULL)));
		val_set(a, m, "path", val_str(a, arena_printf(a, "%s/%s", ls->L->code, path)));
		val_push(a, list, m);
	}
	return list;
}

static const char *
root_of(const char *path)
{
	return strchr(path, '/') ? "../" : "";
}

/* Every HTML page in every language where it is translated, with its
 * translated alternates: the sitemap never offers English text as
 * another language. */
static struct val *
sitemap_val(struct arena *a, const struct build *b)
{
	struct val *list = val_list(a);

	for (size_t i = 0; i < b->njobs; i++) {
		const struct job *j = &b->jobs[i];
		struct val *m, *alts;

		if (j->kind < P_HOME || j->kind > P_COMPARE
		    || (j->lang != 0 && !page_translated(b, j->lang, j, NULL)))
			continue;
		m = val_map(a);
		alts = langs_val(a, b, j, page_path(a, j));
		val_set(a, m, "path", val_str(a, arena_printf(a, "%s/%s", b->s->langs[j->lang].code,
		    page_path(a, j))));
		val_set(a, m, "page", val_str(a, page_path(a, j)));
		val_set(a, m, "alternates", alts);
		val_push(a, list, m);
	}
	return list;
}

static struct val *
page_ctx(struct arena *a, const struct build *b, const struct job *j)
{
	const struct site *s = b->s;
	struct lang_state *ls = &b->ls[j->lang];
	struct val *m = val_map(a);
	const char *path = page_path(a, j);
	size_t r = j->reg ? reg_index(s->db, j->reg) : 0;
	unsigned percent;
	int translated = page_translated(b, j->lang, j, &percent);

	val_set(a, m, "lang", ls->lang);
	val_set(a, m, "date", val_str(a, s->date));
	val_set(a, m, "version", val_str(a, s->version));
	val_set(a, m, "path", val_str(a, path));
	val_set(a, m, "root", val_str(a, root_of(path)));
	val_set(a, m, "top", val_str(a, arena_printf(a, "%s../", root_of(path))));
	val_set(a, m, "base_url", val_str(a, s->base_url ? s->base_url : ""));
	val_set(a, m, "translated", val_bool(a, j->lang == 0 || translated));
	val_set(a, m, "coverage", val_int(a, (long)percent));
	val_set(a, m, "langs", langs_val(a, b, j, path));
	/* Absent things are false, so that templates can test for them. */
	val_set(a, m, "registry", val_bool(a, 0));
	val_set(a, m, "code", val_bool(a, 0));
	if (j->reg)
		val_set(a, m, "registry", ls->regs[r]);
	if (j->a)
		val_set(a, m, "code", &ls->codes[r][j->a - j->reg->codes]);
	if (j->kind == P_COMPARE) {
		const struct val *av = &ls->codes[r][j->a - j->reg->codes];
		const struct val *bv = &ls->codes[r][j->b - j->reg->codes];

		val_set(a, m, "a", av);
		val_set(a, m, "b", bv);
		val_set(a, m, "diff", compare_val(a, j->a, j->b, av, bv,
		    tx_ui(ls, "list separator", ", ")));
	}
	if (j->kind == P_SITEMAP)
		val_set(a, m, "pages", sitemap_val(a, b));
	if (j->kind == P_HOME || j->kind == P_CHOOSER) {
		struct val *regs = val_list(a);

		for (size_t k = 0; k < s->db->nregs; k++)
			val_push(a, regs, ls->regs[k]);
		val_set(a, m, "registries", regs);
	}
	return m;
}

static int
render_job(struct build *b, const struct job *j, struct page_out *po, struct diag *d)
{
	struct arena *a = arena_new();
	const struct tmpl *t = tmpl_set_get(b->s->tmpls, template_of(j));
	struct tmpl_env env = { &b->ls[j->lang].tr, "en", d };
	struct buf out = BUF_INIT;
	int rc = -1;

	if (t == NULL)
		diag_report(d, DIAG_ERROR, template_of(j), 0, 0, "%s", _("template is missing"));
	else if (tmpl_render(t, page_ctx(a, b, j), &env, &out) == 0) {
		po->path = xstrdup(out_path(a, b, j));
		po->len = out.len;
		po->data = buf_detach(&out);
		rc = 0;
	}
	buf_free(&out);
	arena_free(a);
	return rc;
}

static void *
worker(void *arg)
{
	struct build *b = arg;
	struct diag d = *b->d;

	d.errors = d.warnings = 0;
	for (;;) {
		size_t i;

		pthread_mutex_lock(&b->lock);
		i = b->failed ? b->njobs : b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->njobs)
			break;
		if (render_job(b, &b->jobs[i], &b->pages[i], &d) != 0) {
			pthread_mutex_lock(&b->lock);
			b->failed = 1;
			pthread_mutex_unlock(&b->lock);
		}
		pthread_mutex_lock(&b->lock);
		b->done++;
		if (b->s->progress)
			b->s->progress(b->s->progress_arg, b->done, b->njobs,
			    b->s->langs[b->jobs[i].lang].code);
		pthread_mutex_unlock(&b->lock);
	}
	pthread_mutex_lock(&b->lock);
	b->d->errors += d.errors;
	b->d->warnings += d.warnings;
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

static void
run_workers(struct build *b, int threads)
{
	pthread_t tid[64];
	int n = threads < 1 ? 1 : threads > 64 ? 64 : threads, started = 0;

	for (int i = 1; i < n; i++)
		if (pthread_create(&tid[started], NULL, worker, b) == 0)
			started++;
	worker(b);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
}

static void
build_init(struct build *b, const struct site *s, struct diag *d)
{
	memset(b, 0, sizeof *b);
	b->s = s;
	b->d = d;
	b->ls = xcalloc(s->nlangs, sizeof *b->ls);
	for (size_t li = 0; li < s->nlangs; li++)
		lang_prepare(&b->ls[li], s, li);
	plan(b);
	pthread_mutex_init(&b->lock, NULL);
}

static void
build_free(struct build *b)
{
	for (size_t li = 0; li < b->s->nlangs; li++)
		lang_release(&b->ls[li], b->s->db->nregs);
	free(b->ls);
	free(b->jobs);
	pthread_mutex_destroy(&b->lock);
}

size_t
site_count(const struct site *s)
{
	struct build b;
	struct diag d = { 0, 0, 1, NULL, NULL };
	size_t n;

	build_init(&b, s, &d);
	n = b.njobs;
	build_free(&b);
	return n;
}

int
site_render(const struct site *s, struct page_out **pages, size_t *npages, struct diag *d)
{
	struct build b;
	int failed;

	build_init(&b, s, d);
	b.pages = xcalloc(b.njobs, sizeof *b.pages);
	run_workers(&b, s->threads);
	failed = b.failed;
	if (failed) {
		site_pages_free(b.pages, b.njobs);
		*pages = NULL;
		*npages = 0;
	} else {
		*pages = b.pages;
		*npages = b.njobs;
	}
	build_free(&b);
	return failed ? -1 : 0;
}

void
site_pages_free(struct page_out *pages, size_t npages)
{
	for (size_t i = 0; i < npages; i++) {
		free(pages[i].path);
		free(pages[i].data);
	}
	free(pages);
}
