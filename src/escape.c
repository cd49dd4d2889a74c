/* SPDX-License-Identifier: GPL-3.0-or-later */
/* escape.c: HTML and roff escaping (rules from mandoc_char(7) and the
 * HTML5 serialisation algorithm). */
#include "escape.h"

#include <string.h>

static int
is_dropped_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

void
esc_html(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default:
			if (!is_dropped_control(c))
				buf_putc(out, (char)c);
		}
	}
}

void
esc_roff(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* \& is zero-width, so it is harmless where the value does
		 * not start a line, and required where it does. */
		if (i == 0 && (c == '.' || c == '\''))
			buf_puts(out, "\\&");
		switch (c) {
		case '\\': buf_puts(out, "\\e"); break;
		case '-': buf_puts(out, "\\-"); break;
		case '"': buf_puts(out, "\\(dq"); break;
		case '`': buf_puts(out, "\\(ga"); break;
		case '^': buf_puts(out, "\\(ha"); break;
		case '~': buf_puts(out, "\\(ti"); break;
		case '\n':
		case '\r':
		case '\t': buf_putc(out, ' '); break;
		default:
			if (!is_dropped_control(c))
				buf_putc(out, (char)c);
		}
	}
}

void
esc_fmt(enum fmt f, struct buf *out, const char *s, size_t n)
{
	switch (f) {
	case FMT_HTML: esc_html(out, s, n); break;
	case FMT_ROFF: esc_roff(out, s, n); break;
	case FMT_TEXT: buf_add(out, s, n); break;
	}
}

int
fmt_from_name(const char *name, enum fmt *f)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL)
		return -1;
	/* XML escaping is HTML escaping: same five characters. */
	if (strcmp(dot, ".html") == 0 || strcmp(dot, ".xml") == 0)
		*f = FMT_HTML;
	else if (strcmp(dot, ".7") == 0 || strcmp(dot, ".1") == 0 || strcmp(dot, ".man") == 0)
		*f = FMT_ROFF;
	else if (strcmp(dot, ".css") == 0)
		*f = FMT_TEXT;
	else
		return -1;
	return 0;
}
