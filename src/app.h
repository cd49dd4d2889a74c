/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app.h: the commands of codedoc (build, check, pot, stats, explain) as functions,
 * so that main.c only parses the command line.  Each loads what it needs,
 * reports through a struct diag and returns a sysexits.h status. */
#ifndef CODEDOC_APP_H
#define CODEDOC_APP_H

#include <stdio.h>

#include "util.h"

struct app_opts {
	const char *data_dir;  /* data/ */
	const char *tmpl_dir;  /* templates/ */
	const char *po_dir;    /* po/ */
	const char *out_dir;   /* output/ */
	const char *langs;     /* "tr,de"; NULL: every language of LINGUAS */
	int formats;           /* SITE_HTML | SITE_MAN */
	int threads;
	const char *base_url;  /* NULL: relative links only */
	int quiet, verbose;
	int progress;          /* show a progress line on stderr */
	int strict;            /* check: warnings fail the run */
};

void app_defaults(struct app_opts *o);
int app_build(const struct app_opts *o, struct diag *d);
int app_check(const struct app_opts *o, struct diag *d);
int app_pot(const struct app_opts *o, const char *path, struct diag *d);
/* Explains the codes in text; returns 0 when it found some, 1 when none. */
int app_explain(const struct app_opts *o, const char *text, int json, FILE *out,
    struct diag *d);
int app_stats(const struct app_opts *o, int json, FILE *out, struct diag *d);

#endif
