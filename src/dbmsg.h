/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dbmsg.h: the translatable texts of the database and the message context
 * (msgctxt) of each, "registry:code:field".  The .pot writer, the page
 * builder and the statistics all enumerate texts through here, so that
 * they always agree on what is translatable and how it is keyed. */
#ifndef CODEDOC_DBMSG_H
#define CODEDOC_DBMSG_H

#include "model.h"

struct dbmsg {
	const char *ctxt;          /* "smtp:451:fix", "smtp:450/550:choose" */
	const struct text *text;   /* English source and position */
	const char *comment;       /* what the text is, for translators */
	const struct registry *reg;
	const struct code *code;   /* NULL for registry-level texts */
};

/* Calls fn for every translatable text of reg, in file order.  The strings
 * passed are valid only during the call. */
void dbmsg_registry(const struct registry *reg, void (*fn)(void *arg, const struct dbmsg *m),
    void *arg);
/* Only the registry's own texts (name, introduction, classes,
 * categories, phases), not its codes'. */
void dbmsg_registry_head(const struct registry *reg, void (*fn)(void *arg, const struct dbmsg *m),
    void *arg);
/* The same, limited to one code. */
void dbmsg_code(const struct code *c, void (*fn)(void *arg, const struct dbmsg *m), void *arg);
/* The notes of one pair. */
void dbmsg_pair(const struct registry *reg, const struct pair *p,
    void (*fn)(void *arg, const struct dbmsg *m), void *arg);

/* Size of a context buffer: ids are at most ID_MAX bytes, so every
 * context fits and no two texts share a truncated key. */
#define DBMSG_CTXT_MAX (4 * ID_MAX + 32)
/* Writes the context of a field into buf (DBMSG_CTXT_MAX bytes). */
void dbmsg_ctxt(char *buf, const struct registry *reg, const char *what, const char *field);

#endif
