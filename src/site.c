/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site.c: each page's values, rendered by worker threads (see site.h). */
#include "site.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "langvals.h"
#include "nls.h"
#include "plan.h"
#include "value.h"

struct build {
	const struct site *s;
	struct lang_state *ls;
	struct plan plan;
	struct page_out *pages;
	size_t next, done;
	int failed;
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

/* Every HTML page in every language where it is translated, with its
 * translated alternates: the sitemap never offers English text as
 * another language. */
static struct val *
sitemap_val(struct arena *a, const struct build *b)
{
	struct val *list = val_list(a);

	for (size_t i = 0; i < b->plan.njobs; i++) {
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

static void
set_compare(struct arena *a, struct val *m, const struct lang_state *ls, const struct job *j)
{
	const struct val *av = lang_code(ls, j->a), *bv = lang_code(ls, j->b);
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
	val_set(a, m, "base_url", val_str(a, s->base_url ? s->base_url : ""));
	val_set(a, m, "translated", val_bool(a, j->lang == 0 || translated));
	val_set(a, m, "coverage", val_int(a, (long)percent));
	val_set(a, m, "coverage_text", val_str(a, ls->cldr.percent[percent > 100 ? 100 : percent]));
	val_set(a, m, "date_text", val_str(a, ls->cldr.date));
	val_set(a, m, "langs", langs_val(a, b, j, path));
	/* Absent things are false, so that templates can test for them. */
	val_set(a, m, "registry", val_bool(a, 0));
	val_set(a, m, "code", val_bool(a, 0));
	if (j->reg)
		val_set(a, m, "registry", ls->regs[j->reg - s->db->regs]);
	if (j->a)
		val_set(a, m, "code", lang_code(ls, j->a));
	if (j->kind == P_COMPARE)
		set_compare(a, m, ls, j);
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

/* The share of a translated page's visible words that are in its
 * language: counted by rendering it once without keeping the output, then
 * shown in the page itself. */
static int
count_coverage(struct arena *a, const struct build *b, const struct job *j, const struct tmpl *t,
    struct val *ctx, struct tmpl_env *env)
{
	struct tmpl_words w = { 0, 0 };
	struct buf scratch = BUF_INIT;
	unsigned pct;
	int rc;

	env->count = &w;
	rc = tmpl_render(t, ctx, env, &scratch);
	env->count = NULL;
	buf_free(&scratch);
	if (rc != 0)
		return rc;
	pct = w.total ? (unsigned)(w.done * 100 / w.total) : 100;
	val_set(a, ctx, "coverage", val_int(a, (long)pct));
	val_set(a, ctx, "coverage_text", val_str(a, b->ls[j->lang].cldr.percent[pct]));
	return 0;
}

static int
render_job(struct build *b, const struct job *j, struct page_out *po, struct diag *d)
{
	struct arena *a = arena_new();
	const struct tmpl *t = tmpl_set_get(b->s->tmpls, plan_template(j));
	struct tmpl_env env = { &b->ls[j->lang].tr, "en", d,
		strcmp(b->ls[j->lang].dir, "rtl") == 0, NULL };
	struct buf out = BUF_INIT;
	struct val *ctx;
	int rc = -1;

	if (t == NULL) {
		diag_report(d, DIAG_ERROR, plan_template(j), 0, 0, "%s", _("template is missing"));
		arena_free(a);
		return -1;
	}
	ctx = page_ctx(a, b, j);
	if ((j->lang == 0 || !plan_is_lang_page(j) || count_coverage(a, b, j, t, ctx, &env) == 0)
	    && tmpl_render(t, ctx, &env, &out) == 0) {
		po->path = xstrdup(plan_out_path(a, b->s, j));
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
		i = b->failed ? b->plan.njobs : b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->plan.njobs)
			break;
		if (render_job(b, &b->plan.jobs[i], &b->pages[i], &d) != 0) {
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
	b->ls = xcalloc(s->nlangs, sizeof *b->ls);
	for (size_t li = 0; li < s->nlangs; li++)
		lang_prepare(&b->ls[li], s, li);
	plan_make(&b->plan, s, b->ls);
	pthread_mutex_init(&b->lock, NULL);
}

static void
build_free(struct build *b)
{
	for (size_t li = 0; li < b->s->nlangs; li++)
		lang_release(&b->ls[li], b->s->db->nregs);
	free(b->ls);
	plan_free(&b->plan);
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
site_render(const struct site *s, struct page_out **pages, size_t *npages, struct diag *d)
{
	struct build b;
	int failed;

	build_init(&b, s, d);
	b.pages = xcalloc(b.plan.njobs, sizeof *b.pages);
	run_workers(&b, s->threads);
	failed = b.failed;
	if (failed) {
		site_pages_free(b.pages, b.plan.njobs);
		*pages = NULL;
		*npages = 0;
	} else {
		*pages = b.pages;
		*npages = b.plan.njobs;
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
