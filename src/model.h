/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model.h: the code database as plain structs.  One struct db owns every
 * registry, code and string below it; db_free() releases all of it.  The
 * model knows nothing of XML, templates or output formats. */
#ifndef CODEDOC_MODEL_H
#define CODEDOC_MODEL_H

#include <stddef.h>

/* Where a piece of text came from, for diagnostics and .pot references. */
struct srcpos {
	const char *file; /* borrowed from the owning registry */
	long line;
};

/* A translatable text: its English source and where it stands. */
struct text {
	char *src;
	struct srcpos pos;
};

/* Paragraphs of one field (description, when, fix, intro). */
struct paras {
	struct text *p;
	size_t n;
};

/* What a client does after a reply of a given class. */
enum retry {
	RETRY_NONE,     /* success: nothing to repeat */
	RETRY_CONTINUE, /* intermediate: send the next part */
	RETRY_LATER,    /* transient: try the same again later */
	RETRY_NEVER     /* permanent: do not repeat unchanged */
};

enum code_status { STATUS_STANDARD, STATUS_NONSTANDARD, STATUS_DEPRECATED };

struct rclass {
	int digit;
	enum retry retry;
	struct text name;
	struct text meaning;
};

struct category {
	int digit;
	struct text name;
};

struct phase {
	char *id;
	struct text name;
};

struct ref {
	unsigned rfc;
	char *section; /* NULL when the whole document is meant */
};

struct related {
	char *registry; /* resolved id, never NULL after loading */
	char *code;
	struct code *target; /* resolved by the loader */
	long line;
};

struct code {
	char *id;   /* "451", "X.1.1" */
	char *slug; /* file-name form: "451", "x.1.1" */
	int classes[4];
	size_t nclasses;
	int category;
	enum code_status status;
	struct text title;
	char **phase_ids;      /* as written in the data */
	struct phase **phases; /* resolved by db_check() */
	size_t nphases;
	struct paras description, when, fix;
	struct text use;
	struct ref *refs;
	size_t nrefs;
	struct related *related;
	size_t nrelated;
	struct registry *registry;
	long line;
};

struct registry {
	char *id;
	char *file;
	char *date; /* YYYY-MM-DD */
	int compare; /* make a page for every pair of codes */
	struct text name;
	struct text short_name; /* "SMTP" */
	struct paras intro;
	struct rclass *classes;
	size_t nclasses;
	struct category *categories;
	size_t ncategories;
	struct phase *phases;
	size_t nphases;
	struct code *codes;
	size_t ncodes;
};

struct db {
	struct registry *regs;
	size_t nregs;
};

void db_free(struct db *db);
struct registry *db_registry(const struct db *db, const char *id);
struct code *registry_code(const struct registry *reg, const char *id);
const struct rclass *registry_class(const struct registry *reg, int digit);
const struct category *registry_category(const struct registry *reg, int digit);
struct phase *registry_phase(const struct registry *reg, const char *id);
/* The newest registry date, for the man page footer. */
const char *db_date(const struct db *db);
/* Retry behaviour of a code: that of its first class. */
enum retry code_retry(const struct code *c);

#endif
