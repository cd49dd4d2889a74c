/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pot.h: writes the translation template (.pot) for the templates, the
 * built-in interface strings and the database, with libgettextpo. */
#ifndef CODEDOC_POT_H
#define CODEDOC_POT_H

#include "model.h"
#include "tmpl.h"
#include "util.h"

/* Built-in interface messages the C code asks for (language name and
 * direction, list separator): listed here so the .pot has them. */
struct builtin_msg {
	const char *ctxt, *msgid, *comment;
};
extern const struct builtin_msg pot_builtins[];
extern const size_t pot_nbuiltins;

/* Writes the .pot to path ("-" for stdout).  date is the
 * POT-Creation-Date ("YYYY-MM-DD").  Returns 0 or -1 after reporting. */
int pot_write(const char *path, const struct tmpl_set *tmpls, const char *tmpl_prefix,
    const struct db *db, const char *date, const char *version, struct diag *d);

#endif
