/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site.h: the site plan.  Decides which pages exist in which language and
 * where they go (output/html/<lang>/..., output/man/[<lang>/]man7/...),
 * builds each page's values from the model and the catalogs, and renders
 * it with its template.  It owns the layout of the output, nothing else. */
#ifndef CODEDOC_SITE_H
#define CODEDOC_SITE_H

#include <stddef.h>

#include "catalog.h"
#include "model.h"
#include "tmpl.h"
#include "util.h"

#define SITE_HTML 1
#define SITE_MAN 2

struct site_lang {
	const char *code;           /* "tr" */
	const struct catalog *cat;  /* NULL for the source language */
};

struct site {
	const struct db *db;
	const struct tmpl_set *tmpls;
	const struct site_lang *langs; /* langs[0] is the source language */
	size_t nlangs;
	const char *date;     /* YYYY-MM-DD of the build */
	const char *version;  /* codedoc version for man page footers */
	const char *base_url; /* absolute site URL ending in '/', or NULL */
	const char *po_dir;   /* catalogs to copy into html/po/, or NULL */
	int po_template;      /* po_dir has codedoc.pot, copied too */
	int formats;          /* SITE_HTML | SITE_MAN */
	int threads;          /* rendering threads, >= 1 */
	/* Called after each page with done and total, or NULL. */
	void (*progress)(void *arg, size_t done, size_t total, const char *lang);
	void *progress_arg;
};

/* One rendered file. */
struct page_out {
	char *path; /* relative to the output folder */
	char *data;
	size_t len;
};

/* Renders every page into memory.  Returns 0 and sets *pages and *npages, or
 * -1 after reporting (nothing is returned then). */
int site_render(const struct site *s, struct page_out **pages, size_t *npages,
    struct diag *d);
void site_pages_free(struct page_out *pages, size_t npages);

/* Number of pages site_render() makes, for the tests and progress. */
size_t site_count(const struct site *s);

#endif
