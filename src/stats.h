/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats.h: translation statistics per language, for the interface and for
 * each registry, as a table or as JSON. */
#ifndef CODEDOC_STATS_H
#define CODEDOC_STATS_H

#include <stdio.h>

#include "catalog.h"
#include "model.h"
#include "tmpl.h"

struct stats_row {
	const char *lang;
	const char *set; /* "interface" or a registry id */
	struct cat_stats st;
};

/* Fills rows (caller frees) for every language in cats[0..n). */
size_t stats_collect(const struct db *db, const struct tmpl_set *tmpls,
    struct catalog *const *cats, size_t n, struct stats_row **rows);
void stats_print(FILE *out, const struct stats_row *rows, size_t n, int json);
unsigned stats_percent(const struct cat_stats *st);

#endif
