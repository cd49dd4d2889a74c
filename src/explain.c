/* SPDX-License-Identifier: GPL-3.0-or-later */
/* explain.c: the codes of a text, explained in one language (see
 * explain.h). */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include "langvals.h"
#include "match.h"
#include "nls.h"

#define WORD_HITS_MAX 20 /* as LIMIT in templates/html/search.js */

/* Index of the language code (n bytes) in langs, or -1. */
static int
find_lang(char *const *langs, size_t nlangs, const char *code, size_t n)
{
	for (size_t i = 0; i < nlangs; i++)
		if (strlen(langs[i]) == n && strncmp(langs[i], code, n) == 0)
			return (int)i;
	return -1;
}

static int
is_c(const char *v, size_t n)
{
	return (n == 1 && v[0] == 'C') || (n == 5 && strncmp(v, "POSIX", 5) == 0)
	    || (n >= 2 && strncmp(v, "C.", 2) == 0);
}

/* "pt_BR.UTF-8@euro": pt_BR, then pt.  -2 when it names no language. */
static int
lang_of(char *const *langs, size_t nlangs, const char *v, size_t n)
{
	size_t base = strcspn(v, "_.@");
	size_t full = strcspn(v, ".@");
	int i;

	if (full > n)
		full = n;
	if (base > n)
		base = n;
	if (is_c(v, n))
		return -1;
	if ((i = find_lang(langs, nlangs, v, full)) >= 0)
		return i;
	if ((i = find_lang(langs, nlangs, v, base)) >= 0)
		return i;
	return n >= 2 && strncmp(v, "en", 2) == 0 && (n == 2 || v[2] == '_' || v[2] == '.')
	    ? -1 : -2;
}

static const char *
locale_env(void)
{
	static const char *const names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = getenv(names[i]);

		if (v != NULL && *v != '\0')
			return v;
	}
	return NULL;
}

int
explain_lang(char *const *langs, size_t n)
{
	const char *loc = locale_env(), *list = getenv("LANGUAGE");
	int i;

	/* gettext ignores LANGUAGE under the C locale, and so do we. */
	if (loc == NULL || is_c(loc, strlen(loc)))
		return -1;
	for (const char *p = list; p && *p;) {
		size_t len = strcspn(p, ":");

		if (len > 0 && (i = lang_of(langs, n, p, len)) != -2)
			return i;
		p += len;
		if (*p == ':')
			p++;
	}
	i = lang_of(langs, n, loc, strlen(loc));
	return i >= 0 ? i : -1;
}

struct hits {
	struct arena *a;
	const struct lang_state *ls;
	struct val *list;
};

static const struct val *
class_of(struct arena *a, const struct val *code, const struct rclass *cls)
{
	const struct val *classes = val_get(code, "classes");

	for (size_t i = 0; cls && i < classes->u.list.n; i++)
		if (strcmp(val_get(classes->u.list.items[i], "id")->u.s, cls->id) == 0)
			return classes->u.list.items[i];
	return val_bool(a, 0);
}

/* The code as the text wrote it: "X.1.1" in class 5 is "5.1.1". */
static const char *
written(struct arena *a, const struct match_hit *h)
{
	const char *dot = strchr(h->code->id, '.');

	if (h->cls != NULL && dot != NULL && h->code->registry->digits == DIGITS_DOTTED)
		return arena_printf(a, "%s%s", h->cls->id, dot);
	return h->code->id;
}

static void
on_hit(void *arg, const struct match_hit *h)
{
	struct hits *x = arg;
	struct val *m = val_map(x->a);
	const struct val *code = lang_code(x->ls, h->code);
	const struct db *db = x->ls->s->db;

	val_set(x->a, m, "registry", x->ls->regs[h->code->registry - db->regs]);
	val_set(x->a, m, "code", code);
	val_set(x->a, m, "form", val_str(x->a, written(x->a, h)));
	val_set(x->a, m, "class", class_of(x->a, code, h->cls));
	/* A code of several classes says what each class does; the class
	 * the text names tells which one applies, and its outcome is true
	 * of every code in it. */
	val_set(x->a, m, "outcome", h->cls && h->code->nclasses > 1
	    ? val_get(val_get(m, "class"), "outcome") : val_get(code, "outcome"));
	val_set(x->a, m, "score", val_int(x->a, h->score));
	val_push(x->a, x->list, m);
}

struct scored {
	const struct code *code;
	int score;
	size_t order;
};

static int
cmp_scored(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* The word side of the matcher, as search.js does it. */
static void
word_hits(struct hits *x, const char *text)
{
	const struct db *db = x->ls->s->db;
	char *q = match_words(text, NULL);
	struct scored *v = NULL;
	size_t n = 0, order = 0;

	for (size_t r = 0; *q && r < db->nregs; r++)
		for (size_t i = 0; i < db->regs[r].ncodes; i++, order++) {
			const struct val *c = lang_code(x->ls, &db->regs[r].codes[i]);
			int score = match_score(q, val_get(c, "title_words")->u.s,
			    val_get(c, "words")->u.s);

			if (score == 0)
				continue;
			v = xgrow(v, n, sizeof *v);
			v[n++] = (struct scored){ &db->regs[r].codes[i], score, order };
		}
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_scored);
	for (size_t i = 0; i < n && i < WORD_HITS_MAX; i++) {
		struct match_hit h = { v[i].code, NULL, v[i].score };

		on_hit(x, &h);
	}
	free(v);
	free(q);
}

int
explain_render(const struct site *s, size_t li, const char *text, int json,
    struct buf *out, struct diag *d)
{
	const char *name = json ? "json/explain.json" : "text/explain.txt";
	const struct tmpl *t = tmpl_set_get(s->tmpls, name);
	struct lang_state ls;
	struct match_forms forms;
	struct arena *a;
	struct hits x;
	struct val *ctx;
	const char *by;
	int n = -1;

	if (t == NULL) {
		diag_report(d, DIAG_ERROR, name, 0, 0, "%s", _("template is missing"));
		return -1;
	}
	lang_prepare(&ls, s, li);
	match_forms_make(&forms, s->db);
	a = arena_new();
	x = (struct hits){ a, &ls, val_list(a) };
	by = match_codes(&forms, text, on_hit, &x) > 0 ? "code" : "words";
	if (strcmp(by, "words") == 0)
		word_hits(&x, text);
	if (x.list->u.list.n == 0)
		by = "none";
	ctx = val_map(a);
	val_set(a, ctx, "lang", ls.lang);
	val_set(a, ctx, "input", val_str(a, text));
	val_set(a, ctx, "by", val_str(a, by));
	val_set(a, ctx, "by_code", val_bool(a, strcmp(by, "code") == 0));
	val_set(a, ctx, "by_words", val_bool(a, strcmp(by, "words") == 0));
	val_set(a, ctx, "hits", x.list);
	val_set(a, ctx, "base_url", val_str(a, s->base_url ? s->base_url : ""));
	{
		struct tmpl_env env = { &ls.tr, NULL, d, 0, NULL, NULL };

		if (tmpl_render(t, ctx, &env, out) == 0)
			n = (int)x.list->u.list.n;
	}
	arena_free(a);
	match_forms_free(&forms);
	lang_release(&ls, s->db->nregs);
	return n;
}
