/* SPDX-License-Identifier: GPL-3.0-or-later */
/* validate.h: the semantic pass over a loaded database: what a RelaxNG
 * schema cannot say (duplicates, digits that disagree with the class,
 * references to codes that do not exist).  It also resolves references. */
#ifndef CODEDOC_VALIDATE_H
#define CODEDOC_VALIDATE_H

#include "model.h"
#include "util.h"

/* Reports each problem with file, line and code; returns the number of
 * errors found. */
int db_check(struct db *db, struct diag *d);

#endif
