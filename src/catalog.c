/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalog.c: .po -> in-memory table, with libgettextpo for parsing and
 * libxml2's hash tables for lookup by (msgid, msgctxt). */
#include "catalog.h"

#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gettext-po.h>
#include <libxml/hash.h>

#include "nls.h"
#include "plural.h"

struct entry {
	char *msgstr;    /* singular form, or NULL */
	char **plurals;  /* msgstr[i], or NULL */
	size_t nplurals;
	int fuzzy;       /* present but not to be used */
	long line;       /* of its msgid line in the file */
};

struct catalog {
	char *lang;
	char *path;
	xmlHashTablePtr table;
	struct plural *plural;
};

/* libgettextpo's error handler takes no user pointer, so the loader's
 * state is reached through this thread-local, set only during cat_load. */
struct po_load {
	struct diag *d;
	const char *path;
	const char *text; /* the file as read, for lines libgettextpo does not give */
	const char *next_msgid; /* where to look for the next "msgid" line */
	long next_line;
	int errors;
	int format_bad;
	jmp_buf fatal;
};
static _Thread_local struct po_load *cur;

static void
on_xerror(int severity, po_message_t m, const char *file, size_t line, size_t col,
    int multiline, const char *text)
{
	char *msg = xstrdup(text ? text : "?");
	size_t n = strlen(msg);

	(void)m;
	(void)multiline;
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	if (cur->format_bad >= 0 && severity != PO_SEVERITY_WARNING) {
		cur->format_bad = 1;
		diag_report(cur->d, DIAG_WARNING, file ? file : cur->path,
		    file && line != (size_t)-1 ? (long)line : 0, 0, _("%s; translation not used"), msg);
	} else if (severity != PO_SEVERITY_WARNING) {
		cur->errors++;
		diag_report(cur->d, DIAG_ERROR, file ? file : cur->path,
		    file && line != (size_t)-1 ? (long)line : 0,
		    col != (size_t)-1 && file ? (long)col + 1 : 0, "%s", msg);
	}
	free(msg);
	if (severity == PO_SEVERITY_FATAL_ERROR)
		longjmp(cur->fatal, 1);
}

/* Line n (from 1) of text, as a pointer and a length. */
static const char *
nth_line(const char *text, size_t n, size_t *len)
{
	const char *p = text;

	for (size_t i = 1; i < n && p != NULL; i++)
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	if (p == NULL)
		return NULL;
	*len = strcspn(p, "\n");
	return p;
}

static int
same_line(const char *text, size_t a, size_t b)
{
	size_t la, lb;
	const char *pa = nth_line(text, a, &la), *pb = nth_line(text, b, &lb);

	return pa != NULL && pb != NULL && la == lb && memcmp(pa, pb, la) == 0;
}

static int
is_msgctxt(const char *text, size_t n)
{
	size_t len;
	const char *p = n > 0 ? nth_line(text, n, &len) : NULL;

	return p != NULL && len >= 7 && strncmp(p, "msgctxt", 7) == 0;
}

/* libgettextpo names no place for the first of two definitions: the
 * earlier msgid line that reads the same, under the same msgctxt line or
 * under none, or 0. */
static size_t
first_definition(const char *text, size_t dup)
{
	int ctx = is_msgctxt(text, dup - 1);

	for (size_t i = 2; i < dup; i++)
		if (same_line(text, i, dup) && is_msgctxt(text, i - 1) == ctx
		    && (!ctx || same_line(text, i - 1, dup - 1)))
			return i;
	return 0;
}

/* Two places, such as a duplicate and its first definition: one line
 * that names both. */
static void
on_xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1,
    const char *t1, po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2,
    const char *t2)
{
	char *msg;

	(void)m2;
	(void)c2;
	(void)ml2;
	if ((f2 == NULL || l2 == (size_t)-1 || l2 == 0) && f1 != NULL && l1 != (size_t)-1)
		l2 = first_definition(cur->text, l1);
	if (l2 != 0 && l2 != (size_t)-1)
		msg = xasprintf(_("%s (first defined at line %zu)"), t1 ? t1 : "?", l2);
	else
		msg = xstrdup(t1 ? t1 : "?");
	(void)t2;
	on_xerror(severity, m1, f1, l1, c1, ml1, msg);
	free(msg);
}

static const struct po_xerror_handler handler = { on_xerror, on_xerror2 };

static void
entry_free(void *p, const xmlChar *name)
{
	struct entry *e = p;

	(void)name;
	free(e->msgstr);
	for (size_t i = 0; i < e->nplurals; i++)
		free(e->plurals[i]);
	free(e->plurals);
	free(e);
}

void
cat_free(struct catalog *c)
{
	if (c == NULL)
		return;
	xmlHashFree(c->table, entry_free);
	plural_free(c->plural);
	free(c->lang);
	free(c->path);
	free(c);
}

const char *
cat_lang(const struct catalog *c)
{
	return c->lang;
}

/* Line of the first occurrence of what in the file, or 0. */
static long
line_of(const struct po_load *l, const char *what)
{
	const char *at = strstr(l->text, what);
	long line = 1;

	if (at == NULL)
		return 0;
	for (const char *p = l->text; p < at; p++)
		line += *p == '\n';
	return line;
}

/* Whether the escape at p (a backslash) stands for NUL: \0, \00, \000
 * (octal) or \x0, \x00 (hex). */
static int
nul_escape(const char *p)
{
	size_t n;

	if (p[1] >= '0' && p[1] <= '7') {
		n = strspn(p + 1, "01234567");
		return strspn(p + 1, "0") >= (n < 3 ? n : 3);
	}
	if (p[1] == 'x' && isxdigit((unsigned char)p[2])) {
		n = strspn(p + 2, "0123456789abcdefABCDEF");
		return strspn(p + 2, "0") == n;
	}
	return 0;
}

/* A NUL, raw or written as an escape in a string, would cut the string
 * short without a word: it is an error, with its line. */
static int
check_nul(const struct po_load *l, size_t len)
{
	long line = 1;
	int rc = 0;

	for (size_t i = 0; i < len; i++) {
		const char *p = l->text + i;

		if (*p == '\n')
			line++;
		else if (*p == '\0' || (*p == '\\' && nul_escape(p))) {
			diag_report(l->d, DIAG_ERROR, l->path, line, 0, "%s",
			    _("a NUL character in the file or in a string"));
			rc = -1;
		}
		if (*p == '\\' && i + 1 < len)
			i++; /* the escaped character is not the start of an escape */
	}
	return rc;
}

/* Checks the header: UTF-8 only (libgettextpo does not convert), and a
 * Plural-Forms that parses and stays in range. */
static int
read_header(struct catalog *c, po_file_t f, struct po_load *l)
{
	/* Declared const, but a copy that the caller frees (gettext-po.c). */
	char *hdr = (char *)po_file_domain_header(f, NULL);
	char *ct = hdr ? po_header_field(hdr, "Content-Type") : NULL;
	char *pf = hdr ? po_header_field(hdr, "Plural-Forms") : NULL;
	const char *cs = ct ? strstr(ct, "charset=") : NULL;
	const char *err = NULL;
	int rc = 0;

	if (cs == NULL || strncasecmp(cs + 8, "UTF-8", 5) != 0) {
		diag_report(l->d, DIAG_ERROR, l->path, line_of(l, "\"Content-Type:"), 0, "%s",
		    _("the header must declare charset=UTF-8"));
		rc = -1;
	}
	if (pf != NULL && (c->plural = plural_parse(pf, &err)) == NULL) {
		diag_report(l->d, DIAG_ERROR, l->path, line_of(l, "\"Plural-Forms:"), 0,
		    _("Plural-Forms: %s"), err);
		rc = -1;
	}
	free(ct);
	free(pf);
	free(hdr);
	return rc;
}

/* Runs msgfmt's format check on one entry, treating every entry as
 * python-brace-format: a translation whose {placeholders} differ from
 * the source is reported (with its line) and not used. */
static int
has_brace(const char *s)
{
	return s != NULL && strchr(s, '{') != NULL;
}

static int
format_ok(po_message_t m, const struct entry *e, struct po_load *l)
{
	int bad, any = has_brace(po_message_msgid(m)) || has_brace(po_message_msgid_plural(m))
	    || has_brace(e->msgstr);

	/* Only texts with braces can have placeholders; checking the others
	 * would cost time (and libgettextpo leaks a little per check). */
	for (size_t i = 0; i < e->nplurals && !any; i++)
		any = has_brace(e->plurals[i]);
	if (!any)
		return 1;

	po_message_set_format(m, "python-brace-format", 1);
	l->format_bad = 0;
	po_message_check_format(m, &handler);
	bad = l->format_bad == 1;
	l->format_bad = -1;
	return !bad;
}

/* libgettextpo keeps no line for a message: its "msgid" lines come in
 * the file in the order the messages are read (obsolete ones are "#~"). */
static long
msgid_line(struct po_load *l)
{
	const char *p = l->next_msgid;

	for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, "msgid ", 6) == 0) {
			const char *nl = strchr(p, '\n');
			long line = l->next_line;

			l->next_msgid = nl ? nl + 1 : NULL;
			l->next_line++;
			return line;
		}
		l->next_line++;
	}
	l->next_msgid = NULL;
	return 0;
}

static void
add_entry(struct catalog *c, po_message_t m, struct po_load *l)
{
	const char *id = po_message_msgid(m), *ctx = po_message_msgctxt(m);
	struct entry *e;
	long line;

	if (po_message_is_obsolete(m))
		return;
	line = msgid_line(l);
	if (id[0] == '\0')
		return;
	e = xcalloc(1, sizeof *e);
	e->line = line;
	e->fuzzy = po_message_is_fuzzy(m);
	if (!e->fuzzy && po_message_msgid_plural(m) != NULL) {
		const char *s;

		for (int i = 0; (s = po_message_msgstr_plural(m, i)) != NULL; i++) {
			/* No language has more forms; the rest is never used. */
			if (e->nplurals == PLURAL_MAX) {
				diag_report(l->d, DIAG_WARNING, l->path, 0, 0,
				    _("msgid '%.40s': more than %d plural forms; the rest are ignored"), id,
				    PLURAL_MAX);
				break;
			}
			e->plurals = xgrow(e->plurals, e->nplurals, sizeof *e->plurals);
			e->plurals[e->nplurals++] = xstrdup(s);
		}
	} else if (!e->fuzzy && po_message_msgstr(m)[0] != '\0')
		e->msgstr = xstrdup(po_message_msgstr(m));
	if (!e->fuzzy && (e->msgstr || e->nplurals) && !format_ok(m, e, l)) {
		entry_free(e, NULL);
		return;
	}
	if (xmlHashAddEntry2(c->table, (const xmlChar *)id, (const xmlChar *)ctx, e) != 0)
		entry_free(e, NULL);
}

static void
read_messages(struct catalog *c, po_file_t f, struct po_load *l)
{
	po_message_iterator_t it = po_message_iterator(f, NULL);
	po_message_t m;

	while ((m = po_next_message(it)) != NULL)
		add_entry(c, m, l);
	po_message_iterator_free(it);
}

struct catalog *
cat_load(const char *po_path, const char *lang, struct diag *d)
{
	struct po_load l;
	struct catalog *c;
	po_file_t volatile f = NULL; /* survives the longjmp of a fatal error */
	int before = d->errors;
	size_t len;
	char *text = read_input(po_path, &len, INPUT_MAX_CATALOG, d);

	if (text == NULL)
		return NULL;
	memset(&l, 0, sizeof l);
	l.d = d;
	l.path = po_path;
	l.text = text;
	l.next_msgid = text;
	l.next_line = 1;
	l.format_bad = -1;
	if (check_nul(&l, len) != 0) {
		free(text);
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->path = xstrdup(po_path);
	cur = &l;
	c->lang = xstrdup(lang);
	c->table = xmlHashCreate(4096);
	if (setjmp(l.fatal) == 0) {
		errno = 0;
		f = po_file_read(po_path, &handler);
		if (f == NULL && l.errors == 0)
			diag_report(d, DIAG_ERROR, po_path, 0, 0, "%s",
			    strerror(errno ? errno : ENOENT));
		/* A file with syntax errors still comes back, partly read. */
		if (f != NULL && l.errors == 0 && read_header(c, f, &l) == 0)
			read_messages(c, f, &l);
	}
	if (f != NULL)
		po_file_free(f);
	cur = NULL;
	free(text);
	if (d->errors != before || c->table == NULL) {
		cat_free(c);
		return NULL;
	}
	return c;
}

static const struct entry *
find(const struct catalog *c, const char *ctxt, const char *msgid)
{
	return xmlHashLookup2(c->table, (const xmlChar *)msgid, (const xmlChar *)ctxt);
}

const char *
cat_gettext(const struct catalog *c, const char *ctxt, const char *msgid)
{
	const struct entry *e = find(c, ctxt, msgid);

	return e && !e->fuzzy ? e->msgstr : NULL;
}

unsigned long
cat_plural_index(const struct catalog *c, unsigned long n)
{
	return c->plural ? plural_eval(c->plural, n) : (n != 1);
}

const char *
cat_ngettext(const struct catalog *c, const char *ctxt, const char *msgid, unsigned long n)
{
	const struct entry *e = find(c, ctxt, msgid);
	unsigned long i = cat_plural_index(c, n);

	if (e == NULL || e->fuzzy || i >= e->nplurals || e->plurals[i][0] == '\0')
		return NULL;
	return e->plurals[i];
}

int
cat_is_fuzzy(const struct catalog *c, const char *ctxt, const char *msgid)
{
	const struct entry *e = find(c, ctxt, msgid);

	return e != NULL && e->fuzzy;
}

/* ---- consistency ---- */

struct scan {
	const struct catalog *c;
	void (*fn)(void *arg, const struct cat_entry *e);
	void *arg;
};

static void
scan_one(void *payload, void *data, const xmlChar *msgid, const xmlChar *ctxt,
    const xmlChar *unused)
{
	const struct entry *e = payload;
	struct scan *s = data;
	struct cat_entry ce;

	(void)unused;
	if (e->fuzzy || e->msgstr == NULL)
		return;
	ce.ctxt = (const char *)ctxt;
	ce.msgid = (const char *)msgid;
	ce.msgstr = e->msgstr;
	ce.line = e->line;
	s->fn(s->arg, &ce);
}

void
cat_each(const struct catalog *c, void (*fn)(void *arg, const struct cat_entry *e), void *arg)
{
	struct scan s = { c, fn, arg };

	xmlHashScanFull(c->table, scan_one, &s);
}

const char *
cat_path(const struct catalog *c)
{
	return c->path;
}
