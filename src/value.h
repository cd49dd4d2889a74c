/* SPDX-License-Identifier: GPL-3.0-or-later */
/* value.h: the values a template renders: strings, booleans, lists and
 * maps, allocated in an arena that is freed in one call.  Values carry no
 * markup: the template engine escapes them for the output format. */
#ifndef CODEDOC_VALUE_H
#define CODEDOC_VALUE_H

#include <stddef.h>

enum val_kind { VAL_STR, VAL_BOOL, VAL_LIST, VAL_MAP };

struct val;

struct kv {
	const char *key;
	const struct val *val;
};

struct val {
	enum val_kind kind;
	/* VAL_STR: set when the text is the English fallback of a missing
	 * translation, so that HTML can mark it lang="en". */
	int fallback;
	/* VAL_STR: made by the program from checked data (a date, a number),
	 * never from a translation or the database: the only kind of value
	 * that {{{raw}}} may show unescaped. */
	int trusted;
	/* VAL_STR: a text of the database looked up in a catalog, one of the
	 * words that make a page translated or not. */
	int msg;
	/* VAL_STR: a count (val_int), which page text shows in the digits of
	 * the page's language. */
	int number;
	/* Set by val_seal(): digest holds the value's digest, and the value
	 * must not change any more. */
	int sealed;
	unsigned long long digest;
	union {
		const char *s;
		int b;
		struct {
			const struct val **items;
			size_t n, cap;
		} list;
		struct {
			struct kv *kv;
			size_t n, cap;
		} map;
	} u;
};

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);
const char *arena_strdup(struct arena *a, const char *s);
const char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Strings are copied into the arena. */
struct val *val_str(struct arena *a, const char *s);
struct val *val_text(struct arena *a, const char *s, int fallback);
/* A database text in a language: msg set, fallback when it is English. */
struct val *val_msg(struct arena *a, const char *s, int fallback);
struct val *val_int(struct arena *a, long n);
/* A string the program itself made from checked input (see trusted). */
struct val *val_trusted(struct arena *a, const char *s);
struct val *val_bool(struct arena *a, int b);
struct val *val_list(struct arena *a);
struct val *val_map(struct arena *a);
void val_push(struct arena *a, struct val *list, const struct val *item);
/* Adds or replaces key (the key must outlive the value: use literals or
 * arena strings). */
void val_set(struct arena *a, struct val *map, const char *key, const struct val *v);
/* A new map with the entries of map (the values themselves are shared). */
struct val *val_clone(struct arena *a, const struct val *map);
const struct val *val_get(const struct val *map, const char *key);
/* A digest of everything about v that can change a rendering: kinds,
 * strings, flags, keys and order.  Sealed values answer at once. */
unsigned long long val_digest(const struct val *v);
/* Computes and stores the digests of v and all below it, which must not
 * change afterwards: values shared by many pages are hashed once. */
void val_seal(struct val *v);

/* Truthiness for sections: false, "", an empty list are false. */
int val_truthy(const struct val *v);

#endif
