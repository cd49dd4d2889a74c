/* SPDX-License-Identifier: GPL-3.0-or-later */
/* escape.h: turns untrusted text into safe HTML or roff.  Everything that
 * comes from data, catalogs or values goes through here; only markup that
 * the program or the template author wrote does not. */
#ifndef CODEDOC_ESCAPE_H
#define CODEDOC_ESCAPE_H

#include <stddef.h>

#include "util.h"

enum fmt {
	FMT_HTML,
	FMT_ROFF,
	FMT_TEXT,  /* no escaping: for assets such as CSS with no values */
	FMT_JSON,  /* inside JSON (and JavaScript) string literals */
	FMT_PLAIN  /* terminal text: control characters dropped */
};

/* & < > " ' become entities; C0 controls other than tab and newline are
 * dropped (they are not allowed in HTML). */
void esc_html(struct buf *out, const char *s, size_t n);

/* Backslash becomes \e, hyphen-minus \-, " \(dq, ` ^ ~ \(ga \(ha \(ti;
 * a leading . or ' gets \& so that it cannot start a request; newlines
 * fold to spaces so that a value can never end a macro line early. */
void esc_roff(struct buf *out, const char *s, size_t n);

/* The inside of a JSON string: " and \\ escaped, controls as \\u escapes,
 * U+2028/2029 escaped (JavaScript before ES2019 ends lines there), and
 * < as \\u003c so that no "</script>" can appear. */
void esc_json(struct buf *out, const char *s, size_t n);

/* Text for a terminal: C0 (but tab and newline), C1, DEL and bidi
 * overrides dropped, so that a translation cannot send escape sequences. */
void esc_plain(struct buf *out, const char *s, size_t n);

void esc_fmt(enum fmt f, struct buf *out, const char *s, size_t n);

/* Format of a template or output file by its name's ending. */
int fmt_from_name(const char *name, enum fmt *f);

#endif
