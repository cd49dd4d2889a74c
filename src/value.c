/* SPDX-License-Identifier: GPL-3.0-or-later */
/* value.c: arena and template values. */
#include "value.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ARENA_CHUNK 65536

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct chunk *head;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct chunk *c = a->head;
	size_t al = sizeof(max_align_t);
	void *p;

	size = (size + al - 1) / al * al;
	if (c == NULL || c->size - c->used < size) {
		size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;

		c = xmalloc(sizeof *c + cap);
		c->size = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

const char *
arena_strdup(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = arena_alloc(a, n);

	memcpy(p, s, n);
	return p;
}

const char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return "";
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

static struct val *
val_new(struct arena *a, enum val_kind k)
{
	struct val *v = arena_alloc(a, sizeof *v);

	memset(v, 0, sizeof *v);
	v->kind = k;
	return v;
}

struct val *
val_text(struct arena *a, const char *s, int fallback)
{
	struct val *v = val_new(a, VAL_STR);

	v->u.s = arena_strdup(a, s ? s : "");
	v->fallback = fallback;
	return v;
}

struct val *
val_msg(struct arena *a, const char *s, int fallback)
{
	struct val *v = val_text(a, s, fallback);

	v->msg = 1;
	return v;
}

struct val *
val_str(struct arena *a, const char *s)
{
	return val_text(a, s, 0);
}

struct val *
val_trusted(struct arena *a, const char *s)
{
	struct val *v = val_text(a, s, 0);

	v->trusted = 1;
	return v;
}

struct val *
val_int(struct arena *a, long n)
{
	struct val *v = val_new(a, VAL_STR);

	v->u.s = arena_printf(a, "%ld", n);
	v->trusted = 1;
	v->number = 1;
	return v;
}

struct val *
val_bool(struct arena *a, int b)
{
	struct val *v = val_new(a, VAL_BOOL);

	v->u.b = b != 0;
	return v;
}

struct val *
val_list(struct arena *a)
{
	return val_new(a, VAL_LIST);
}

struct val *
val_map(struct arena *a)
{
	return val_new(a, VAL_MAP);
}

/* Arena storage cannot be realloc'd in place; grow by copying. */
static void *
grow(struct arena *a, void *old, size_t n, size_t *cap, size_t elem)
{
	void *p;

	if (n < *cap)
		return old;
	*cap = *cap ? *cap * 2 : 8;
	p = arena_alloc(a, *cap * elem);
	if (n)
		memcpy(p, old, n * elem);
	return p;
}

void
val_push(struct arena *a, struct val *list, const struct val *item)
{
	list->u.list.items = grow(a, list->u.list.items, list->u.list.n, &list->u.list.cap,
	    sizeof *list->u.list.items);
	list->u.list.items[list->u.list.n++] = item;
}

/* Keys are short and mostly differ in their first letter: a lookup is
 * the hottest loop of rendering. */
static int
same_key(const char *a, const char *b)
{
	return a == b || (a[0] == b[0] && strcmp(a, b) == 0);
}

void
val_set(struct arena *a, struct val *map, const char *key, const struct val *v)
{
	for (size_t i = 0; i < map->u.map.n; i++)
		if (same_key(map->u.map.kv[i].key, key)) {
			map->u.map.kv[i].val = v;
			return;
		}
	map->u.map.kv = grow(a, map->u.map.kv, map->u.map.n, &map->u.map.cap,
	    sizeof *map->u.map.kv);
	map->u.map.kv[map->u.map.n].key = key;
	map->u.map.kv[map->u.map.n++].val = v;
}

const struct val *
val_get(const struct val *map, const char *key)
{
	if (map == NULL || map->kind != VAL_MAP)
		return NULL;
	for (size_t i = 0; i < map->u.map.n; i++)
		if (same_key(map->u.map.kv[i].key, key))
			return map->u.map.kv[i].val;
	return NULL;
}

int
val_truthy(const struct val *v)
{
	switch (v->kind) {
	case VAL_STR: return v->u.s[0] != '\0';
	case VAL_BOOL: return v->u.b;
	case VAL_LIST: return v->u.list.n > 0;
	case VAL_MAP: return 1;
	}
	return 0;
}

static unsigned long long
val_hash(const struct val *v)
{
	unsigned long long h = hash_u64(HASH_INIT, (unsigned long long)v->kind);

	switch (v->kind) {
	case VAL_STR:
		h = hash_str(h, v->u.s);
		return hash_u64(h, (unsigned long long)(v->fallback | v->trusted << 1 | v->msg << 2
		    | v->number << 3));
	case VAL_BOOL:
		return hash_u64(h, (unsigned long long)v->u.b);
	case VAL_LIST:
		for (size_t i = 0; i < v->u.list.n; i++)
			h = hash_u64(h, val_digest(v->u.list.items[i]));
		return hash_u64(h, v->u.list.n);
	case VAL_MAP:
		for (size_t i = 0; i < v->u.map.n; i++) {
			h = hash_str(h, v->u.map.kv[i].key);
			h = hash_u64(h, val_digest(v->u.map.kv[i].val));
		}
		return hash_u64(h, v->u.map.n);
	}
	return h;
}

unsigned long long
val_digest(const struct val *v)
{
	return v->sealed ? v->digest : val_hash(v);
}

void
val_seal(struct val *v)
{
	if (v->sealed)
		return;
	if (v->kind == VAL_LIST)
		for (size_t i = 0; i < v->u.list.n; i++)
			val_seal((struct val *)v->u.list.items[i]);
	if (v->kind == VAL_MAP)
		for (size_t i = 0; i < v->u.map.n; i++)
			val_seal((struct val *)v->u.map.kv[i].val);
	v->digest = val_hash(v);
	v->sealed = 1;
}

struct val *
val_clone(struct arena *a, const struct val *map)
{
	struct val *m = val_map(a);

	for (size_t i = 0; i < map->u.map.n; i++)
		val_set(a, m, map->u.map.kv[i].key, map->u.map.kv[i].val);
	return m;
}
