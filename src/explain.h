/* SPDX-License-Identifier: GPL-3.0-or-later */
/* explain.h: `codedoc explain`.  Finds the codes in a text (a bounce
 * line, a log line) with the site's matcher (match.h) and renders what
 * they mean and how to fix them in one language, with the templates
 * text/explain.txt or json/explain.json. */
#ifndef CODEDOC_EXPLAIN_H
#define CODEDOC_EXPLAIN_H

#include <stddef.h>

#include "site.h"
#include "util.h"

/* The user's language among langs[0..n), as gettext picks it: LANGUAGE
 * (a list), unless the locale is C; then LC_ALL, LC_MESSAGES, LANG.
 * "pt_BR.UTF-8" tries pt_BR, then pt.  Returns an index, or -1 for the
 * source language. */
int explain_lang(char *const *langs, size_t n);

/* Renders the explanation of text in s->langs[li] into out.  Returns the
 * number of codes found, or -1 after reporting. */
int explain_render(const struct site *s, size_t li, const char *text, int json,
    struct buf *out, struct diag *d);

#endif
