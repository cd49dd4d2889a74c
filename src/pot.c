/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pot.c: the .pot writer.  Order is stable (templates by name, then the
 * built-ins, then the database in file order), so running it twice gives
 * the same file. */
#include "pot.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gettext-po.h>
#include <libxml/hash.h>

#include "dbmsg.h"
#include "nls.h"

const struct builtin_msg pot_builtins[] = {
	{ "language", "English",
	  "The name of your language, in your language (\"Türkçe\", \"Deutsch\"): shown in the "
	  "language switcher." },
	{ "language-direction", "ltr",
	  "Writing direction of your language: translate as \"rtl\" for right-to-left languages "
	  "(Arabic, Hebrew, Persian), else \"ltr\". Any other value counts as \"ltr\"." },
};
const size_t pot_nbuiltins = sizeof pot_builtins / sizeof *pot_builtins;

struct pot {
	po_message_iterator_t it;
	xmlHashTablePtr seen;
	const char *prefix;
};

static int
has_placeholder(const char *s)
{
	for (const char *c = s; *c; c++) {
		if (c[0] == '{' && c[1] == '{') {
			c++;
			continue;
		}
		if (*c == '{')
			return 1;
	}
	return 0;
}

/* Adds a message, or another source reference to one already there. */
static void
add(struct pot *p, const char *ctxt, const char *msgid, const char *plural, const char *comment,
    const char *file, long line, int format)
{
	po_message_t m = xmlHashLookup2(p->seen, (const xmlChar *)msgid, (const xmlChar *)ctxt);

	if (m == NULL) {
		m = po_message_create();
		if (ctxt)
			po_message_set_msgctxt(m, ctxt);
		po_message_set_msgid(m, msgid);
		if (plural) {
			po_message_set_msgid_plural(m, plural);
			po_message_set_msgstr_plural(m, 0, "");
			po_message_set_msgstr_plural(m, 1, "");
		} else
			po_message_set_msgstr(m, "");
		if (comment)
			po_message_set_extracted_comments(m, comment);
		if (format && (has_placeholder(msgid) || (plural && has_placeholder(plural))))
			po_message_set_format(m, "python-brace-format", 1);
		po_message_insert(p->it, m);
		xmlHashAddEntry2(p->seen, (const xmlChar *)msgid, (const xmlChar *)ctxt, m);
	}
	if (file)
		po_message_add_filepos(m, file, (size_t)line);
}

/* What a placeholder holds, by the last part of its name: the .pot tells
 * translators, so that "{a.id}" is not a riddle. */
static const struct {
	const char *name, *what;
} glossary[] = {
	{ "id", "an identifier: a code such as 451, X.1.1 or 404, or a class such as 4" },
	{ "title", "the short title of a code" },
	{ "name", "a name translated elsewhere in this file (of a class, category, command or registry)" },
	{ "meaning", "a sentence translated elsewhere in this file" },
	{ "short", "the protocol name before a code, such as SMTP or HTTP" },
	{ "count", "a number" },
	{ "rfc", "an RFC number" },
	{ "section", "an RFC section number such as 4.2.3" },
	{ "version", "the codedoc version number" },
	{ "date", "a date written YYYY-MM-DD" },
	{ "coverage", "a number from 0 to 100" },
	{ "coverage_text", "a percentage as your language writes it (from CLDR), such as %100 or 100 %" },
	{ "date_text", "a date as your language writes it in running text (from CLDR), such as "
	    "28 Kasım 2025" },
};

static void
explain(struct buf *b, const char *msg)
{
	for (const char *c = msg; (c = strchr(c, '{')) != NULL; c++) {
		const char *e = strchr(c, '}'), *last;
		char *name;

		if (c[1] == '{' || e == NULL) {
			c++;
			continue;
		}
		name = xstrndup(c + 1, (size_t)(e - c - 1));
		last = strrchr(name, '.') ? strrchr(name, '.') + 1 : name;
		for (size_t i = 0; i < sizeof glossary / sizeof *glossary; i++)
			if (strcmp(last, glossary[i].name) == 0 && !strstr(b->data ? b->data : "", name)) {
				buf_printf(b, "{%s} is %s.\n", name, glossary[i].what);
				break;
			}
		free(name);
	}
}

static void
tmpl_msg(void *arg, const struct tmpl_msg *t)
{
	struct pot *p = arg;
	char *file = xasprintf("%s%s", p->prefix, t->file);
	struct buf c = BUF_INIT;

	if (t->note)
		buf_printf(&c, "%s\n", t->note);
	explain(&c, t->msgid);
	if (t->plural)
		explain(&c, t->plural);
	add(p, t->ctxt, t->msgid, t->plural, c.len ? c.data : NULL, file, t->line, 1);
	buf_free(&c);
	free(file);
}

static void
db_msg(void *arg, const struct dbmsg *m)
{
	add(arg, m->ctxt, m->text->src, NULL, m->comment, m->text->pos.file, m->text->pos.line, 0);
}

static po_message_t
header(const char *date, const char *version)
{
	po_message_t h = po_message_create();
	char *text = xasprintf(
	    "Project-Id-Version: codedoc %s\n"
	    "Report-Msgid-Bugs-To: \n"
	    "POT-Creation-Date: %s 00:00+0000\n"
	    "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
	    "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
	    "Language-Team: LANGUAGE <LL@li.org>\n"
	    "Language: \n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n",
	    version, date);

	po_message_set_msgid(h, "");
	po_message_set_msgstr(h, text);
	po_message_set_comments(h,
	    "Translation template for codedoc: interface texts of the templates and the texts\n"
	    "of the code database.  Written by 'make pot'; do not edit by hand.\n"
	    "This file is distributed under the same license as codedoc.\n");
	po_message_set_fuzzy(h, 1);
	free(text);
	return h;
}

/* libgettextpo's handler takes no user pointer: per-thread state.  A
 * fatal error jumps back to pot_write(), which removes its temporary
 * file, instead of exiting with the file left behind. */
static _Thread_local int write_failed;
static _Thread_local jmp_buf *write_fatal;

static void
w_err(int sev, po_message_t m, const char *f, size_t l, size_t c, int ml, const char *t)
{
	(void)m; (void)f; (void)l; (void)c; (void)ml;
	fprintf(stderr, "codedoc: %s\n", t);
	if (sev != PO_SEVERITY_WARNING)
		write_failed = 1;
	if (sev == PO_SEVERITY_FATAL_ERROR && write_fatal != NULL)
		longjmp(*write_fatal, 1);
}

static void
w_err2(int sev, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1, const char *t1,
    po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2, const char *t2)
{
	(void)m2; (void)f2; (void)l2; (void)c2; (void)ml2; (void)t2;
	w_err(sev, m1, f1, l1, c1, ml1, t1);
}

static const struct po_xerror_handler w_handler = { w_err, w_err2 };

int
pot_write(const char *path, const struct tmpl_set *tmpls, const char *tmpl_prefix,
    const struct db *db, const char *date, const char *version, struct diag *d)
{
	po_file_t f = po_file_create();
	struct pot p;
	char *volatile tmp = strcmp(path, "-") ? xasprintf("%s.tmp", path) : NULL;
	int rc = 0;
	jmp_buf fatal;
	struct stat st;

	/* Renaming over a device or a FIFO would replace it with a file. */
	if (tmp != NULL && stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag_report(d, DIAG_ERROR, path, 0, 0, "%s", _("not a regular file"));
		free(tmp);
		po_file_free(f);
		return -1;
	}

	p.it = po_message_iterator(f, NULL);
	p.seen = xmlHashCreate(4096);
	p.prefix = tmpl_prefix;
	po_message_insert(p.it, header(date, version));
	tmpl_set_messages(tmpls, tmpl_msg, &p);
	for (size_t i = 0; i < pot_nbuiltins; i++)
		add(&p, pot_builtins[i].ctxt, pot_builtins[i].msgid, NULL, pot_builtins[i].comment,
		    NULL, 0, 0);
	for (size_t i = 0; i < db->nregs; i++)
		dbmsg_registry(&db->regs[i], db_msg, &p);
	po_message_iterator_free(p.it);
	xmlHashFree(p.seen, NULL);
	write_failed = 0;
	write_fatal = &fatal;
	if (setjmp(fatal) == 0)
		po_file_write(f, tmp ? tmp : "-", &w_handler);
	else
		write_failed = 1;
	write_fatal = NULL;
	po_file_free(f);
	if (tmp && (write_failed || rename(tmp, path) != 0)) {
		diag_report(d, DIAG_ERROR, path, 0, 0, _("cannot write: %s"), strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}
