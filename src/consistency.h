/* SPDX-License-Identifier: GPL-3.0-or-later */
/* consistency.h: a catalog checked against itself and its glossary: the
 * same English text translated two ways, and a glossary term
 * (po/glossary/<lang>.po) translated against the glossary.  Each finding
 * is a warning with the catalog's file and line. */
#ifndef CODEDOC_CONSISTENCY_H
#define CODEDOC_CONSISTENCY_H

#include "catalog.h"
#include "util.h"

/* Returns the number of warnings reported; glossary may be NULL. */
int consistency_check(const struct catalog *cat, const struct catalog *glossary,
    struct diag *d);

#endif
