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

enum code_status { STATUS_STANDARD, STATUS_NONSTANDARD, STATUS_DEPRECATED };

/* What happens after a reply, in the registry's own words. */
struct outcome {
	char *id;
	struct text name; /* short label */
	struct text text; /* whole sentences, true for every code using it */
};

struct rclass {
	char *id;
	char *outcome_id;
	const struct outcome *outcome; /* resolved by db_check() */
	struct text name;
	struct text meaning;
};

struct category {
	char *id;
	struct text name;
};

struct phase {
	char *id;
	int all; /* stands for every command */
	struct text name;
};

/* An RFC (rfc > 0, section or NULL) or another document (href, title). */
struct ref {
	unsigned rfc;
	char *section;
	char *href;
	struct text title;
};

struct related {
	char *registry; /* resolved id, never NULL after loading */
	char *code;
	struct code *target; /* resolved by the loader */
	long line;
};

struct code {
	char *id;   /* "451", "X.1.1", "E1001" */
	char *slug; /* file-name form, lower case: "451", "x.1.1" */
	char **class_ids;               /* as written in the data */
	const struct rclass **classes;  /* resolved by db_check() */
	size_t nclasses;
	char *category_id;              /* NULL when the code has none */
	const struct category *category;
	char *outcome_id;               /* NULL: its first class's */
	const struct outcome *outcome;  /* resolved: its own or its class's */
	enum code_status status;
	struct text title;
	char **phase_ids;      /* as written in the data */
	struct phase **phases; /* resolved by db_check() */
	size_t nphases;
	struct paras description, when, fix;
	struct text use;
	struct text note; /* src NULL when there is none */
	struct ref *refs;
	size_t nrefs;
	struct related *related;
	size_t nrelated;
	struct registry *registry;
	long line;
};

/* Two codes that get a comparison page (compare="listed") or notes. */
struct pair {
	char *a_id, *b_id;
	const struct code *a, *b; /* resolved, a before b in registry order */
	struct paras differences, choose;
	long line;
};

enum compare_mode { COMPARE_NONE, COMPARE_ALL, COMPARE_LISTED };

/* How code ids spell class and category (the registry's digits=). */
enum digits_rule { DIGITS_NONE, DIGITS_CLASS, DIGITS_CLASS_CATEGORY, DIGITS_DOTTED };

struct registry {
	char *id;
	char *file;
	char *date; /* YYYY-MM-DD */
	enum compare_mode compare;
	enum digits_rule digits;
	struct text name;
	struct text short_name; /* "SMTP" */
	struct text blurb;
	struct paras intro;
	struct outcome *outcomes;
	size_t noutcomes;
	struct rclass *classes;
	size_t nclasses;
	struct category *categories;
	size_t ncategories;
	struct phase *phases;
	size_t nphases;
	struct code *codes;
	size_t ncodes;
	struct pair *pairs;
	size_t npairs;
};

struct db {
	struct registry *regs;
	size_t nregs;
};

/* Longest id of anything (registry, code, class, ...): ids become parts
 * of file names and message contexts, which must stay well below
 * NAME_MAX and DBMSG_CTXT_MAX. */
#define ID_MAX 64

void db_free(struct db *db);
struct registry *db_registry(const struct db *db, const char *id);
struct code *registry_code(const struct registry *reg, const char *id);
const struct rclass *registry_class(const struct registry *reg, const char *id);
const struct category *registry_category(const struct registry *reg, const char *id);
const struct outcome *registry_outcome(const struct registry *reg, const char *id);
struct phase *registry_phase(const struct registry *reg, const char *id);
/* The pair of a and b (in either order), or NULL. */
const struct pair *registry_pair(const struct registry *reg, const struct code *a,
    const struct code *b);
/* Whether a and b (distinct) get a comparison page. */
int registry_compares(const struct registry *reg, const struct code *a, const struct code *b);
/* Number of comparison pages of reg. */
size_t registry_compare_count(const struct registry *reg);
/* The newest registry date, for the man page footer. */
const char *db_date(const struct db *db);
/* Whether s may be a code id: 1 to ID_MAX letters, digits, '.', '_' or
 * '-', starting with a letter or digit; safe as part of a file name. */
int code_id_ok(const char *s);
/* The same for other ids: lower-case letters, digits and '-'. */
int ident_ok(const char *s);

#endif
