/* SPDX-License-Identifier: GPL-3.0-or-later */
/* db_xml.h: reads the XML code database into the model: RelaxNG validation,
 * then the semantic checks the schema cannot express. */
#ifndef CODEDOC_DB_XML_H
#define CODEDOC_DB_XML_H

#include "model.h"
#include "util.h"

/* Loads every *.xml file of dir (in name order), validating each against
 * the program's built-in schema, or the schema file given (for tests).
 * Problems go to d with file and line; returns 0 on success, -1 when
 * anything was wrong (db is then freed and empty). */
int db_load_dir(struct db *db, const char *dir, const char *schema, struct diag *d);

/* Loads the given files, same contract as db_load_dir(). */
int db_load_files(struct db *db, char *const *files, size_t nfiles, const char *schema,
    struct diag *d);

#endif
