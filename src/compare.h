/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare.h: what sets two codes of one registry apart, computed from their
 * structured facts (class, retry behaviour, category, protocol phases), for
 * the comparison pages.  The sentences themselves are in the template. */
#ifndef CODEDOC_COMPARE_H
#define CODEDOC_COMPARE_H

#include "model.h"
#include "value.h"

/* Returns a map of booleans and phase lists (see README, "Comparison
 * pages"); av and bv are the codes' page values, sep the translated list
 * separator. */
struct val *compare_val(struct arena *a, const struct code *x, const struct code *y,
    const struct val *av, const struct val *bv, const char *sep);

#endif
