/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The template parser and renderer: the input is a template (HTML or
 * roff by its first byte) rendered against a small value tree with a
 * hostile translator. */
#include "fuzz.h"

#include "tmpl.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const char *
tr_get(void *arg, const char *ctxt, const char *msgid, int *fb)
{
	(void)arg;
	(void)ctxt;
	*fb = msgid[0] == 'A';
	/* A translation that repeats a placeholder, as a hostile catalog may. */
	return msgid[0] == 'B' ? "{code.title}{code.title}{code.title}.so x\n'sh" : msgid;
}

static const char *
tr_nget(void *arg, const char *ctxt, const char *msgid, const char *plural, unsigned long n,
    int *fb)
{
	return tr_get(arg, ctxt, n == 1 ? msgid : plural, fb);
}

static struct val *
values(struct arena *a)
{
	struct val *m = val_map(a), *code = val_map(a), *list = val_list(a);

	val_set(a, code, "id", val_str(a, "451"));
	val_set(a, code, "title", val_text(a, ".so /etc/passwd <b>\"'&", 1));
	val_set(a, m, "code", code);
	for (int i = 0; i < 3; i++) {
		struct val *p = val_map(a);

		val_set(a, p, "name", val_str(a, i ? "RCPT TO" : "'MAIL"));
		val_push(a, list, p);
	}
	val_set(a, m, "phases", list);
	val_set(a, m, "count", val_int(a, 3));
	val_set(a, m, "yes", val_bool(a, 1));
	val_set(a, m, "date", val_trusted(a, "2026-01-01"));
	return m;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct diag d = fuzz_diag();
	struct tmpl_set *set;
	struct translator tr = { tr_get, tr_nget, NULL };
	struct tmpl_env env = { &tr, "en", &d, 0, NULL, NULL };
	const char *name = size > 0 && (data[0] & 1) ? "man/t.7" : "html/t.html";
	char *src;
	struct arena *a;
	struct buf out = BUF_INIT;

	if (size == 0)
		return 0;
	set = tmpl_set_new();
	src = fuzz_str(data + 1, size - 1);
	a = arena_new();
	/* A partial of the same name lets the input include itself. */
	if (tmpl_set_add(set, name, src, &d) == 0
	    && tmpl_set_add(set, name[0] == 'm' ? "man/p.7" : "html/p.html", src, &d) == 0
	    && tmpl_set_link(set, &d) == 0)
		(void)tmpl_render(tmpl_set_get(set, name), values(a), &env, &out);
	buf_free(&out);
	arena_free(a);
	tmpl_set_free(set);
	free(src);
	return 0;
}
