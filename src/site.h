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
	int trace;            /* name each file made on stderr (CODEDOC_TRACE) */
	/* Called after each page with done and total, or NULL. */
	void (*progress)(void *arg, size_t done, size_t total, const char *lang);
	void *progress_arg;
};

/* Where rendered files go, one at a time as they are made (from several
 * threads at once): the writer behind it belongs to the caller.  inputs
 * is a digest of everything a file is made from (its values, the
 * templates, its language's interface texts). */
struct site_sink {
	/* Whether path, made last time from the same inputs, is still in
	 * place: it is then neither rendered nor handed over.  NULL: never. */
	int (*unchanged)(void *arg, const char *path, unsigned long long inputs);
	/* Takes one file; returns 0, or -1 after reporting. */
	int (*file)(void *arg, const char *path, const char *data, size_t len,
	    unsigned long long inputs);
	void *arg;
};

struct site_stats {
	size_t files;    /* in the plan */
	size_t rendered; /* made this time (the others were unchanged) */
};

/* Renders every file of the plan into sink, streaming: memory grows
 * with the database and the catalogs, not with the number of pages.
 * Returns 0, or after reporting -1 (bad input) or -2 (the sink failed). */
int site_render(const struct site *s, const struct site_sink *sink, struct site_stats *st,
    struct diag *d);

/* Number of pages site_render() makes, for the tests and progress. */
size_t site_count(const struct site *s);

#endif
