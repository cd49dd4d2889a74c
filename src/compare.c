/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare.c: shared and differing facts of two codes. */
#include "compare.h"

#include <string.h>

static int
same_classes(const struct code *x, const struct code *y)
{
	if (x->nclasses != y->nclasses)
		return 0;
	for (size_t i = 0; i < x->nclasses; i++)
		if (x->classes[i] != y->classes[i])
			return 0;
	return 1;
}

static int
has_phase(const struct code *c, const struct phase *p)
{
	for (size_t i = 0; i < c->nphases; i++)
		if (c->phases[i] == p)
			return 1;
	return 0;
}

static int
phases_within(const struct code *x, const struct code *y)
{
	for (size_t i = 0; i < x->nphases; i++)
		if (!has_phase(y, x->phases[i]))
			return 0;
	return 1;
}

static const char *
str_of(const struct val *m, const char *key)
{
	const struct val *v = val_get(m, key);

	return v != NULL && v->kind == VAL_STR ? v->u.s : "";
}

static int
same_ref(const struct val *a, const struct val *b)
{
	return strcmp(str_of(a, "rfc"), str_of(b, "rfc")) == 0
	    && strcmp(str_of(a, "section"), str_of(b, "section")) == 0
	    && strcmp(str_of(a, "href"), str_of(b, "href")) == 0;
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

static void
flag(struct arena *a, struct val *m, const char *key, int b)
{
	val_set(a, m, key, val_bool(a, b));
}

struct val *
compare_val(struct arena *a, const struct code *x, const struct code *y, const struct val *av,
    const struct val *bv)
{
	struct val *m = val_map(a);

	flag(a, m, "same_class", same_classes(x, y));
	flag(a, m, "same_outcome", x->outcome == y->outcome);
	flag(a, m, "has_category", x->category != NULL || y->category != NULL);
	flag(a, m, "same_category", x->category != NULL && x->category == y->category);
	flag(a, m, "has_phases", x->nphases > 0 || y->nphases > 0);
	flag(a, m, "same_phases", x->nphases > 0 && phases_within(x, y) && phases_within(y, x));
	flag(a, m, "has_status", x->status != STATUS_STANDARD || y->status != STATUS_STANDARD);
	flag(a, m, "same_status", x->status == y->status);
	val_set(a, m, "refs", merged_refs(a, av, bv));
	return m;
}
