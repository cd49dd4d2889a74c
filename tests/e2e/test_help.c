/* SPDX-License-Identifier: GPL-3.0-or-later */
/* End to end, the help site around the pages: search and `codedoc
 * explain` (one matcher, checked against each other in Node and against
 * the data), the JSON export, the translation status page, 404 pages and
 * the stylesheet's promises.  Builds the bundled database with the real
 * ./codedoc into a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "db_xml.h"
#include "shell.h"

#define BASE "https://codes.example.org/"

static char top[64];
static char site[96];  /* built with --base-url */
static char local[96]; /* built without: relative links only */

/* Bounce and log lines as people paste them, and words. */
static const char *const queries[] = {
	"5.1.1",
	"550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown",
	"451",
	"550-5.7.1 [192.0.2.1] Our system has detected that this message is likely spam",
	"421 4.7.0 Try again later, closing connection.",
	"Status: 4.4.7",
	"X.2.2",
	"HTTP/1.1 503 Service Unavailable",
	"smtp;554 5.7.1 Service unavailable; client host blocked",
	"mailbox full",
	"posta kutusu dolu",
	"Postfach voll",
	"zzzz qqqq",
	"",
};

static int
setup(void **state)
{
	(void)state;
	strcpy(top, "/tmp/codedoc-help-XXXXXX");
	if (mkdtemp(top) == NULL)
		return -1;
	snprintf(site, sizeof site, "%s/site", top);
	snprintf(local, sizeof local, "%s/local", top);
	return setup_build("export SOURCE_DATE_EPOCH=1764288000; ./codedoc build -q -j 2 "
	    "-f html --base-url " BASE " -o %s && ./codedoc build -q -j 2 -f html -o %s", site,
	    local);
}

static int
teardown(void **state)
{
	(void)state;
	remove_tree(top);
	return 0;
}

static void
write_queries(const char *path)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
		if (queries[i][0] != '\0')
			fprintf(f, "%s\n", queries[i]);
	assert_int_equal(fclose(f), 0);
}

/* The site's search (Node) and codedoc explain give the same codes in
 * the same order, for every query and language. */
static void
search_and_explain_agree(void **state)
{
	static const char *const langs[] = { "en", "tr", "de" };
	char q[160];

	(void)state;
	snprintf(q, sizeof q, "%s/queries.txt", top);
	write_queries(q);
	for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
		char *js, *ex;
		int rc;

		rc = run(&js, "node tests/e2e/match.js %s/html %s < %s", local, langs[l], q);
		if (rc != 0)
			fail_msg("node: %s", js);
		rc = run(&ex, "while IFS= read -r line; do ./codedoc explain --json -l %s \"$line\" "
		    "| tr -d '\\n'; echo; done < %s | node tests/e2e/match.js --explain", langs[l], q);
		if (rc != 0)
			fail_msg("explain: %s", ex);
		if (strcmp(js, ex) != 0)
			fail_msg("%s: the site's search and explain differ:\nsearch:\n%s\nexplain:\n%s",
			    langs[l], js, ex);
		free(js);
		free(ex);
	}
}

/* What the matcher finds is what the data says: a code's every written
 * form, from the registry's digits rule, found inside other text. */
static void
forms_come_from_the_data(void **state)
{
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct db db;
	struct buf text = BUF_INIT;
	char *out, path[160];
	FILE *f;

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	for (size_t r = 0; r < db.nregs; r++)
		for (size_t i = 0; i < db.regs[r].ncodes; i++) {
			const struct code *c = &db.regs[r].codes[i];
			const char *dot = strchr(c->id, '.');

			for (size_t k = 0; k < c->nclasses; k++) {
				if (db.regs[r].digits == DIGITS_DOTTED && dot)
					buf_printf(&text, "Error: (%s%s); ", c->classes[k]->id, dot);
				else
					buf_printf(&text, "Error: (%s); ", c->id);
			}
		}
	snprintf(path, sizeof path, "%s/all-forms.txt", top);
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite(text.data, 1, text.len, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(run(&out, "./codedoc explain --json -l en < %s", path), 0);
	for (size_t r = 0; r < db.nregs; r++)
		for (size_t i = 0; i < db.regs[r].ncodes; i++) {
			char page[200];

			snprintf(page, sizeof page, "\"page\": \"%s/%s.html\"", db.regs[r].id,
			    db.regs[r].codes[i].slug);
			contains(out, page, db.regs[r].codes[i].id);
		}
	free(out);
	buf_free(&text);
	db_free(&db);
	assert_int_equal(run(&out, "./codedoc explain -l en 'qqqq, zzzz'"), 1);
	contains(out, "No code matches this text.", "explain, no match");
	free(out);
}

/* A catalog's translation of a database text, for what explain prints. */
static char *
translated(const char *lang, const char *ctxt, const char *src)
{
	struct diag d = { 0, 0, 1, NULL, NULL };
	char po[32];
	struct catalog *cat;
	const char *t;
	char *s;

	snprintf(po, sizeof po, "po/%s.po", lang);
	cat = cat_load(po, lang, &d);
	assert_non_null(cat);
	t = cat_gettext(cat, ctxt, src);
	assert_non_null(t);
	s = strdup(t);
	cat_free(cat);
	return s;
}

static void
explain_speaks_the_users_language(void **state)
{
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct db db;
	const struct code *c;
	char *out, *tr, *de;

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	c = registry_code(db_registry(&db, "smtp"), "550");
	tr = translated("tr", "smtp:550:title", c->title.src);
	de = translated("de", "smtp:550:title", c->title.src);
	assert_int_equal(run(&out, "LC_ALL= LC_MESSAGES= LANG=tr_TR.UTF-8 LANGUAGE= "
	    "./codedoc explain 'said: 550 5.1.1 user unknown'"), 0);
	contains(out, tr, "LANG=tr_TR.UTF-8");
	free(out);
	/* LANGUAGE first, as gettext reads it; an unknown language is skipped. */
	assert_int_equal(run(&out, "LC_ALL= LC_MESSAGES= LANG=en_US.UTF-8 LANGUAGE=xx:de:tr "
	    "./codedoc explain 550"), 0);
	contains(out, de, "LANGUAGE=xx:de:tr");
	free(out);
	/* Under the C locale gettext ignores LANGUAGE, and so does explain. */
	assert_int_equal(run(&out, "LC_ALL=C LANGUAGE=de ./codedoc explain 550"), 0);
	contains(out, c->title.src, "LC_ALL=C");
	free(out);
	/* From standard input, as in: grep 'status=bounced' maillog | codedoc explain */
	assert_int_equal(run(&out, "echo 'dsn=5.1.1, status=bounced (host said: 550)' | "
	    "LC_ALL=C ./codedoc explain"), 0);
	contains(out, "SMTP 5.1.1: ", "stdin");
	contains(out, "SMTP 550: ", "stdin");
	free(out);
	free(tr);
	free(de);
	db_free(&db);
}

/* A translation cannot send escape sequences to a terminal. */
static void
explain_output_is_safe(void **state)
{
	char *out;

	(void)state;
	/* Escape sequences written into a catalog's translation of a title. */
	assert_int_equal(run(&out, "set -e; d=%s/po-esc; rm -rf $d; cp -r po $d; "
	    "sed -i '/^msgctxt \"smtp:550:title\"/,/^$/ s/^msgstr \"/msgstr \"\\\\033[2J\\\\033]0;x\\\\007/' "
	    "$d/tr.po; ./codedoc explain -p $d -l tr 550 | tr -dc '\\033\\007' | wc -c", top), 0);
	if (atoi(out) != 0)
		fail_msg("an escape character reached the terminal: %s", out);
	free(out);
}

/* Every export file parses, lists what the data holds and points at
 * pages that exist. */
static void
export_matches_the_data(void **state)
{
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct db db;
	char *out;

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	for (size_t r = 0; r < db.nregs; r++) {
		char want[96];

		assert_int_equal(run(&out, "cd %s/html && for l in en tr de es ar; do node -e '"
		    "const fs = require(\"fs\"), l = process.argv[1], id = process.argv[2];"
		    "const reg = JSON.parse(fs.readFileSync(l + \"/api/\" + id + \".json\"));"
		    "let n = 0;"
		    "for (const c of reg.codes) {"
		    "  const code = JSON.parse(fs.readFileSync(l + \"/\" + c.data));"
		    "  if (code.id !== c.id || !fs.existsSync(l + \"/\" + code.page)) throw c.id;"
		    "  for (const k of code.related) if (!fs.existsSync(l + \"/\" + k.data)) throw k.id;"
		    "  n++; }"
		    "console.log(reg.lang + \" \" + reg.registry + \" \" + n);' $l %s; done",
		    local, db.regs[r].id), 0);
		snprintf(want, sizeof want, "tr %s %zu\n", db.regs[r].id, db.regs[r].ncodes);
		contains(out, want, "export");
		snprintf(want, sizeof want, "ar %s %zu\n", db.regs[r].id, db.regs[r].ncodes);
		contains(out, want, "export");
		free(out);
	}
	db_free(&db);
}

/* Each catalog gets its section, bars for the interface and every
 * registry, and a link to an exact copy of its .po file. */
static void
status_page_links_each_catalog(void **state)
{
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct db db;
	char *page, *out, *linguas;

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	page = slurp("%s/html/de/translations.html", local);
	linguas = slurp("po/LINGUAS");
	for (char *l = strtok(linguas, "\n"); l; l = strtok(NULL, "\n")) {
		char want[64];
		size_t bars = 0;
		const char *sec;

		if (l[0] == '#')
			continue;
		snprintf(want, sizeof want, "<h2 id=\"st-%s\">", l);
		contains(page, want, "status page");
		snprintf(want, sizeof want, "href=\"../po/%s.po\"", l);
		contains(page, want, "status page");
		sec = strstr(page, want);
		for (const char *p = sec; (p = strstr(p, "<svg class=\"bar\"")) != NULL
		    && (strstr(sec, "</section>") > p); p++)
			bars++;
		assert_int_equal(bars, db.nregs + 1);
		assert_int_equal(run(&out, "cmp po/%s.po %s/html/po/%s.po", l, local, l), 0);
		free(out);
	}
	contains(page, "href=\"../po/codedoc.pot\"", "status page");
	free(linguas);
	free(page);
	db_free(&db);
}

/* A 404 page per language; with --base-url its links are absolute, so
 * that they work at whatever address it is served. */
static void
not_found_pages(void **state)
{
	static const char *const langs[] = { "en", "tr", "de", "es", "ar" };

	(void)state;
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
		char want[96], *s = slurp("%s/html/%s/404.html", site, langs[i]);

		snprintf(want, sizeof want, "<html lang=\"%s\"", langs[i]);
		contains(s, want, "404");
		contains(s, "<meta name=\"robots\" content=\"noindex\">", "404");
		assert_null(strstr(s, "rel=\"canonical\""));
		snprintf(want, sizeof want, "<link rel=\"stylesheet\" href=\"" BASE "style.css\">");
		contains(s, want, "404");
		snprintf(want, sizeof want, "href=\"" BASE "%s/smtp/index.html\"", langs[i]);
		contains(s, want, "404");
		assert_null(strstr(s, "href=\"../"));
		free(s);
	}
}

/* Every page has a search form, the search page loads the index as a
 * script (file:// cannot fetch JSON), and nothing comes from elsewhere. */
static void
search_is_everywhere_and_local(void **state)
{
	char *out;

	(void)state;
	assert_int_equal(run(&out, "cd %s/html && grep -L 'role=\"search\"' */index.html */*/*.html "
	    "| head -5", local), 0);
	if (out[0] != '\0')
		fail_msg("pages without a search form: %s", out);
	free(out);
	out = slurp("%s/html/tr/search.html", local);
	contains(out, "<script src=\"search-index.js\"></script>", "search page");
	contains(out, "<script src=\"../search.js\"></script>", "search page");
	free(out);
	assert_int_equal(run(&out, "grep -l -E 'fetch\\(|XMLHttpRequest|https?://' %s/html/search.js "
	    "%s/html/style.css || true", local, local), 0);
	if (out[0] != '\0')
		fail_msg("the script or the stylesheet reaches the network: %s", out);
	free(out);
}

/* What the issue asks of the one stylesheet, checked in its text. */
static void
stylesheet_promises(void **state)
{
	char *css;
	static const char *const musts[] = { "@media (prefers-color-scheme: dark)", "@media print",
		":focus-visible", "border-inline-start", "inset-inline-start", ".skip:focus",
		"table-layout: fixed" };
	static const char *const physical[] = { "margin-left", "margin-right", "padding-left",
		"padding-right", "text-align: left", "text-align: right", "float: left",
		"float: right", "border-left", "border-right" };

	(void)state;
	css = slurp("%s/html/style.css", local);
	for (size_t i = 0; i < sizeof musts / sizeof *musts; i++)
		if (strstr(css, musts[i]) == NULL)
			fail_msg("style.css lacks %s", musts[i]);
	for (size_t i = 0; i < sizeof physical / sizeof *physical; i++)
		if (strstr(css, physical[i]) != NULL)
			fail_msg("style.css uses %s: right-to-left pages would not mirror", physical[i]);
	free(css);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_and_explain_agree),
		cmocka_unit_test(forms_come_from_the_data),
		cmocka_unit_test(explain_speaks_the_users_language),
		cmocka_unit_test(explain_output_is_safe),
		cmocka_unit_test(export_matches_the_data),
		cmocka_unit_test(status_page_links_each_catalog),
		cmocka_unit_test(not_found_pages),
		cmocka_unit_test(search_is_everywhere_and_local),
		cmocka_unit_test(stylesheet_promises),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
