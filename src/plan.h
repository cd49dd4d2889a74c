/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plan.h: the site plan.  Which pages exist in which language, where each
 * goes (html/<lang>/..., man/[<lang>/]man7/...), which template renders
 * it, and whether its own content is translated.  It owns the layout of
 * the output and nothing else. */
#ifndef CODEDOC_PLAN_H
#define CODEDOC_PLAN_H

#include "langvals.h"
#include "site.h"
#include "value.h"

/* Site-wide files first, then a language's pages (home to comparison:
 * the pages of the sitemap), its other pages, its data, its man pages. */
enum page_kind {
	P_CHOOSER, P_CSS, P_SEARCH_JS, P_SITEMAP, P_PO, P_SITEMAP_INDEX,
	P_HOME, P_REGISTRY, P_CODE, P_COMPARE,
	P_SEARCH, P_NOTFOUND, P_STATUS,
	P_INDEX_JS, P_API_REG, P_API_CODE,
	P_MAN_REG, P_MAN_CODE
};

struct job {
	enum page_kind kind;
	size_t lang;
	const struct registry *reg;
	const struct code *a, *b;
	/* P_SITEMAP: part `chunk` of language lang's sitemap lists the pages
	 * among jobs[first..last) that are its own and translated. */
	size_t first, last;
	unsigned chunk;
};

struct plan {
	struct job *jobs;
	size_t njobs;
};

/* Lists every page of s; ls[] are the prepared languages. */
void plan_make(struct plan *p, const struct site *s, const struct lang_state *ls);
void plan_free(struct plan *p);

/* Whether a job is an HTML page of a language's content (home to
 * comparison): the pages of the sitemap. */
int plan_is_lang_page(const struct job *j);
/* Whether a job is an HTML page with the site's header and footer. */
int plan_is_html_page(const struct job *j);
/* Path relative to the language folder (a language's files only). */
const char *plan_page_path(struct arena *a, const struct job *j);
/* Path relative to the output folder. */
const char *plan_out_path(struct arena *a, const struct site *s, const struct job *j);
/* The template of a job, NULL for a file copied as it is (P_PO). */
const char *plan_template(const struct job *j);
/* Whether the page's own content is translated in language li, and how
 * much of it is (percent, may be NULL). */
int plan_translated(const struct lang_state *ls, const struct job *j, unsigned *percent);

#endif
