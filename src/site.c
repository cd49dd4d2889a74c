/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site.c: each page's values, rendered by worker threads (see site.h). */
#include "site.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "langvals.h"
#include "match.h"
#include "nls.h"
#include "plan.h"
#include "stats.h"
#include "value.h"

struct build {
	const struct site *s;
	const struct site_sink *sink;
	struct lang_state *ls;
	struct plan plan;
	unsigned long long tmpl_digest;
	struct match_forms forms;   /* for the search index */
	struct stats_row *stats;    /* for the translation status page */
	size_t nstats;
	size_t next, done, rendered;
	int failed;
	int sink_failed; /* the writer failed, not the input */
	pthread_mutex_t lock;
	struct diag *d;
};

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
		val_set(a, m, "translated", val_bool(a, li == 0 || plan_translated(&b->ls[li], j, NULL)));
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

/* The pages of one part of a language's sitemap where they are
 * translated, with their translated alternates: the sitemap never offers
 * English text as another language. */
static struct val *
sitemap_val(struct arena *a, const struct build *b, const struct job *part)
{
	struct val *list = val_list(a);

	for (size_t i = part->first; i < part->last; i++) {
		const struct job *j = &b->plan.jobs[i];
		struct val *m, *alts;

		if (!plan_is_lang_page(j)
		    || (j->lang != 0 && !plan_translated(&b->ls[j->lang], j, NULL)))
			continue;
		m = val_map(a);
		alts = langs_val(a, b, j, plan_page_path(a, j));
		val_set(a, m, "path", val_str(a, arena_printf(a, "%s/%s", b->s->langs[j->lang].code,
		    plan_page_path(a, j))));
		val_set(a, m, "page", val_str(a, plan_page_path(a, j)));
		val_set(a, m, "alternates", alts);
		val_push(a, list, m);
	}
	return list;
}

/* Every code of every registry, in database order, as the search index
 * lists them: the forms refer to codes by this position. */
static struct val *
index_codes(struct arena *a, const struct build *b, const struct lang_state *ls)
{
	const struct db *db = b->s->db;
	struct val *codes = val_list(a);

	for (size_t r = 0; r < db->nregs; r++)
		for (size_t i = 0; i < db->regs[r].ncodes; i++) {
			struct val *m = val_map(a);

			val_set(a, m, "registry", ls->heads[r]);
			val_set(a, m, "code", lang_code_core(ls, &db->regs[r].codes[i]));
			val_push(a, codes, m);
		}
	return codes;
}

static size_t
code_position(const struct db *db, const struct code *c)
{
	size_t n = 0;

	for (const struct registry *r = db->regs; r != c->registry; r++)
		n += r->ncodes;
	return n + (size_t)(c - c->registry->codes);
}

/* The written forms (match.h), each with the codes it names. */
static struct val *
index_forms(struct arena *a, const struct build *b)
{
	struct val *forms = val_list(a), *hits = NULL;
	const struct match_forms *f = &b->forms;

	for (size_t i = 0; i < f->n; i++) {
		struct val *h = val_map(a);

		if (i == 0 || strcmp(f->v[i].form, f->v[i - 1].form) != 0) {
			struct val *m = val_map(a);

			hits = val_list(a);
			val_set(a, m, "form", val_str(a, f->v[i].form));
			val_set(a, m, "hits", hits);
			val_push(a, forms, m);
		}
		val_set(a, h, "i", val_int(a, (long)code_position(b->s->db, f->v[i].code)));
		val_set(a, h, "class", val_str(a, f->v[i].cls ? f->v[i].cls->id : ""));
		val_push(a, hits, h);
	}
	return forms;
}

static struct val *
status_set(struct arena *a, const struct lang_state *ls, const struct stats_row *row,
    const struct val *name)
{
	struct val *m = val_map(a);
	const struct cat_stats *st = &row->st;
	size_t total = st->translated + st->fuzzy + st->untranslated;
	unsigned pct = stats_percent(st);
	unsigned fuzzy = total ? (unsigned)(st->fuzzy * 100 / total) : 0;

	val_set(a, m, "name", name);
	val_set(a, m, "done", val_int(a, (long)st->translated));
	val_set(a, m, "fuzzy", val_int(a, (long)st->fuzzy));
	val_set(a, m, "has_fuzzy", val_bool(a, st->fuzzy > 0));
	val_set(a, m, "total", val_int(a, (long)total));
	val_set(a, m, "pct", val_int(a, (long)pct));
	val_set(a, m, "pct_text", val_str(a, ls->cldr.percent[pct > 100 ? 100 : pct]));
	val_set(a, m, "fuzzy_pct", val_int(a, (long)(pct + fuzzy > 100 ? 100 - pct : fuzzy)));
	val_set(a, m, "fuzzy_x", val_int(a, (long)pct));
	return m;
}

/* Each translation's completeness, for the status page in the language
 * of ls: the interface, then every registry. */
static struct val *
status_val(struct arena *a, const struct build *b, const struct lang_state *ls)
{
	const struct db *db = b->s->db;
	struct val *langs = val_list(a);
	size_t per = db->nregs + 1;

	for (size_t li = 1; li < b->s->nlangs; li++) {
		const struct stats_row *rows = &b->stats[(li - 1) * per];
		struct val *m = val_map(a), *sets = val_list(a);
		struct cat_stats all = { 0, 0, 0 };

		for (size_t k = 0; k < per; k++) {
			all.translated += rows[k].st.translated;
			all.fuzzy += rows[k].st.fuzzy;
			all.untranslated += rows[k].st.untranslated;
			val_push(a, sets, status_set(a, ls, &rows[k],
			    k == 0 ? val_bool(a, 0) : val_get(ls->regs[k - 1], "name")));
		}
		val_set(a, m, "lang", b->ls[li].lang);
		val_set(a, m, "po", val_str(a, arena_printf(a, "po/%s.po", b->s->langs[li].code)));
		val_set(a, m, "file", val_str(a, arena_printf(a, "%s.po", b->s->langs[li].code)));
		val_set(a, m, "all", status_set(a, ls, &(struct stats_row){ NULL, NULL, all },
		    val_bool(a, 0)));
		val_set(a, m, "sets", sets);
		val_push(a, langs, m);
	}
	return langs;
}

static void
set_compare(struct arena *a, struct val *m, const struct lang_state *ls, const struct job *j)
{
	const struct val *av = lang_code_core(ls, j->a), *bv = lang_code_core(ls, j->b);
	const struct pair *p = registry_pair(j->reg, j->a, j->b);

	val_set(a, m, "a", av);
	val_set(a, m, "b", bv);
	val_set(a, m, "diff", compare_val(a, j->a, j->b, av, bv));
	val_set(a, m, "notes", p ? lang_pair(ls, a, p) : val_bool(a, 0));
}

static struct val *
page_ctx(struct arena *a, const struct build *b, const struct job *j)
{
	const struct site *s = b->s;
	struct lang_state *ls = &b->ls[j->lang];
	struct val *m = val_map(a);
	const char *path = plan_page_path(a, j);
	unsigned percent;
	int translated = plan_translated(ls, j, &percent);

	val_set(a, m, "lang", ls->lang);
	val_set(a, m, "date", val_trusted(a, s->date));
	val_set(a, m, "version", val_str(a, s->version));
	val_set(a, m, "path", val_str(a, path));
	val_set(a, m, "root", val_str(a, root_of(path)));
	val_set(a, m, "top", val_str(a, arena_printf(a, "%s../", root_of(path))));
	/* A 404 page is shown at any address: its links must not depend on
	 * it, so they are absolute when the site's address is known. */
	if (j->kind == P_NOTFOUND && s->base_url) {
		val_set(a, m, "root", val_str(a, arena_printf(a, "%s%s/", s->base_url, ls->L->code)));
		val_set(a, m, "top", val_str(a, s->base_url));
	}
	val_set(a, m, "base_url", val_str(a, s->base_url ? s->base_url : ""));
	val_set(a, m, "translated", val_bool(a, j->lang == 0 || translated));
	val_set(a, m, "indexable", val_bool(a, (j->lang == 0 || translated)
	    && j->kind != P_SEARCH && j->kind != P_NOTFOUND));
	val_set(a, m, "search_page", val_bool(a, j->kind == P_SEARCH));
	val_set(a, m, "coverage", val_int(a, (long)percent));
	val_set(a, m, "coverage_text", val_str(a, ls->cldr.percent[percent > 100 ? 100 : percent]));
	val_set(a, m, "date_text", val_str(a, ls->cldr.date));
	val_set(a, m, "langs", langs_val(a, b, j, path));
	/* Absent things are false, so that templates can test for them. */
	val_set(a, m, "registry", val_bool(a, 0));
	val_set(a, m, "code", val_bool(a, 0));
	/* Each page gets what it shows, no more: what it is given is what
	 * decides whether it must be made again. */
	if (j->reg)
		val_set(a, m, "registry", j->kind == P_REGISTRY || j->kind == P_API_REG
		    || j->kind == P_MAN_REG ? ls->regs[j->reg - s->db->regs]
		    : ls->heads[j->reg - s->db->regs]);
	if (j->a)
		val_set(a, m, "code", j->kind == P_CODE ? lang_code(ls, j->a)
		    : lang_code_core(ls, j->a));
	if (j->kind == P_CODE) {
		struct val *code = val_clone(a, lang_code(ls, j->a));

		val_set(a, code, "compares", lang_compares(ls, a, j->a));
		val_set(a, m, "code", code);
	}
	if (j->kind == P_COMPARE)
		set_compare(a, m, ls, j);
	if (j->kind == P_SITEMAP)
		val_set(a, m, "pages", sitemap_val(a, b, j));
	if (j->kind == P_SITEMAP_INDEX) {
		struct val *parts = val_list(a);

		for (size_t i = 0; i < b->plan.njobs; i++)
			if (b->plan.jobs[i].kind == P_SITEMAP)
				val_push(a, parts, val_str(a, plan_out_path(a, s, &b->plan.jobs[i]) + 5));
		val_set(a, m, "parts", parts);
	}
	if (j->kind == P_INDEX_JS) {
		val_set(a, m, "codes", index_codes(a, b, ls));
		val_set(a, m, "forms", index_forms(a, b));
	}
	if (j->kind == P_STATUS) {
		val_set(a, m, "status", status_val(a, b, ls));
		val_set(a, m, "pot", val_bool(a, s->po_template && s->po_dir));
	}
	if (j->kind == P_HOME || j->kind == P_CHOOSER || j->kind == P_NOTFOUND
	    || j->kind == P_SEARCH) {
		struct val *regs = val_list(a);

		for (size_t k = 0; k < s->db->nregs; k++)
			val_push(a, regs, ls->heads[k]);
		val_set(a, m, "registries", regs);
	}
	return m;
}

/* Stands for the page's coverage while the page is rendered and its
 * words counted; replaced by the percentage afterwards, so that a page is
 * rendered once.  U+FFFF cannot occur in XML, so not in the database. */
#define COVERAGE_MARK "\xef\xbf\xbf" "coverage" "\xef\xbf\xbf"

static void
fill_coverage(const struct lang_state *ls, const struct tmpl_words *w, struct buf *out)
{
	unsigned pct = w->total ? (unsigned)(w->done * 100 / w->total) : 100;
	const char *mark = COVERAGE_MARK, *text = ls->cldr.percent[pct > 100 ? 100 : pct];
	struct buf b = BUF_INIT;
	size_t n = strlen(mark), from = 0;
	char *hit;

	if (out->data == NULL)
		return;
	buf_puts(&b, "");
	while ((hit = memmem(out->data + from, out->len - from, mark, n)) != NULL) {
		size_t at = (size_t)(hit - out->data);

		buf_add(&b, out->data + from, at - from);
		esc_html(&b, text, strlen(text));
		from = at + n;
	}
	if (from == 0) {
		buf_free(&b);
		return;
	}
	buf_add(&b, out->data + from, out->len - from);
	buf_free(out);
	*out = b;
}

/* Everything a file is made from. */
static unsigned long long
page_inputs(const struct build *b, const struct job *j, const struct val *ctx)
{
	unsigned long long h = hash_u64(HASH_INIT, (unsigned long long)j->kind);

	h = hash_u64(h, b->tmpl_digest);
	h = hash_u64(h, b->ls[j->lang].ui_digest);
	return hash_u64(h, val_digest(ctx));
}

static int
emit(struct build *b, const char *path, const char *data, size_t len, unsigned long long inputs)
{
	int rc = b->sink->file(b->sink->arg, path, data, len, inputs);

	if (b->s->trace)
		fprintf(stderr, "codedoc: rendered %s\n", path);

	pthread_mutex_lock(&b->lock);
	b->rendered++;
	if (rc != 0)
		b->sink_failed = 1;
	pthread_mutex_unlock(&b->lock);
	return rc;
}

static int
unchanged(struct build *b, const char *path, unsigned long long inputs)
{
	return b->sink->unchanged && b->sink->unchanged(b->sink->arg, path, inputs);
}

/* A catalog as it is, for translators to download from the status page. */
static int
copy_catalog(struct build *b, const struct job *j, struct diag *d)
{
	char *src = j->lang == 0 ? xasprintf("%s/codedoc.pot", b->s->po_dir)
	    : xasprintf("%s/%s.po", b->s->po_dir, b->s->langs[j->lang].code);
	struct arena *a = arena_new();
	const char *path = plan_out_path(a, b->s, j);
	size_t len;
	char *data = read_input(src, &len, INPUT_MAX_CATALOG, d);
	unsigned long long inputs;
	int rc = -1;

	if (data != NULL) {
		inputs = hash_bytes(HASH_INIT, data, len);
		rc = unchanged(b, path, inputs) ? 0 : emit(b, path, data, len, inputs);
	}
	free(data);
	free(src);
	arena_free(a);
	return rc;
}

static int
render_job(struct build *b, const struct job *j, struct diag *d)
{
	const struct lang_state *ls = &b->ls[j->lang];
	const struct tmpl *t;
	struct tmpl_words w = { 0, 0 };
	struct tmpl_env env = { &ls->tr, "en", d, strcmp(ls->dir, "rtl") == 0, NULL,
		ls->cldr.digits[0] ? (const char *const *)ls->cldr.digits : NULL };
	struct buf out = BUF_INIT;
	struct arena *a;
	struct val *ctx;
	const char *path;
	unsigned long long inputs;
	int rc = -1, counted = j->lang != 0 && plan_is_html_page(j);

	if (j->kind == P_PO)
		return copy_catalog(b, j, d);
	if ((t = tmpl_set_get(b->s->tmpls, plan_template(j))) == NULL) {
		diag_report(d, DIAG_ERROR, plan_template(j), 0, 0, "%s", _("template is missing"));
		return -1;
	}
	a = arena_new();
	ctx = page_ctx(a, b, j);
	path = plan_out_path(a, b->s, j);
	inputs = page_inputs(b, j, ctx);
	if (unchanged(b, path, inputs)) {
		arena_free(a);
		return 0;
	}
	if (counted) {
		env.count = &w;
		val_set(a, ctx, "coverage_text", val_str(a, COVERAGE_MARK));
	}
	if (tmpl_render(t, ctx, &env, &out) == 0) {
		if (counted)
			fill_coverage(ls, &w, &out);
		rc = emit(b, path, out.data ? out.data : "", out.len, inputs);
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
		i = b->failed ? b->plan.njobs : b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->plan.njobs)
			break;
		if (render_job(b, &b->plan.jobs[i], &d) != 0) {
			pthread_mutex_lock(&b->lock);
			b->failed = 1;
			pthread_mutex_unlock(&b->lock);
		}
		pthread_mutex_lock(&b->lock);
		b->done++;
		if (b->s->progress)
			b->s->progress(b->s->progress_arg, b->done, b->plan.njobs,
			    b->s->langs[b->plan.jobs[i].lang].code);
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
	b->tmpl_digest = hash_str(tmpl_set_digest(s->tmpls), s->version);
	b->ls = xcalloc(s->nlangs, sizeof *b->ls);
	for (size_t li = 0; li < s->nlangs; li++)
		lang_prepare(&b->ls[li], s, li);
	plan_make(&b->plan, s, b->ls);
	if (s->formats & SITE_HTML) {
		struct catalog **cats = xcalloc(s->nlangs, sizeof *cats);

		match_forms_make(&b->forms, s->db);
		for (size_t li = 1; li < s->nlangs; li++)
			cats[li - 1] = (struct catalog *)s->langs[li].cat;
		b->nstats = stats_collect(s->db, s->tmpls, cats, s->nlangs - 1, &b->stats);
		free(cats);
	}
	pthread_mutex_init(&b->lock, NULL);
}

static void
build_free(struct build *b)
{
	for (size_t li = 0; li < b->s->nlangs; li++)
		lang_release(&b->ls[li], b->s->db->nregs);
	free(b->ls);
	plan_free(&b->plan);
	match_forms_free(&b->forms);
	free(b->stats);
	pthread_mutex_destroy(&b->lock);
}

size_t
site_count(const struct site *s)
{
	struct build b;
	struct diag d = { 0, 0, 1, NULL, NULL };
	size_t n;

	build_init(&b, s, &d);
	n = b.plan.njobs;
	build_free(&b);
	return n;
}

int
site_render(const struct site *s, const struct site_sink *sink, struct site_stats *st,
    struct diag *d)
{
	struct build b;
	int failed;

	build_init(&b, s, d);
	b.sink = sink;
	run_workers(&b, s->threads);
	failed = b.failed ? b.sink_failed ? -2 : -1 : 0;
	if (st != NULL) {
		st->files = b.plan.njobs;
		st->rendered = b.rendered;
	}
	build_free(&b);
	return failed;
}
