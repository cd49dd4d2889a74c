/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tmpl.h: the template engine.  A template is parsed once into a tree and
 * rendered many times against a value tree (value.h).  Escaping is chosen
 * by the template's output format (its file name ending) and is automatic;
 * the syntax is described in README.md ("Templates"). */
#ifndef CODEDOC_TMPL_H
#define CODEDOC_TMPL_H

#include "escape.h"
#include "util.h"
#include "value.h"

struct tmpl;
struct tmpl_set;

/* Looks a message up in one language.  Returns the text to show and sets
 * *fallback when that text is the untranslated source. */
struct translator {
	const char *(*get)(void *arg, const char *ctxt, const char *msgid, int *fallback);
	const char *(*nget)(void *arg, const char *ctxt, const char *msgid,
	    const char *plural, unsigned long n, int *fallback);
	void *arg;
};

/* Words of the texts a page shows in element content, and how many of
 * them are in the page's language (database texts and translations). */
struct tmpl_words {
	size_t done, total;
};

struct tmpl_env {
	const struct translator *tr; /* NULL: show the source text */
	const char *src_lang;        /* language of source text, "en" */
	struct diag *d;
	int isolate;                 /* right-to-left page: English fallbacks get
	                              * dir="ltr", which isolates them */
	struct tmpl_words *count;    /* when set, words are counted here */
	const char *const *digits;   /* 10 digits for counts in page text, or
	                              * NULL for ASCII */
};

/* A translatable message found in a template, for the .pot file. */
struct tmpl_msg {
	const char *ctxt;   /* NULL when none */
	const char *msgid;
	const char *plural; /* NULL unless {{_n ...}} */
	const char *note;   /* comment for translators, NULL when none */
	const char *file;
	int line;
};

struct tmpl_set *tmpl_set_new(void);
void tmpl_set_free(struct tmpl_set *set);
/* Parses src as template name ("html/code.html"); the format follows the
 * name's ending.  Returns 0, or -1 after reporting to d. */
int tmpl_set_add(struct tmpl_set *set, const char *name, const char *src, struct diag *d);
/* Adds every template below dir (names relative to dir), then links. */
int tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct diag *d);
/* Resolves {{> partial}} references; reports unknown ones. */
int tmpl_set_link(struct tmpl_set *set, struct diag *d);
/* A digest of every template's name and source: what a page's rendering
 * depends on besides its values and its language's interface texts. */
unsigned long long tmpl_set_digest(const struct tmpl_set *set);
const struct tmpl *tmpl_set_get(const struct tmpl_set *set, const char *name);
/* Calls fn for each translatable message, templates in name order. */
void tmpl_set_messages(const struct tmpl_set *set,
    void (*fn)(void *arg, const struct tmpl_msg *m), void *arg);

enum fmt tmpl_fmt(const struct tmpl *t);
const char *tmpl_name(const struct tmpl *t);

/* Appends the rendering to out.  Returns 0, or -1 after reporting the
 * first problem (such as an unknown value) to env->d. */
int tmpl_render(const struct tmpl *t, const struct val *ctx, const struct tmpl_env *env,
    struct buf *out);

#endif
