/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plan.c: which pages exist and where they go (see plan.h). */
#include "plan.h"

#include <stdlib.h>
#include <string.h>

static void
add_job(struct plan *p, enum page_kind k, size_t lang, const struct registry *reg,
    const struct code *a, const struct code *b)
{
	struct job *j;

	p->jobs = xgrow(p->jobs, p->njobs, sizeof *p->jobs);
	j = &p->jobs[p->njobs++];
	j->kind = k;
	j->lang = lang;
	j->reg = reg;
	j->a = a;
	j->b = b;
	j->first = j->last = 0;
	j->chunk = 0;
}

static size_t
code_index(const struct code *c)
{
	return (size_t)(c - c->registry->codes);
}

static size_t
reg_index(const struct lang_state *ls, const struct registry *reg)
{
	return (size_t)(reg - ls->s->db->regs);
}

static int
code_complete(const struct lang_state *ls, const struct code *c)
{
	return words_complete(ls->code_words[reg_index(ls, c->registry)][code_index(c)]);
}

/* What serves the pages: search, the 404 page, translation status and
 * the machine-readable export. */
static void
plan_extras(struct plan *p, const struct db *db, size_t li)
{
	add_job(p, P_SEARCH, li, NULL, NULL, NULL);
	add_job(p, P_NOTFOUND, li, NULL, NULL, NULL);
	add_job(p, P_STATUS, li, NULL, NULL, NULL);
	add_job(p, P_INDEX_JS, li, NULL, NULL, NULL);
	for (size_t r = 0; r < db->nregs; r++) {
		const struct registry *reg = &db->regs[r];

		add_job(p, P_API_REG, li, reg, NULL, NULL);
		for (size_t i = 0; i < reg->ncodes; i++)
			add_job(p, P_API_CODE, li, reg, &reg->codes[i], NULL);
	}
}

static void
plan_html(struct plan *p, const struct db *db, size_t li)
{
	add_job(p, P_HOME, li, NULL, NULL, NULL);
	for (size_t r = 0; r < db->nregs; r++) {
		const struct registry *reg = &db->regs[r];

		add_job(p, P_REGISTRY, li, reg, NULL, NULL);
		for (size_t i = 0; i < reg->ncodes; i++)
			add_job(p, P_CODE, li, reg, &reg->codes[i], NULL);
		for (size_t i = 0; i < reg->ncodes; i++)
			for (size_t j = i + 1; j < reg->ncodes; j++)
				if (registry_compares(reg, &reg->codes[i], &reg->codes[j]))
					add_job(p, P_COMPARE, li, reg, &reg->codes[i], &reg->codes[j]);
	}
}

/* A language other than the source gets a man page only for what its
 * catalog translates: man -L then falls back to English by itself. */
static void
plan_man(struct plan *p, const struct db *db, const struct lang_state *ls, size_t li)
{
	int src = li == 0;

	for (size_t r = 0; r < db->nregs; r++) {
		const struct registry *reg = &db->regs[r];

		if (src || words_complete(ls->reg_words[r]))
			add_job(p, P_MAN_REG, li, reg, NULL, NULL);
		for (size_t i = 0; i < reg->ncodes; i++)
			if (src || code_complete(ls, &reg->codes[i]))
				add_job(p, P_MAN_CODE, li, reg, &reg->codes[i], NULL);
	}
}

/* A language's sitemap in parts of at most SITEMAP_URLS addresses, each
 * with its alternates: the sitemap protocol allows 50,000 addresses and
 * 50 MB per file, and codedoc's own page limit is 16 MiB. */
#define SITEMAP_URLS 1000

static void
add_sitemap(struct plan *p, size_t li, size_t first, size_t last, unsigned chunk)
{
	add_job(p, P_SITEMAP, li, NULL, NULL, NULL);
	p->jobs[p->njobs - 1].first = first;
	p->jobs[p->njobs - 1].last = last;
	p->jobs[p->njobs - 1].chunk = chunk;
}

static void
plan_sitemaps(struct plan *p, const struct lang_state *ls, size_t li, size_t first)
{
	size_t last = p->njobs, start = first, n = 0;
	unsigned chunk = 0;

	for (size_t i = first; i < last; i++) {
		if (li != 0 && !plan_translated(ls, &p->jobs[i], NULL))
			continue;
		if (++n == SITEMAP_URLS) {
			add_sitemap(p, li, start, i + 1, chunk++);
			start = i + 1;
			n = 0;
		}
	}
	if (n > 0)
		add_sitemap(p, li, start, last, chunk);
}

void
plan_make(struct plan *p, const struct site *s, const struct lang_state *ls)
{
	memset(p, 0, sizeof *p);
	if (s->formats & SITE_HTML) {
		add_job(p, P_CHOOSER, 0, NULL, NULL, NULL);
		add_job(p, P_CSS, 0, NULL, NULL, NULL);
		add_job(p, P_SEARCH_JS, 0, NULL, NULL, NULL);
		if (s->base_url != NULL)
			add_job(p, P_SITEMAP_INDEX, 0, NULL, NULL, NULL);
		/* The catalogs, for the status page to link to: lang 0 is the
		 * template (.pot) a new language starts from. */
		for (size_t li = s->po_template ? 0 : 1; s->po_dir != NULL && li < s->nlangs; li++)
			add_job(p, P_PO, li, NULL, NULL, NULL);
	}
	for (size_t li = 0; li < s->nlangs; li++) {
		if (s->formats & SITE_HTML) {
			size_t first = p->njobs;

			plan_html(p, s->db, li);
			/* A sitemap needs absolute addresses: only with --base-url. */
			if (s->base_url != NULL)
				plan_sitemaps(p, &ls[li], li, first);
			plan_extras(p, s->db, li);
		}
		if (s->formats & SITE_MAN)
			plan_man(p, s->db, &ls[li], li);
	}
}

void
plan_free(struct plan *p)
{
	free(p->jobs);
	p->jobs = NULL;
	p->njobs = 0;
}

int
plan_is_lang_page(const struct job *j)
{
	return j->kind >= P_HOME && j->kind <= P_COMPARE;
}

int
plan_is_html_page(const struct job *j)
{
	return j->kind >= P_HOME && j->kind <= P_STATUS;
}

const char *
plan_page_path(struct arena *a, const struct job *j)
{
	switch (j->kind) {
	case P_HOME: return "index.html";
	case P_REGISTRY: return arena_printf(a, "%s/index.html", j->reg->id);
	case P_CODE: return arena_printf(a, "%s/%s.html", j->reg->id, j->a->slug);
	case P_COMPARE:
		return arena_printf(a, "%s/%s-vs-%s.html", j->reg->id, j->a->slug, j->b->slug);
	case P_SEARCH: return "search.html";
	case P_NOTFOUND: return "404.html";
	case P_STATUS: return "translations.html";
	case P_INDEX_JS: return "search-index.js";
	case P_API_REG: return arena_printf(a, "api/%s.json", j->reg->id);
	case P_API_CODE: return arena_printf(a, "api/%s/%s.json", j->reg->id, j->a->slug);
	default: return "";
	}
}

const char *
plan_out_path(struct arena *a, const struct site *s, const struct job *j)
{
	const char *lang = s->langs[j->lang].code;
	const char *mandir = j->lang == 0 ? "man/man7" : arena_printf(a, "man/%s/man7", lang);

	switch (j->kind) {
	case P_CHOOSER: return "html/index.html";
	case P_CSS: return "html/style.css";
	case P_SEARCH_JS: return "html/search.js";
	case P_PO: return j->lang == 0 ? "html/po/codedoc.pot" : arena_printf(a, "html/po/%s.po", lang);
	case P_SITEMAP_INDEX: return "html/sitemap.xml";
	case P_SITEMAP: return arena_printf(a, "html/sitemaps/%s-%u.xml", lang, j->chunk + 1);
	case P_MAN_REG: return arena_printf(a, "%s/%s.7", mandir, j->reg->id);
	case P_MAN_CODE: return arena_printf(a, "%s/%s-%s.7", mandir, j->reg->id, j->a->slug);
	default: return arena_printf(a, "html/%s/%s", lang, plan_page_path(a, j));
	}
}

const char *
plan_template(const struct job *j)
{
	static const char *const names[] = { "html/chooser.html", "html/style.css",
		"html/search.js", "html/sitemap.xml", NULL, "html/sitemap-index.xml",
		"html/home.html", "html/registry.html", "html/code.html", "html/compare.html",
		"html/search.html", "html/404.html", "html/translations.html",
		"html/search-index.js", "html/api/registry.json", "html/api/code.json",
		"man/registry.7", "man/code.7" };

	return names[j->kind];
}

static void
add_words(struct words *to, struct words w)
{
	to->done += w.done;
	to->total += w.total;
}

/* A comparison page shows both codes and the pair's notes. */
static struct words
compare_words(const struct lang_state *ls, const struct job *j)
{
	size_t r = reg_index(ls, j->reg);
	const struct pair *pair = registry_pair(j->reg, j->a, j->b);
	struct words w = ls->code_words[r][code_index(j->a)];

	add_words(&w, ls->code_words[r][code_index(j->b)]);
	if (pair != NULL)
		add_words(&w, lang_pair_words(ls, pair));
	return w;
}

int
plan_translated(const struct lang_state *ls, const struct job *j, unsigned *percent)
{
	const struct db *db = ls->s->db;
	size_t r = j->reg ? reg_index(ls, j->reg) : 0;
	struct words w = { 0, 0 };
	int ok;

	switch (j->kind) {
	case P_CODE:
	case P_MAN_CODE:
	case P_API_CODE:
		w = ls->code_words[r][code_index(j->a)];
		break;
	case P_COMPARE:
		w = compare_words(ls, j);
		break;
	case P_REGISTRY:
	case P_MAN_REG:
	case P_API_REG:
		w = ls->reg_words[r];
		break;
	case P_SEARCH:
	case P_NOTFOUND:
	case P_STATUS:
		/* Interface only: each string that is not translated is marked. */
		if (percent)
			*percent = 100;
		return 1;
	default:
		/* Home and chooser: what they show of every registry. */
		for (size_t k = 0; k < db->nregs; k++)
			add_words(&w, ls->home_words[k]);
		break;
	}
	/* A page of one code or registry counts as translated only when all
	 * of it is; the home page when most of it is, so that one registry
	 * still in English does not take it out of the index. */
	ok = j->kind == P_HOME || j->kind == P_CHOOSER ? words_pct(w) >= 50 : words_complete(w);
	if (percent)
		*percent = words_pct(w);
	return ok;
}
