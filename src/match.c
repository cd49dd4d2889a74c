/* SPDX-License-Identifier: GPL-3.0-or-later */
/* match.c: code forms and words in free text (see match.h). */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "util.h"

static void
add_form(struct match_forms *f, const char *form, const struct code *c, const struct rclass *k)
{
	struct match_form *m;

	f->v = xgrow(f->v, f->n, sizeof *f->v);
	m = &f->v[f->n++];
	m->form = xstrdup(form);
	for (char *p = m->form; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	m->code = c;
	m->cls = k;
}

/* By form, then in database order: registries and codes are arrays, so
 * their addresses give that order. */
static int
cmp_form(const void *x, const void *y)
{
	const struct match_form *a = x, *b = y;
	int c = strcmp(a->form, b->form);

	if (c != 0)
		return c;
	if (a->code->registry != b->code->registry)
		return a->code->registry < b->code->registry ? -1 : 1;
	if (a->code != b->code)
		return a->code < b->code ? -1 : 1;
	return a->cls == b->cls ? 0 : a->cls == NULL ? -1 : b->cls == NULL ? 1
	    : strcmp(a->cls->id, b->cls->id);
}

/* "X.1.1" in class 5 is written "5.1.1": the class replaces the first
 * part of the id. */
static void
add_code(struct match_forms *f, const struct code *c)
{
	const char *dot = strchr(c->id, '.');

	add_form(f, c->id, c, c->nclasses == 1 && c->registry->digits != DIGITS_DOTTED
	    ? c->classes[0] : NULL);
	if (c->registry->digits != DIGITS_DOTTED || dot == NULL)
		return;
	for (size_t k = 0; k < c->nclasses; k++) {
		char form[2 * ID_MAX + 2];

		snprintf(form, sizeof form, "%s%s", c->classes[k]->id, dot);
		if (strcmp(form, c->id) != 0)
			add_form(f, form, c, c->classes[k]);
	}
}

void
match_forms_make(struct match_forms *f, const struct db *db)
{
	memset(f, 0, sizeof *f);
	for (size_t r = 0; r < db->nregs; r++)
		for (size_t i = 0; i < db->regs[r].ncodes; i++)
			add_code(f, &db->regs[r].codes[i]);
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, cmp_form);
}

void
match_forms_free(struct match_forms *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].form);
	free(f->v);
	memset(f, 0, sizeof *f);
}

static const char *
form_of(const void *m)
{
	return ((const struct match_form *)m)->form;
}

static int
piece_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
	    || c == '.' || c == '-' || c == '_';
}

static int
trim_char(char c)
{
	return c == '.' || c == '-' || c == '_';
}

struct seen {
	const struct match_form **v;
	size_t n;
};

/* Reports the forms equal to s[0..n), each (code, class) once. */
static size_t
lookup(const struct match_forms *f, const char *s, size_t n, struct seen *seen,
    void (*fn)(void *, const struct match_hit *), void *arg)
{
	char low[2 * ID_MAX + 2];
	size_t i, found = 0;

	while (n > 0 && trim_char(*s)) {
		s++;
		n--;
	}
	while (n > 0 && trim_char(s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof low)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	low[n] = '\0';
	for (i = sorted_find(f->v, f->n, sizeof *f->v, low, form_of); i < f->n && strcmp(f->v[i].form, low) == 0; i++) {
		struct match_hit h = { f->v[i].code, f->v[i].cls, 0 };
		size_t k;

		found++;
		for (k = 0; k < seen->n; k++)
			if (seen->v[k]->code == h.code && seen->v[k]->cls == h.cls)
				break;
		if (k < seen->n)
			continue;
		seen->v = xgrow(seen->v, seen->n, sizeof *seen->v);
		seen->v[seen->n++] = &f->v[i];
		if (fn)
			fn(arg, &h);
	}
	return found;
}

size_t
match_codes(const struct match_forms *f, const char *text,
    void (*fn)(void *arg, const struct match_hit *h), void *arg)
{
	struct seen seen = { NULL, 0 };
	size_t n;

	for (const char *p = text; *p;) {
		const char *q = p;

		while (*q && piece_char(*q))
			q++;
		if (q > p && lookup(f, p, (size_t)(q - p), &seen, fn, arg) == 0)
			for (const char *s = p; s < q;) {
				const char *e = s;

				while (e < q && *e != '-')
					e++;
				lookup(f, s, (size_t)(e - s), &seen, fn, arg);
				s = e < q ? e + 1 : e;
			}
		p = *q ? q + 1 : q;
	}
	n = seen.n;
	free(seen.v);
	return n;
}

/* Letters, marks and digits make words, in every script. */
static int
word_char(UChar32 c)
{
	return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

/* text lower-cased (Unicode's default mapping, as JavaScript's
 * toLowerCase()) in UTF-16, or NULL. */
static UChar *
lower16(const char *text, int32_t *len)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t n = 0, m;
	UChar *u, *low;

	u_strFromUTF8(NULL, 0, &n, text, -1, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return NULL;
	e = U_ZERO_ERROR;
	u = xcalloc((size_t)n + 1, sizeof *u);
	u_strFromUTF8WithSub(u, n + 1, &n, text, -1, 0xfffd, NULL, &e);
	/* Lower-casing may lengthen a text (İ becomes i and a dot). */
	low = xcalloc((size_t)n * 3 + 1, sizeof *low);
	m = u_strToLower(low, n * 3 + 1, u, n, "", &e);
	free(u);
	if (U_FAILURE(e)) {
		free(low);
		return NULL;
	}
	/* "İ" lower-cases to "i" and U+0307; nobody types the dot. */
	n = 0;
	for (int32_t i = 0; i < m; i++)
		if (low[i] != 0x0307)
			low[n++] = low[i];
	low[n] = 0;
	*len = n;
	return low;
}

static int
has_word(const char *list, const char *w, size_t n, int prefix)
{
	for (const char *p = list; p && (p = strstr(p, w)) != NULL; p++) {
		if ((p == list || p[-1] == ' ') && (prefix || p[n] == ' ' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

static void
add_word(struct buf *out, const UChar *w, int32_t n, const char *skip)
{
	char utf8[1024];
	int32_t len = 0;
	UErrorCode e = U_ZERO_ERROR;

	u_strToUTF8(utf8, (int32_t)sizeof utf8 - 1, &len, w, n, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
		return; /* a 300-letter "word" is no word to search for */
	utf8[len] = '\0';
	if ((skip && has_word(skip, utf8, (size_t)len, 0)) || has_word(out->data, utf8, (size_t)len, 0))
		return;
	if (out->len)
		buf_putc(out, ' ');
	buf_add(out, utf8, (size_t)len);
}

char *
match_words(const char *text, const char *skip)
{
	struct buf out = BUF_INIT;
	int32_t n, i = 0;
	UChar *u = lower16(text, &n);

	if (u == NULL)
		return xstrdup("");
	while (i < n) {
		int32_t start = i, chars = 0, end;
		UChar32 c;

		U16_NEXT(u, i, n, c);
		if (!word_char(c))
			continue;
		end = i;
		chars = 1;
		while (end < n) {
			int32_t k = end;

			U16_NEXT(u, k, n, c);
			if (!word_char(c))
				break;
			end = k;
			chars++;
		}
		if (chars >= 2)
			add_word(&out, u + start, end - start, skip);
		i = end;
	}
	free(u);
	return out.data ? buf_detach(&out) : xstrdup("");
}

int
match_score(const char *query_words, const char *title_words, const char *words)
{
	int score = 0, found = 0, asked = 0;

	for (const char *p = query_words; *p;) {
		size_t n = strcspn(p, " ");
		char w[1024];

		if (n > 0 && n < sizeof w) {
			memcpy(w, p, n);
			w[n] = '\0';
			int points = has_word(title_words, w, n, 1) ? 3 : has_word(words, w, n, 1);

			asked++;
			score += points;
			found += points > 0;
		}
		p += n;
		if (*p)
			p++;
	}
	/* More than half of the words: one common word is no match. */
	return found * 2 > asked ? score : 0;
}
