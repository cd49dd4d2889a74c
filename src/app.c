/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app.c: loading inputs and running the commands. */
#include "app.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "consistency.h"
#include "db_xml.h"
#include "explain.h"
#include "nls.h"
#include "output.h"
#include "pot.h"
#include "site.h"
#include "stats.h"
#include "tmpl.h"

/* Everything a command reads, loaded and checked before anything is
 * written, so that bad input never touches an earlier build. */
struct inputs {
	struct db db;
	struct tmpl_set *tmpls;
	char **langs;          /* languages other than the source */
	size_t nlangs;
	struct catalog **cats; /* parallel to langs */
	char date[16];
};

void
app_defaults(struct app_opts *o)
{
	memset(o, 0, sizeof *o);
	o->data_dir = "data";
	o->tmpl_dir = "templates";
	o->po_dir = "po";
	o->out_dir = "output";
	o->formats = SITE_HTML | SITE_MAN;
	o->threads = 1;
}

/* SOURCE_DATE_EPOCH when set (reproducible builds), else the newest
 * date of the database: never the clock. */
static int
build_date(char *out, size_t size, const struct db *db, struct diag *d)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (sde != NULL && *sde != '\0') {
		time_t t;
		struct tm tm;

		long long v;

		errno = 0;
		v = strtoll(sde, &end, 10);
		t = (time_t)v;
		/* Up to the end of year 9999: a date is always YYYY-MM-DD. */
		if (errno || end == sde || *end != '\0' || v < 0 || v > 253402300799LL
		    || gmtime_r(&t, &tm) == NULL || strftime(out, size, "%Y-%m-%d", &tm) != 10) {
			diag_report(d, DIAG_ERROR, NULL, 0, 0,
			    _("SOURCE_DATE_EPOCH is not a number of seconds from 0 to 253402300799: "
			      "'%s'"), sde);
			return -1;
		}
		return 0;
	}
	snprintf(out, size, "%s", db_date(db) ? db_date(db) : "1970-01-01");
	return 0;
}

static int
valid_lang(const char *l)
{
	size_t n = strlen(l);

	if (n < 2 || n > 16)
		return 0;
	for (const char *c = l; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || *c == '_' || *c == '@'
		    || (*c >= '0' && *c <= '9')))
			return 0;
	return 1;
}

static void
add_lang(struct inputs *in, const char *l)
{
	for (size_t i = 0; i < in->nlangs; i++)
		if (strcmp(in->langs[i], l) == 0)
			return;
	in->langs = xgrow(in->langs, in->nlangs, sizeof *in->langs);
	in->langs[in->nlangs++] = xstrdup(l);
}

/* po/LINGUAS: one or more codes per line, '#' starts a comment. */
static int
read_linguas(struct inputs *in, const char *po_dir, struct diag *d)
{
	char *path = xasprintf("%s/LINGUAS", po_dir);
	char *data = read_file(path, NULL);
	long line = 1;
	int rc = 0;

	if (data == NULL) {
		diag_report(d, DIAG_ERROR, path, 0, 0, "%s", strerror(errno));
		free(path);
		return -1;
	}
	for (char *p = data; *p;) {
		size_t n = strcspn(p, " \t\n#");

		if (*p == '#')
			n = strcspn(p, "\n");
		else if (n > 0) {
			char *word = xstrndup(p, n);

			if (!valid_lang(word)) {
				diag_report(d, DIAG_ERROR, path, line, 0, _("not a language code: '%s'"), word);
				rc = -1;
			} else if (strcmp(word, "en") != 0)
				add_lang(in, word);
			free(word);
		}
		p += n;
		if (*p == '\n')
			line++;
		if (*p && *p != '#')
			p++;
	}
	free(data);
	free(path);
	return rc;
}

/* -l tr,de: a subset of LINGUAS ("en" is always built). */
static int
pick_langs(struct inputs *in, const char *list, struct diag *d)
{
	char *copy = xstrdup(list), *save = NULL;
	char **all = in->langs;
	size_t nall = in->nlangs;
	int rc = 0;

	in->langs = NULL;
	in->nlangs = 0;
	for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		size_t i;

		for (i = 0; i < nall && strcmp(all[i], w) != 0; i++)
			;
		if (strcmp(w, "en") == 0)
			continue;
		if (i == nall) {
			diag_report(d, DIAG_ERROR, NULL, 0, 0, _("language '%s' is not in LINGUAS"), w);
			rc = -1;
		} else
			add_lang(in, w);
	}
	for (size_t i = 0; i < nall; i++)
		free(all[i]);
	free(all);
	free(copy);
	return rc;
}

static void
inputs_free(struct inputs *in)
{
	db_free(&in->db);
	tmpl_set_free(in->tmpls);
	for (size_t i = 0; i < in->nlangs; i++) {
		free(in->langs[i]);
		cat_free(in->cats ? in->cats[i] : NULL);
	}
	free(in->langs);
	free(in->cats);
	memset(in, 0, sizeof *in);
}

static int
load_catalogs(struct inputs *in, const char *po_dir, struct diag *d)
{
	int rc = 0;

	in->cats = xcalloc(in->nlangs ? in->nlangs : 1, sizeof *in->cats);
	for (size_t i = 0; i < in->nlangs; i++) {
		char *path = xasprintf("%s/%s.po", po_dir, in->langs[i]);

		if ((in->cats[i] = cat_load(path, in->langs[i], d)) == NULL)
			rc = -1;
		free(path);
	}
	return rc;
}

static int
load_inputs(struct inputs *in, const struct app_opts *o, int with_catalogs, struct diag *d)
{
	int rc = 0;

	memset(in, 0, sizeof *in);
	if (db_load_dir(&in->db, o->data_dir, NULL, d) != 0)
		rc = -1;
	in->tmpls = tmpl_set_new();
	if (tmpl_set_load_dir(in->tmpls, o->tmpl_dir, d) != 0)
		rc = -1;
	if (with_catalogs && read_linguas(in, o->po_dir, d) != 0)
		rc = -1;
	if (rc == 0 && with_catalogs && o->langs != NULL && pick_langs(in, o->langs, d) != 0)
		rc = -1;
	if (rc == 0 && with_catalogs && load_catalogs(in, o->po_dir, d) != 0)
		rc = -1;
	if (rc == 0 && build_date(in->date, sizeof in->date, &in->db, d) != 0)
		rc = -1;
	if (rc != 0)
		inputs_free(in);
	return rc;
}

static void
setup_site(struct site *s, struct site_lang **langs, const struct inputs *in,
    const struct app_opts *o)
{
	char *pot;

	*langs = xcalloc(in->nlangs + 1, sizeof **langs);
	(*langs)[0].code = "en";
	for (size_t i = 0; i < in->nlangs; i++) {
		(*langs)[i + 1].code = in->langs[i];
		(*langs)[i + 1].cat = in->cats[i];
	}
	memset(s, 0, sizeof *s);
	s->db = &in->db;
	s->tmpls = in->tmpls;
	s->langs = *langs;
	s->nlangs = in->nlangs + 1;
	s->date = in->date;
	s->version = VERSION;
	s->base_url = o->base_url;
	s->po_dir = o->po_dir;
	pot = xasprintf("%s/codedoc.pot", o->po_dir);
	s->po_template = access(pot, F_OK) == 0;
	free(pot);
	s->formats = o->formats;
	s->threads = o->threads;
	s->trace = getenv("CODEDOC_TRACE") != NULL && *getenv("CODEDOC_TRACE") != '\0';
}

/* One line, redrawn at most once per percent: a terminal is slower
 * than the renderer. */
static void
show_progress(void *arg, size_t done, size_t total, const char *lang)
{
	size_t *last = arg;
	size_t now = done * 100 / (total ? total : 1);

	if (done != total && now == *last)
		return;
	*last = now;
	fprintf(stderr, "\r\033[K%s %zu/%zu (%s)", _("rendering"), done, total, lang);
	if (done == total)
		fputs("\r\033[K", stderr);
}

static int
sink_unchanged(void *arg, const char *path, unsigned long long inputs)
{
	return out_unchanged(arg, path, inputs);
}

static int
sink_file(void *arg, const char *path, const char *data, size_t len, unsigned long long inputs)
{
	return out_file(arg, path, data, len, inputs);
}

/* Renders straight into the output folder's staging area: pages are
 * written as they are made, and put in place only when all are. */
static int
render_into(const struct app_opts *o, const struct site *s, struct diag *d)
{
	int busy, rc;
	struct out *out = out_open(o->out_dir, d, &busy);
	struct site_sink sink = { sink_unchanged, sink_file, NULL };
	struct site_stats ss = { 0, 0 };
	struct out_stats st;

	if (out == NULL)
		return busy ? EX_TEMPFAIL : EX_CANTCREAT;
	sink.arg = out;
	rc = site_render(s, &sink, &ss, d);
	rc = rc == 0 ? 0 : rc == -2 ? EX_IOERR : EX_DATAERR;
	if (rc == 0 && out_commit(out) != 0)
		rc = EX_IOERR;
	out_close(out, &st);
	if (rc == 0 && o->verbose) {
		fprintf(stderr, _("codedoc: %zu files written, %zu unchanged, %zu removed\n"),
		    st.written, st.unchanged, st.removed);
		fprintf(stderr, _("codedoc: %zu of %zu files rendered\n"), ss.rendered, ss.files);
	}
	return rc;
}

int
app_build(const struct app_opts *o, struct diag *d)
{
	struct inputs in;
	struct site s;
	struct site_lang *langs;
	size_t last_percent = (size_t)-1;
	int rc;

	if (load_inputs(&in, o, 1, d) != 0)
		return EX_DATAERR;
	setup_site(&s, &langs, &in, o);
	if (o->progress && !o->quiet) {
		s.progress = show_progress;
		s.progress_arg = &last_percent;
	}
	rc = render_into(o, &s, d);
	free(langs);
	inputs_free(&in);
	return rc;
}

/* Every catalog against itself and, when there is one, against its
 * language's glossary (po/glossary/<lang>.po). */
static int
check_consistency(const struct inputs *in, const struct app_opts *o, struct diag *d)
{
	int rc = 0;

	for (size_t i = 0; i < in->nlangs; i++) {
		char *path = xasprintf("%s/glossary/%s.po", o->po_dir, in->langs[i]);
		struct catalog *g = NULL;

		if (access(path, F_OK) == 0 && (g = cat_load(path, in->langs[i], d)) == NULL)
			rc = -1;
		consistency_check(in->cats[i], g, d);
		cat_free(g);
		free(path);
	}
	return rc;
}

static int
discard_file(void *arg, const char *path, const char *data, size_t len,
    unsigned long long inputs)
{
	(void)arg;
	(void)path;
	(void)data;
	(void)len;
	(void)inputs;
	return 0;
}

int
app_check(const struct app_opts *o, struct diag *d)
{
	struct inputs in;
	struct site s;
	struct site_lang *langs;
	struct site_sink discard = { NULL, discard_file, NULL };
	int rc;

	if (load_inputs(&in, o, 1, d) != 0)
		return EX_DATAERR;
	/* Rendering every page finds template errors (unknown values) too. */
	setup_site(&s, &langs, &in, o);
	rc = site_render(&s, &discard, NULL, d) == 0 ? 0 : EX_DATAERR;
	if (check_consistency(&in, o, d) != 0)
		rc = EX_DATAERR;
	/* --strict, as sphinx-build -W: a translator's CI fails on warnings. */
	if (rc == 0 && o->strict && d->warnings > 0)
		rc = EX_DATAERR;
	free(langs);
	inputs_free(&in);
	return rc;
}

int
app_pot(const struct app_opts *o, const char *path, struct diag *d)
{
	struct inputs in;
	char *prefix;
	int rc;

	if (load_inputs(&in, o, 0, d) != 0)
		return EX_DATAERR;
	prefix = xasprintf("%s/", o->tmpl_dir);
	rc = pot_write(path, in.tmpls, prefix, &in.db, in.date, VERSION, d) == 0 ? 0 : EX_IOERR;
	free(prefix);
	inputs_free(&in);
	return rc;
}

int
app_stats(const struct app_opts *o, int json, FILE *out, struct diag *d)
{
	struct inputs in;
	struct stats_row *rows;
	size_t n;

	if (load_inputs(&in, o, 1, d) != 0)
		return EX_DATAERR;
	n = stats_collect(&in.db, in.tmpls, in.cats, in.nlangs, &rows);
	stats_print(out, rows, n, json);
	free(rows);
	inputs_free(&in);
	return ferror(out) ? EX_IOERR : 0;
}

/* The language explain speaks: -l, else the user's (explain_lang()),
 * else English.  Leaves at most that one in in->langs. */
static int
explain_langs(struct inputs *in, const struct app_opts *o, struct diag *d)
{
	int li;

	if (read_linguas(in, o->po_dir, d) != 0)
		return -1;
	if (o->langs != NULL)
		return pick_langs(in, o->langs, d);
	li = explain_lang(in->langs, in->nlangs);
	return pick_langs(in, li < 0 ? "en" : in->langs[li], d);
}

int
app_explain(const struct app_opts *o, const char *text, int json, FILE *out, struct diag *d)
{
	struct inputs in;
	struct site s;
	struct site_lang *langs;
	struct buf b = BUF_INIT;
	int n = -1;

	if (load_inputs(&in, o, 0, d) != 0)
		return EX_DATAERR;
	if (explain_langs(&in, o, d) == 0 && in.nlangs <= 1 && load_catalogs(&in, o->po_dir, d) == 0) {
		setup_site(&s, &langs, &in, o);
		n = explain_render(&s, in.nlangs, text, json, &b, d);
		free(langs);
	} else if (in.nlangs > 1)
		diag_report(d, DIAG_ERROR, NULL, 0, 0, "%s", _("explain speaks one language: give one with -l"));
	inputs_free(&in);
	if (n >= 0 && b.len > 0 && fwrite(b.data, 1, b.len, out) != b.len)
		n = -2;
	buf_free(&b);
	return n == -2 ? EX_IOERR : n < 0 ? EX_DATAERR : n == 0 ? 1 : 0;
}
