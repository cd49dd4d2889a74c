/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare.h: what two codes of one registry share and what sets them
 * apart, from their per-code facts only (classes, outcome, category,
 * phases, status), for the comparison pages.  Nothing here is a sentence:
 * the template turns these facts into a table, and a pair's hand-written
 * notes come from the data. */
#ifndef CODEDOC_COMPARE_H
#define CODEDOC_COMPARE_H

#include "model.h"
#include "value.h"

/* A map of booleans (same_class, same_outcome, has_category,
 * same_category, has_phases, same_phases, has_status, same_status) and the
 * references of both codes (refs); av and bv are the codes' values. */
struct val *compare_val(struct arena *a, const struct code *x, const struct code *y,
    const struct val *av, const struct val *bv);

#endif
