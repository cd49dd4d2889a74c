/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plural.h: evaluator for gettext Plural-Forms expressions (the C subset
 * of gettext's plural.y: ?: || && == != < > <= >= + - * / % ! and n). */
#ifndef CODEDOC_PLURAL_H
#define CODEDOC_PLURAL_H

struct plural;

/* No language has more plural forms than this (Arabic has six). */
#define PLURAL_MAX 16

/* Parses a header value "nplurals=2; plural=(n != 1);".  Returns NULL
 * and sets *err to a static message when it is malformed, or when the
 * expression gives a value >= nplurals (or divides by zero) for some n in
 * 0..1000, as msgfmt --check does. */
struct plural *plural_parse(const char *header, const char **err);
void plural_free(struct plural *p);
unsigned long plural_nplurals(const struct plural *p);
unsigned long plural_eval(const struct plural *p, unsigned long n);

#endif
