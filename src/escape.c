/* SPDX-License-Identifier: GPL-3.0-or-later */
/* escape.c: HTML and roff escaping (rules from mandoc_char(7) and the
 * HTML5 serialisation algorithm). */
#include "escape.h"

#include <string.h>

/* What to do with a character that is not plain text. */
enum special {
	SP_NONE,      /* ordinary character */
	SP_DROP,      /* C0 and C1 controls, DEL, bidi embeddings and overrides */
	SP_SPACE,     /* U+2028, U+2029: line breaks of their own */
	SP_INVISIBLE  /* zero-width and formatting characters: kept, but they
	               * do not count as the start of a roff line's text */
};

/* Classifies the character at s (n bytes left); sets *len to its size. */
static enum special
classify(const unsigned char *s, size_t n, size_t *len)
{
	*len = 1;
	if ((s[0] < 0x20 && s[0] != '\t' && s[0] != '\n') || s[0] == 0x7f)
		return SP_DROP;
	if (s[0] == 0xc2 && n >= 2 && s[1] >= 0x80 && s[1] <= 0x9f) {
		*len = 2;
		return SP_DROP;
	}
	if (s[0] == 0xc2 && n >= 2 && s[1] == 0xad) {
		*len = 2; /* soft hyphen */
		return SP_INVISIBLE;
	}
	if (s[0] == 0xe2 && n >= 3 && s[1] == 0x80 && s[2] >= 0x8b && s[2] <= 0xaf) {
		*len = 3; /* U+200B..U+202F */
		if (s[2] == 0xa8 || s[2] == 0xa9)
			return SP_SPACE;
		if (s[2] >= 0xaa && s[2] <= 0xae)
			return SP_DROP;
		return s[2] <= 0x8f ? SP_INVISIBLE : SP_NONE;
	}
	if (s[0] == 0xe2 && n >= 3 && s[1] == 0x81 && s[2] >= 0xa0 && s[2] <= 0xaf) {
		*len = 3; /* U+2060..U+206F: word joiner, isolates */
		return SP_INVISIBLE;
	}
	if (s[0] == 0xef && n >= 3 && s[1] == 0xbb && s[2] == 0xbf) {
		*len = 3; /* zero-width no-break space */
		return SP_INVISIBLE;
	}
	return SP_NONE;
}

/* Bytes that esc_html() copies as they are, in runs: printable ASCII
 * but the five it escapes, and UTF-8 bytes that cannot start one of
 * the sequences classify() knows (U+0080..U+009F, U+00AD, U+2028...). */
static int
html_plain(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'')
	    || c == '\t' || c == '\n' || (c >= 0x80 && c != 0xc2 && c != 0xe2 && c != 0xef);
}

void
esc_html(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len, run = i;
		enum special sp;

		while (run < n && html_plain((unsigned char)s[run]))
			run++;
		if (run > i) {
			buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		sp = classify((const unsigned char *)s + i, n - i, &len);
		if (sp == SP_DROP) {
			i += len;
			continue;
		}
		if (sp == SP_SPACE) {
			buf_putc(out, ' ');
			i += len;
			continue;
		}
		switch (c) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default: buf_add(out, s + i, len);
		}
		i += len;
	}
}

static void
roff_char(struct buf *out, char c)
{
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
	default: buf_putc(out, c);
	}
}

void
esc_roff(struct buf *out, const char *s, size_t n)
{
	/* Whether the next visible character starts an output line: judged
	 * on the output, so that a dropped or invisible character cannot
	 * move a '.' or '\'' to the start of a line. */
	int bol = out->len == 0 || out->data[out->len - 1] == '\n';

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len;
		enum special sp = classify((const unsigned char *)s + i, n - i, &len);

		if (sp == SP_DROP) {
			i += len;
			continue;
		}
		if (bol && (c == '.' || c == '\''))
			buf_puts(out, "\\&");
		if (sp == SP_SPACE)
			buf_putc(out, ' ');
		else if (len > 1)
			buf_add(out, s + i, len);
		else
			roff_char(out, (char)c);
		bol = bol && sp == SP_INVISIBLE;
		i += len;
	}
}

void
esc_json(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)c);
		} else if (c == '\n')
			buf_puts(out, "\\n");
		else if (c < 0x20 || c == 0x7f || c == '<')
			buf_printf(out, "\\u%04x", c);
		else if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80
		    && ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
			buf_printf(out, "\\u%04x", 0x2000 + ((unsigned char)s[i + 2] & 0x3f));
			i += 2;
		} else
			buf_putc(out, (char)c);
	}
}

void
esc_plain(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len;
		enum special sp = classify((const unsigned char *)s + i, n - i, &len);

		if (sp == SP_SPACE)
			buf_putc(out, ' ');
		else if (sp != SP_DROP)
			buf_add(out, s + i, len);
		i += len;
	}
}

void
esc_fmt(enum fmt f, struct buf *out, const char *s, size_t n)
{
	switch (f) {
	case FMT_HTML: esc_html(out, s, n); break;
	case FMT_ROFF: esc_roff(out, s, n); break;
	case FMT_TEXT: buf_add(out, s, n); break;
	case FMT_JSON: esc_json(out, s, n); break;
	case FMT_PLAIN: esc_plain(out, s, n); break;
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
	else if (strcmp(dot, ".json") == 0 || strcmp(dot, ".js") == 0)
		*f = FMT_JSON;
	else if (strcmp(dot, ".txt") == 0)
		*f = FMT_PLAIN;
	else
		return -1;
	return 0;
}
