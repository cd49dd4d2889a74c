/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare.c: differences between two codes. */
#include "compare.h"

#include <string.h>

#include "util.h"

static int
has_phase(const struct code *c, const struct phase *p)
{
	for (size_t i = 0; i < c->nphases; i++)
		if (c->phases[i] == p)
			return 1;
	return 0;
}

/* Joins the translated names of x's phases that are (want_in = 1) or are
 * not (0) phases of y. */
static const char *
join_phases(struct arena *a, const struct code *x, const struct val *xv, const struct code *y,
    int want_in, const char *sep, size_t *count)
{
	const struct val *names = val_get(xv, "phases");
	struct buf b = BUF_INIT;
	const char *s;

	*count = 0;
	for (size_t i = 0; i < x->nphases; i++) {
		if (has_phase(y, x->phases[i]) != want_in)
			continue;
		if ((*count)++)
			buf_puts(&b, sep);
		buf_puts(&b, val_get(names->u.list.items[i], "name")->u.s);
	}
	s = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static void
set_phases(struct arena *a, struct val *m, const struct code *x, const struct code *y,
    const struct val *xv, const struct val *yv, const char *sep)
{
	size_t na, nb, ns;

	val_set(a, m, "a_only", val_str(a, join_phases(a, x, xv, y, 0, sep, &na)));
	val_set(a, m, "b_only", val_str(a, join_phases(a, y, yv, x, 0, sep, &nb)));
	val_set(a, m, "shared", val_str(a, join_phases(a, x, xv, y, 1, sep, &ns)));
	val_set(a, m, "has_a_only", val_bool(a, na > 0));
	val_set(a, m, "has_b_only", val_bool(a, nb > 0));
	val_set(a, m, "has_shared", val_bool(a, ns > 0));
	val_set(a, m, "phases_differ", val_bool(a, na > 0 || nb > 0));
	val_set(a, m, "phases_known", val_bool(a, x->nphases > 0 && y->nphases > 0));
}

/* When one code is the transient and the other the permanent form of a
 * failure, the page can say which to pick. */
static void
set_severity(struct arena *a, struct val *m, const struct code *x, const struct code *y,
    const struct val *av, const struct val *bv)
{
	enum retry rx = code_retry(x), ry = code_retry(y);
	int pair = (rx == RETRY_LATER && ry == RETRY_NEVER) || (rx == RETRY_NEVER && ry == RETRY_LATER);

	val_set(a, m, "transient_vs_permanent", val_bool(a, pair));
	if (pair) {
		val_set(a, m, "transient", rx == RETRY_LATER ? av : bv);
		val_set(a, m, "permanent", rx == RETRY_LATER ? bv : av);
	}
	val_set(a, m, "both_fail", val_bool(a, (rx == RETRY_LATER || rx == RETRY_NEVER)
	    && (ry == RETRY_LATER || ry == RETRY_NEVER)));
}

static int
same_ref(const struct val *a, const struct val *b)
{
	return strcmp(val_get(a, "rfc")->u.s, val_get(b, "rfc")->u.s) == 0
	    && strcmp(val_get(a, "section")->u.s, val_get(b, "section")->u.s) == 0;
}

/* The references of both codes, each once, for "Learn more". */
static struct val *
merged_refs(struct arena *a, const struct val *av, const struct val *bv)
{
	const struct val *lists[2] = { val_get(av, "refs"), val_get(bv, "refs") };
	struct val *out = val_list(a);

	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->u.list.n; i++) {
			const struct val *r = lists[l]->u.list.items[i];
			int dup = 0;

			for (size_t k = 0; k < out->u.list.n && !dup; k++)
				dup = same_ref(out->u.list.items[k], r);
			if (!dup)
				val_push(a, out, r);
		}
	return out;
}

struct val *
compare_val(struct arena *a, const struct code *x, const struct code *y, const struct val *av,
    const struct val *bv, const char *sep)
{
	struct val *m = val_map(a);
	int class_differs = x->classes[0] != y->classes[0];
	int retry_differs = code_retry(x) != code_retry(y);
	int cat_differs = x->category != y->category;

	val_set(a, m, "class_differs", val_bool(a, class_differs));
	val_set(a, m, "same_class", val_bool(a, !class_differs));
	val_set(a, m, "retry_differs", val_bool(a, retry_differs));
	val_set(a, m, "same_retry", val_bool(a, !retry_differs));
	val_set(a, m, "category_differs", val_bool(a, cat_differs));
	val_set(a, m, "same_category", val_bool(a, !cat_differs));
	set_phases(a, m, x, y, av, bv, sep);
	set_severity(a, m, x, y, av, bv);
	val_set(a, m, "refs", merged_refs(a, av, bv));
	return m;
}
