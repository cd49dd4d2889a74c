/* SPDX-License-Identifier: GPL-3.0-or-later */
/* End to end: builds the bundled database with the real ./codedoc into
 * temporary folders and inspects what a reader, a packager and a
 * translator would see, with the real tools (libxml2's HTML parser,
 * mandoc, groff, man, lexgrog, msgmerge). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "app.h"
#include "catalog.h"
#include "db_xml.h"
#include "dbmsg.h"
#include "shell.h"

static char top[64]; /* temporary folder of this run */
static char site[96]; /* the main build */

/* Calls fn for every regular file below dir (path relative to dir). */
static void
walk(const char *dir, const char *rel, void (*fn)(const char *, const char *, void *), void *arg)
{
	char path[PATH_MAX];
	DIR *dp;
	struct dirent *e;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	if ((dp = opendir(path)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		char child[PATH_MAX];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if (snprintf(child, sizeof child, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name)
		        >= (int)sizeof child
		    || snprintf(path, sizeof path, "%s/%s", dir, child) >= (int)sizeof path)
			continue;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			walk(dir, child, fn, arg);
		else
			fn(dir, child, arg);
	}
	closedir(dp);
}

static int
setup(void **state)
{
	(void)state;
	strcpy(top, "/tmp/codedoc-e2e-XXXXXX");
	if (mkdtemp(top) == NULL)
		return -1;
	snprintf(site, sizeof site, "%s/site", top);
	return setup_build("SOURCE_DATE_EPOCH=1764288000 ./codedoc build -q -j 2 "
	    "--base-url https://codes.example.org -o %s", site);
}

static int
teardown(void **state)
{
	(void)state;
	remove_tree(top);
	return 0;
}

/* ---- page counts ---- */

struct counts {
	size_t html, man, json;
	char prefix[32];
};

static void
count_file(const char *dir, const char *rel, void *arg)
{
	struct counts *c = arg;
	size_t n = strlen(rel);

	(void)dir;
	if (strncmp(rel, c->prefix, strlen(c->prefix)) != 0)
		return;
	if (n > 5 && strcmp(rel + n - 5, ".html") == 0)
		c->html++;
	else if (n > 5 && strcmp(rel + n - 5, ".json") == 0)
		c->json++;
	else if (n > 2 && strcmp(rel + n - 2, ".7") == 0)
		c->man++;
}

static size_t
pages_per_language(const struct db *db)
{
	size_t n = 4; /* home, search, 404, translation status */

	for (size_t i = 0; i < db->nregs; i++)
		n += 1 + db->regs[i].ncodes + registry_compare_count(&db->regs[i]);
	return n;
}

/* The export: a file per registry and per code. */
static size_t
json_per_language(const struct db *db)
{
	size_t n = 0;

	for (size_t i = 0; i < db->nregs; i++)
		n += 1 + db->regs[i].ncodes;
	return n;
}

struct tally {
	const struct catalog *cat;
	size_t total, done;
};

static void
tally(void *arg, const struct dbmsg *m)
{
	struct tally *t = arg;

	t->total++;
	t->done += t->cat == NULL || cat_gettext(t->cat, m->ctxt, m->text->src) != NULL;
}

static void
tally_title(void *arg, const struct dbmsg *m)
{
	if (strcmp(strrchr(m->ctxt, ':'), ":title") == 0)
		tally(arg, m);
}

/* The man pages a language gets, counted from its catalog: a code's
 * page when all its texts are translated, a registry's page when all
 * its own texts and its codes' titles are. */
static size_t
man_pages(const struct db *db, const struct catalog *cat)
{
	size_t n = 0;

	for (size_t i = 0; i < db->nregs; i++) {
		struct tally reg = { cat, 0, 0 };

		dbmsg_registry_head(&db->regs[i], tally, &reg);
		for (size_t k = 0; k < db->regs[i].ncodes; k++) {
			struct tally c = { cat, 0, 0 };

			dbmsg_code(&db->regs[i].codes[k], tally, &c);
			dbmsg_code(&db->regs[i].codes[k], tally_title, &reg);
			n += cat == NULL || c.done == c.total;
		}
		n += cat == NULL || reg.done == reg.total;
	}
	return n;
}

static size_t
count_below(const char *prefix, int man)
{
	struct counts c;

	memset(&c, 0, sizeof c);
	snprintf(c.prefix, sizeof c.prefix, "%s", prefix);
	walk(site, "", count_file, &c);
	return man == 2 ? c.json : man ? c.man : c.html;
}

static void
page_count_matches_the_database(void **state)
{
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct db db;
	static const char *const langs[] = { "tr", "de", "es", "ar" };
	char prefix[32], po[32];

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	assert_int_equal(count_below("html/en/", 0), pages_per_language(&db));
	assert_int_equal(count_below("man/man7/", 1), man_pages(&db, NULL));
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
		struct catalog *cat;

		snprintf(prefix, sizeof prefix, "html/%s/", langs[i]);
		assert_int_equal(count_below(prefix, 0), pages_per_language(&db));
		assert_int_equal(count_below(prefix, 2), json_per_language(&db));
		snprintf(po, sizeof po, "po/%s.po", langs[i]);
		cat = cat_load(po, langs[i], &d);
		assert_non_null(cat);
		snprintf(prefix, sizeof prefix, "man/%s/man7/", langs[i]);
		assert_int_equal(count_below(prefix, 1), man_pages(&db, cat));
		cat_free(cat);
	}
	db_free(&db);
}

/* The bundled registries are complete in Turkish and German (a project
 * rule for its own data; a user's new registry is not held to it). */
static void
bundled_registries_complete_in_tr_and_de(void **state)
{
	static const char *const regs[] = { "smtp", "smtp-enhanced", "http" };
	static const char *const langs[] = { "tr", "de" };
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct db db;

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	for (size_t l = 0; l < 2; l++) {
		char po[32];
		struct catalog *cat;

		snprintf(po, sizeof po, "po/%s.po", langs[l]);
		cat = cat_load(po, langs[l], &d);
		assert_non_null(cat);
		for (size_t r = 0; r < sizeof regs / sizeof *regs; r++) {
			const struct registry *reg = db_registry(&db, regs[r]);
			struct tally t = { cat, 0, 0 };

			assert_non_null(reg);
			dbmsg_registry(reg, tally, &t);
			if (t.done != t.total)
				fail_msg("%s: %zu of %zu texts of %s translated", po, t.done, t.total, regs[r]);
		}
		cat_free(cat);
	}
	db_free(&db);
}

/* ---- English left in translated pages is marked ---- */

struct untranslated {
	const struct catalog *cat;
	xmlHashTablePtr texts; /* English texts the catalog does not translate */
};

static void
collect_untranslated(void *arg, const struct dbmsg *m)
{
	struct untranslated *u = arg;

	if (cat_gettext(u->cat, m->ctxt, m->text->src) == NULL)
		xmlHashUpdateEntry(u->texts, (const xmlChar *)m->text->src, (void *)1, NULL);
}

static const char *
nearest_lang(const xmlNode *n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		for (const xmlAttr *a = n->properties; a; a = a->next)
			if (strcmp((const char *)a->name, "lang") == 0 && a->children)
				return (const char *)a->children->content;
	}
	return "";
}

/* Every text node that is an untranslated English text of the database
 * has lang="en" as its nearest language. */
static void
check_marked(xmlNode *n, const struct untranslated *u, const char *page, size_t *seen)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content
		    && xmlHashLookup(u->texts, n->content) != NULL) {
			(*seen)++;
			if (strcmp(nearest_lang(n->parent), "en") != 0)
				fail_msg("%s: English \"%.60s\" is not marked lang=\"en\"", page, n->content);
		}
		check_marked(n->children, u, page, seen);
	}
}

static void
english_fragments_are_marked(void **state)
{
	static const char *const pages[][2] = { { "es", "smtp-enhanced/x.1.1.html" },
		{ "es", "http/404.html" }, { "ar", "smtp/451.html" }, { "ar", "smtp/450-vs-550.html" },
		{ "ar", "http/301-vs-308.html" } };
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct db db;
	size_t seen = 0;

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		char po[32], path[PATH_MAX];
		struct untranslated u;
		htmlDocPtr doc;

		snprintf(po, sizeof po, "po/%s.po", pages[i][0]);
		u.cat = cat_load(po, pages[i][0], &d);
		u.texts = xmlHashCreate(1024);
		assert_non_null(u.cat);
		for (size_t r = 0; r < db.nregs; r++)
			dbmsg_registry(&db.regs[r], collect_untranslated, &u);
		snprintf(path, sizeof path, "%s/html/%s/%s", site, pages[i][0], pages[i][1]);
		doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR
		    | HTML_PARSE_NOWARNING);
		assert_non_null(doc);
		check_marked(xmlDocGetRootElement(doc), &u, path, &seen);
		xmlFreeDoc(doc);
		xmlHashFree(u.texts, NULL);
		cat_free((struct catalog *)u.cat);
	}
	assert_true(seen > 20);
	db_free(&db);
}

/* ---- completeness is what a reader sees ---- */

struct wordcount {
	size_t en, other;
};

static void
count_text_words(xmlNode *n, struct wordcount *w)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content) {
			size_t words = 0;
			int in = 0;

			for (const xmlChar *c = n->content; *c; c++) {
				int space = *c == ' ' || *c == '\n' || *c == '\t';

				words += !space && !in;
				in = !space;
			}
			if (strcmp(nearest_lang(n->parent), "en") == 0)
				w->en += words;
			else
				w->other += words;
		}
		if (n->type == XML_ELEMENT_NODE && (strcmp((const char *)n->name, "script") == 0
		    || strcmp((const char *)n->name, "style") == 0))
			continue;
		count_text_words(n->children, w);
	}
}

/* The footer's percentage is the share of the page's words that are in
 * its language, the footer's own included: the test counts the words of
 * the parsed page itself (within a few points: ids and punctuation are
 * neither). */
static void
coverage_counts_visible_words(void **state)
{
	static const char *const pages[] = { "es/smtp-enhanced/x.1.1.html", "es/smtp/451.html",
		"ar/index.html", "ar/smtp/451.html", "tr/http/404.html", "es/http/301-vs-308.html" };

	(void)state;
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		char path[PATH_MAX];
		htmlDocPtr doc;
		struct wordcount w = { 0, 0 };
		xmlXPathContextPtr x;
		xmlXPathObjectPtr o;
		long shown, counted;

		snprintf(path, sizeof path, "%s/html/%s", site, pages[i]);
		doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR
		    | HTML_PARSE_NOWARNING);
		assert_non_null(doc);
		x = xmlXPathNewContext(doc);
		o = xmlXPathEvalExpression((const xmlChar *)"string(//footer/p[1])", x);
		/* The percentage, in any digits: the first number in the text. */
		shown = -1;
		for (const xmlChar *c = o->stringval; c && *c && shown < 0; c++)
			if (*c >= '0' && *c <= '9')
				shown = strtol((const char *)c, NULL, 10);
			else if (c[0] == 0xd9 && c[1] >= 0xa0 && c[1] <= 0xa9) {
				/* Arabic-Indic digits, two bytes each. */
				shown = 0;
				for (; c[0] == 0xd9 && c[1] >= 0xa0 && c[1] <= 0xa9; c += 2)
					shown = shown * 10 + (c[1] - 0xa0);
			}
		xmlXPathFreeObject(o);
		xmlXPathFreeContext(x);
		count_text_words(xmlDocGetRootElement(doc), &w);
		xmlFreeDoc(doc);
		counted = (long)(w.other * 100 / (w.en + w.other ? w.en + w.other : 1));
		if (shown < 0 || labs(shown - counted) > 6)
			fail_msg("%s: the footer says %ld%%, the page's words say %ld%%", pages[i], shown,
			    counted);
	}
}

/* ---- names stay labels ---- */

struct names {
	char **v;
	size_t n;
};

/* Turkish capitalises names, not nouns: a class or category name right
 * after a lower-case word is a name spliced into a sentence, where it
 * would need a case ending. */
static int
spliced_name(const char *text, const struct names *nm)
{
	for (size_t k = 0; k < nm->n; k++)
		for (const char *p = text; (p = strstr(p, nm->v[k])) != NULL; p++)
			if ((p - text >= 2 && p[-1] == ' ' && p[-2] >= 'a' && p[-2] <= 'z')
			    || (p - text >= 3 && p[-1] == '(' && p[-2] == ' ' && p[-3] >= 'a'
			        && p[-3] <= 'z'))
				return 1;
	return 0;
}

static void
scan_paragraphs(xmlNode *n, const struct names *nm, const char *page, size_t *paras)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "p") == 0
		    && xmlHasProp(n, (const xmlChar *)"class") == NULL) {
			xmlChar *t = xmlNodeGetContent(n);

			(*paras)++;
			if (spliced_name((const char *)t, nm))
				fail_msg("%s: a class or category name inside a sentence: %.200s", page, t);
			xmlFree(t);
		}
		scan_paragraphs(n->children, nm, page, paras);
	}
}

static void
turkish_names_are_not_spliced(void **state)
{
	static const char *const pages[] = { "smtp/450-vs-550.html", "smtp/221-vs-421.html",
		"smtp/451.html", "smtp/550.html", "http/404.html", "http/301-vs-308.html",
		"smtp-enhanced/x.7.1.html", "smtp/index.html" };
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct catalog *cat = cat_load("po/tr.po", "tr", &d);
	struct db db;
	struct names nm = { NULL, 0 };
	size_t paras = 0;

	(void)state;
	assert_non_null(cat);
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	for (size_t r = 0; r < db.nregs; r++) {
		char ctxt[DBMSG_CTXT_MAX], what[ID_MAX + 16];
		const struct registry *reg = &db.regs[r];

		for (size_t i = 0; i < reg->nclasses + reg->ncategories; i++) {
			const char *s;

			if (i < reg->nclasses)
				snprintf(what, sizeof what, "class-%s", reg->classes[i].id);
			else
				snprintf(what, sizeof what, "category-%s", reg->categories[i - reg->nclasses].id);
			dbmsg_ctxt(ctxt, reg, what, "name");
			s = cat_gettext(cat, ctxt, i < reg->nclasses ? reg->classes[i].name.src
			    : reg->categories[i - reg->nclasses].name.src);
			if (s != NULL) {
				nm.v = xgrow(nm.v, nm.n, sizeof *nm.v);
				nm.v[nm.n++] = xstrdup(s);
			}
		}
	}
	assert_true(nm.n > 10);
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		char path[PATH_MAX];
		htmlDocPtr doc;

		snprintf(path, sizeof path, "%s/html/tr/%s", site, pages[i]);
		doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR
		    | HTML_PARSE_NOWARNING);
		assert_non_null(doc);
		scan_paragraphs(xmlDocGetRootElement(doc), &nm, pages[i], &paras);
		xmlFreeDoc(doc);
	}
	assert_true(paras > 20);
	for (size_t i = 0; i < nm.n; i++)
		free(nm.v[i]);
	free(nm.v);
	cat_free(cat);
	db_free(&db);
}

/* ---- comparisons say only what the data says ---- */

/* Text of the cells of the row whose header is label, as the reader
 * sees it (tags dropped, spaces folded). */
static size_t
row_cells(htmlDocPtr doc, const char *label, char cells[2][1024])
{
	char expr[256];
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;
	size_t n = 0;

	snprintf(expr, sizeof expr, "//table[@class='facts']//tr[th='%s']/td", label);
	o = xmlXPathEvalExpression((const xmlChar *)expr, x);
	for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr && n < 2; i++, n++) {
		xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
		size_t k = 0;
		int space = 0;

		for (const xmlChar *p = t; *p && k < 1020; p++) {
			if (*p == ' ' || *p == '\n') {
				space = k > 0;
				continue;
			}
			if (space)
				cells[n][k++] = ' ';
			space = 0;
			cells[n][k++] = (char)*p;
		}
		cells[n][k] = '\0';
		xmlFree(t);
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	return n;
}

/* Every cell of "What happens next" is the outcome the data gives that
 * code, and a merged cell is used exactly when both codes share it. */
static void
check_outcomes(const char *path, const struct code *a, const struct code *b)
{
	htmlDocPtr doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR
	    | HTML_PARSE_NOWARNING);
	char cells[2][1024];
	size_t n;

	if (doc == NULL)
		fail_msg("cannot read %s", path);
	n = row_cells(doc, "What happens next", cells);
	if (n != (a->outcome == b->outcome ? 1u : 2u))
		fail_msg("%s: %zu outcome cells for outcomes %s and %s", path, n, a->outcome->id,
		    b->outcome->id);
	if (strncmp(cells[0], a->outcome->text.src, strlen(a->outcome->text.src)) != 0
	    || (n == 2 && strcmp(cells[1], b->outcome->text.src) != 0))
		fail_msg("%s: outcome cells \"%s\" / \"%s\" are not the data's", path, cells[0],
		    n == 2 ? cells[1] : "");
	n = row_cells(doc, "Class", cells);
	assert_int_equal(n, a->classes[0] == b->classes[0] && a->nclasses == b->nclasses ? 1 : 2);
	xmlFreeDoc(doc);
}

static void
comparisons_state_only_the_data(void **state)
{
	struct diag d = { 0, 0, 1, NULL, NULL };
	struct db db;
	size_t pages = 0;

	(void)state;
	assert_int_equal(db_load_dir(&db, "data", "data/registry.rng", &d), 0);
	for (size_t r = 0; r < db.nregs; r++) {
		const struct registry *reg = &db.regs[r];

		for (size_t i = 0; i < reg->ncodes; i++)
			for (size_t j = i + 1; j < reg->ncodes; j++) {
				char path[PATH_MAX];

				if (!registry_compares(reg, &reg->codes[i], &reg->codes[j]))
					continue;
				snprintf(path, sizeof path, "%s/html/en/%s/%s-vs-%s.html", site, reg->id,
				    reg->codes[i].slug, reg->codes[j].slug);
				check_outcomes(path, &reg->codes[i], &reg->codes[j]);
				pages++;
			}
	}
	assert_true(pages > 0);
	db_free(&db);
}

/* No generated sentence of the old class-level kind survives anywhere. */
static void
no_class_level_claims(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "grep -rlE 'comes as an answer to|a client reacts to them in the same way|"
	    "nothing is retried|simply goes on' %s/html/en | head -5", site);
	assert_int_equal(rc, 0);
	if (out[0] != '\0')
		fail_msg("class-level sentences on: %s", out);
	free(out);
	/* HTTP pages carry no mail words, in any language's English fallbacks. */
	rc = run(&out, "grep -rliwE 'mail|queue|sender|bounce|SMTP' %s/html/*/http | head -5", site);
	if (out[0] != '\0')
		fail_msg("mail words on HTTP pages: %s", out);
	free(out);
}

/* ---- links ---- */

struct links {
	size_t pages, links, broken;
	char first_broken[PATH_MAX * 2];
};

static void
check_href(const char *dir, const char *page, const char *href, struct links *l)
{
	char target[PATH_MAX], clean[PATH_MAX];
	const char *slash = strrchr(page, '/');

	if (strncmp(href, "http://", 7) == 0 || strncmp(href, "https://", 8) == 0
	    || strncmp(href, "mailto:", 7) == 0 || href[0] == '#')
		return;
	snprintf(clean, sizeof clean, "%s", href);
	clean[strcspn(clean, "#?")] = '\0';
	if (snprintf(target, sizeof target, "%s/%.*s%s", dir, slash ? (int)(slash - page + 1) : 0,
	    page, clean) >= (int)sizeof target)
		fail_msg("path too long: %s", href);
	l->links++;
	if (access(target, F_OK) != 0 && l->broken++ == 0
	    && snprintf(l->first_broken, sizeof l->first_broken, "%s -> %s", page, href) < 0)
		l->first_broken[0] = '\0';
}

static void
scan_links(const char *dir, const char *page, xmlNode *n, struct links *l)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			xmlChar *v = xmlGetProp(n, (const xmlChar *)"href");

			if (v == NULL)
				v = xmlGetProp(n, (const xmlChar *)"src");
			if (v) {
				check_href(dir, page, (const char *)v, l);
				xmlFree(v);
			}
		}
		scan_links(dir, page, n->children, l);
	}
}

static void
check_page(const char *dir, const char *rel, void *arg)
{
	struct links *l = arg;
	char path[PATH_MAX];
	htmlDocPtr doc;
	xmlNode *root;
	xmlChar *lang;

	if (strlen(rel) < 5 || strcmp(rel + strlen(rel) - 5, ".html") != 0)
		return;
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	root = xmlDocGetRootElement(doc);
	lang = xmlGetProp(root, (const xmlChar *)"lang");
	if (lang == NULL)
		fail_msg("%s: <html> has no lang", rel);
	/* html/<lang>/... pages carry their folder's language. */
	if (strncmp(rel, "html/", 5) == 0 && strchr(rel + 5, '/'))
		if (strncmp(rel + 5, (const char *)lang, strlen((const char *)lang)) != 0)
			fail_msg("%s: lang=\"%s\"", rel, lang);
	xmlFree(lang);
	l->pages++;
	scan_links(dir, rel, root, l);
	xmlFreeDoc(doc);
}

static void
every_link_resolves(void **state)
{
	struct links l;

	(void)state;
	memset(&l, 0, sizeof l);
	walk(site, "", check_page, &l);
	assert_true(l.pages > 1000);
	assert_true(l.links > l.pages);
	if (l.broken)
		fail_msg("%zu broken links, first: %s", l.broken, l.first_broken);
}

static void
pages_are_valid_html5(void **state)
{
	static const char *const kinds[] = { "index.html", "smtp/index.html", "smtp/451.html",
		"smtp/211-vs-451.html", "smtp-enhanced/x.7.1.html" };
	static const char *const langs[] = { "en", "tr", "de", "es", "ar" };
	char *out;
	int rc;

	(void)state;
	/* HTML Tidy knows HTML5: it reports misnested or unknown elements
	 * and attributes; one page of each kind in each language. */
	rc = run(&out, "tidy -errors -quiet %s/html/index.html", site);
	expect_ok("tidy html/index.html", rc, out);
	for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
		for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
			rc = run(&out, "test -f %s/html/%s/%s && tidy -errors -quiet %s/html/%s/%s", site,
			    langs[l], kinds[k], site, langs[l], kinds[k]);
			if (rc != 0)
				fail_msg("tidy %s/%s: %s", langs[l], kinds[k], out);
			free(out);
		}
	out = slurp("%s/html/en/smtp/451.html", site);
	assert_true(strncmp(out, "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">", 42) == 0);
	free(out);
}

/* ---- a registry of another shape ---- */

/* tests/fixtures/anyshape/dns.xml beside the bundled data, in a temporary
 * copy: word ids, non-digit classes, no categories, a reference by
 * address, listed pairs.  It builds, lints and links clean with the
 * project's own templates and catalogs, and borrows no mail words. */
static void
a_registry_of_another_shape_builds(void **state)
{
	struct links l;
	char dir[PATH_MAX], *out;
	int rc;

	(void)state;
	rc = run(&out, "cd %s && mkdir -p as/data && cp $OLDPWD/data/*.xml $OLDPWD/data/registry.rng "
	    "$OLDPWD/tests/fixtures/anyshape/dns.xml as/data/ && $OLDPWD/codedoc build -q -d as/data "
	    "-t $OLDPWD/templates -p $OLDPWD/po -o as/out && "
	    "test -f as/out/html/en/dns-rcode/servfail-vs-nxdomain.html && "
	    "test -f as/out/html/tr/dns-rcode/x-vendor_1.html && "
	    "test -f as/out/man/man7/dns-rcode-nxdomain.7 && "
	    "test ! -e as/out/html/en/dns-rcode/noerror-vs-servfail.html && "
	    "tidy -errors -quiet as/out/html/en/dns-rcode/servfail-vs-nxdomain.html && "
	    "tidy -errors -quiet as/out/html/en/dns-rcode/servfail.html && "
	    "mandoc -Tlint -Wwarning as/out/man/man7/dns-rcode*.7 && "
	    "for f in as/out/man/man7/dns-rcode*.7; do groff -man -ww -Wbreak -z -Kutf8 -Tutf8 $f; done", top);
	if (rc != 0 || out[0] != '\0')
		fail_msg("registry of another shape: %s", out);
	free(out);
	rc = run(&out, "cd %s/as/out && grep -rliwE 'mail|queue|sender|command' html/*/dns-rcode "
	    "man/man7/dns-rcode*", top);
	if (out[0] != '\0')
		fail_msg("mail words on the DNS pages: %s", out);
	free(out);
	rc = run(&out, "grep -c 'IANA DNS RCODEs</a>' %s/as/out/html/en/dns-rcode/servfail.html", top);
	expect_ok("the address reference is a link", rc, out);
	memset(&l, 0, sizeof l);
	snprintf(dir, sizeof dir, "%s/as/out", top);
	walk(dir, "", check_page, &l);
	if (l.broken)
		fail_msg("%zu broken links, first: %s", l.broken, l.first_broken);
}

/* ---- man pages ---- */

static void
man_pages_lint_clean(void **state)
{
	char *out;
	int rc;

	(void)state;
	/* codedoc's own page, doc/codedoc.1, goes through the same checks. */
	rc = run(&out, "mkdir -p %s/man/man1 && cp doc/codedoc.1 %s/man/man1/", site, site);
	free(out);
	rc = run(&out, "find %s/man -name '*.[17]' -exec mandoc -Tlint -Wwarning {} +", site);
	if (rc != 0 || out[0] != '\0')
		fail_msg("mandoc: %s", out);
	free(out);
	/* -Wbreak: an address longer than the line cannot be broken, and
	 * groff says so; every other warning counts. */
	rc = run(&out, "for f in $(find %s/man -name '*.[17]'); do groff -man -ww -Wbreak -z -Kutf8 -Tutf8 $f; "
	    "done", site);
	if (rc != 0 || out[0] != '\0')
		fail_msg("groff: %s", out);
	free(out);
	rc = run(&out, "for f in $(find %s/man -name '*.[17]'); do LC_ALL=C.UTF-8 MANROFFSEQ= "
	    "MANWIDTH=120 man --warnings -E UTF-8 -l -Tutf8 -Z $f >/dev/null; done", site);
	if (rc != 0 || out[0] != '\0')
		fail_msg("man --warnings: %s", out);
	free(out);
	rc = run(&out, "for f in $(find %s/man -name '*.[17]'); do lexgrog $f || echo FAILED $f; done",
	    site);
	if (strstr(out, "parse failed") || strstr(out, "FAILED"))
		fail_msg("lexgrog: %s", out);
	free(out);
	rc = run(&out, "rm -r %s/man/man1", site);
	free(out);
}

static void
man_page_shape(void **state)
{
	char *s = slurp("%s/man/man7/smtp-451.7", site);

	(void)state;
	assert_true(strncmp(s, ".\\\" -*- coding: utf-8 -*-\n", 26) == 0);
	/* SOURCE_DATE_EPOCH=1764288000 is 2025-11-28. */
	contains(s, ".TH SMTP\\-451 7 2025-11-28 ", "smtp-451.7");
	contains(s, ".SH \"NAME\"\nsmtp\\-451 \\- ", "smtp-451.7");
	contains(s, ".SH \"SEE ALSO\"", "smtp-451.7");
	contains(s, ".BR smtp\\-450 (7)", "smtp-451.7");
	free(s);
	s = slurp("%s/man/man7/smtp.7", site);
	contains(s, ".TP\n.B 550\n", "smtp.7");
	free(s);
}

/* ---- hostile text ---- */

/* Counts elements and event-handler attributes named in a page. */
static void
count_injected(xmlNode *n, size_t *bad)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			if (strcmp((const char *)n->name, "script") == 0
			    || strcmp((const char *)n->name, "img") == 0)
				(*bad)++;
			for (xmlAttr *a = n->properties; a; a = a->next)
				if (strncmp((const char *)a->name, "on", 2) == 0)
					(*bad)++;
		}
		count_injected(n->children, bad);
	}
}

static void
hostile_text_comes_out_as_text(void **state)
{
	static const char *const pages[] = { "en/evil/450.html", "en/evil/450-vs-550.html",
		"en/evil/index.html", "en/index.html" };
	char *out, path[PATH_MAX];
	size_t bad = 0;
	int rc;

	(void)state;
	rc = run(&out, "cd %s && mkdir -p hz/data hz/po && cp $OLDPWD/tests/fixtures/hostile/*.xml "
	    "$OLDPWD/data/registry.rng hz/data/ && echo '# none' > hz/po/LINGUAS && "
	    "$OLDPWD/codedoc build -q -d hz/data -p hz/po -t $OLDPWD/templates -o hz/out && "
	    "find hz/out/man -name '*.7' -exec mandoc -Tlint -Wwarning {} + && "
	    "for f in hz/out/man/man7/*.7; do groff -man -ww -Wbreak -z -Kutf8 -Tutf8 $f; done", top);
	if (rc != 0 || out[0] != '\0')
		fail_msg("hostile build or lint: %s", out);
	free(out);
	rc = run(&out, "MANWIDTH=200 mandoc -Tutf8 %s/hz/out/man/man7/evil-450.7 | sed 's/.\\x08//g'",
	    top);
	assert_int_equal(rc, 0);
	contains(out, "evil-450 - .so /etc/passwd", "rendered man page");
	contains(out, "       .TH FAKE 1\n", "rendered man page");
	contains(out, "       '\\\" comment\n", "rendered man page");
	contains(out, "C:\\path\\to\\file and \\(bu and `back` ^caret~tilde", "rendered man page");
	contains(out, "       .B bold request\n", "rendered man page");
	/* A dropped DEL or a zero-width space does not hide a request. */
	contains(out, "       .so /etc/hostname\n", "rendered man page");
	contains(out, "'sh echo hi\n", "rendered man page");
	free(out);
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		htmlDocPtr doc;

		snprintf(path, sizeof path, "%s/hz/out/html/%s", top, pages[i]);
		doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR
		    | HTML_PARSE_NOWARNING);
		assert_non_null(doc);
		count_injected(xmlDocGetRootElement(doc), &bad);
		xmlFreeDoc(doc);
	}
	assert_int_equal(bad, 0);
	out = slurp("%s/hz/out/html/en/evil/450.html", top);
	contains(out, "&lt;img src=x onerror=alert(3)&gt;", "450.html");
	free(out);
}

/* ---- bad input ---- */

static void
broken_input_writes_nothing(void **state)
{
	char *out, *before, *after;
	int rc;

	(void)state;
	rc = run(&out, "cp -r data %s/data && sed -i '0,/<code id=\"452\"/s//<code id=\"451\"/' "
	    "%s/data/smtp.xml", top, top);
	assert_int_equal(rc, 0);
	free(out);
	rc = run(&out, "./codedoc build -d %s/data -o %s/fresh", top, top);
	assert_int_equal(rc, 65);
	contains(out, "/data/smtp.xml:", "stderr");
	contains(out, ": error: code 451: defined twice (first at line", "stderr");
	free(out);
	rc = run(&out, "test ! -e %s/fresh || test -z \"$(ls -A %s/fresh)\"", top, top);
	assert_int_equal(rc, 0);
	free(out);
	/* Over a good build: nothing changes. */
	before = slurp("%s/html/en/smtp/451.html", site);
	rc = run(&out, "./codedoc build -d %s/data -o %s", top, site);
	assert_int_equal(rc, 65);
	free(out);
	after = slurp("%s/html/en/smtp/451.html", site);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* A template error names template file, line and column. */
	rc = run(&out, "cp -r templates %s/tpl && sed -i 's/{{code.use}}/{{code.usage}}/' "
	    "%s/tpl/html/code.html && ./codedoc build -t %s/tpl -o %s/fresh", top, top, top, top);
	assert_int_equal(rc, 65);
	contains(out, "html/code.html:", "stderr");
	contains(out, ": error: unknown value 'code.usage'", "stderr");
	free(out);
}

/* ---- reproducible, incremental ---- */

static void
builds_are_reproducible_and_incremental(void **state)
{
	char *out;
	int rc;

	(void)state;
	/* Without SOURCE_DATE_EPOCH, at different times, in different
	 * folders, with a different thread count: the same bytes. */
	rc = run(&out, "env -u SOURCE_DATE_EPOCH LC_ALL=C.UTF-8 ./codedoc build -q -o %s/a && sleep 1 "
	    "&& env -u SOURCE_DATE_EPOCH LC_ALL=C LANGUAGE=tr CODEDOC_LOCALEDIR=build/locale "
	    "./codedoc build -q -j 2 -o %s/b/c && diff -r %s/a %s/b/c", top, top, top, top);
	expect_ok("trees differ", rc, out);
	/* A rebuild with no change writes nothing. */
	rc = run(&out, "SOURCE_DATE_EPOCH=1764288000 ./codedoc build -v "
	    "--base-url https://codes.example.org -o %s", site);
	assert_int_equal(rc, 0);
	contains(out, " 0 files written", "verbose output");
	free(out);
}

static void
a_removed_code_takes_its_pages_and_nothing_else(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "cd %s && cp -r $OLDPWD/data rm-data && cp -r %s rm-site && "
	    "echo mine > rm-site/html/en/smtp/notes.txt && "
	    "sed -i '/<code id=\"253\"/,/<\\/code>/d; /<related code=\"253\"\\/>/d' rm-data/smtp.xml && "
	    "sed -i '/<related registry=\"smtp\" code=\"253\"\\/>/d' rm-data/smtp-enhanced.xml && "
	    "! grep -q '\"253\"' rm-data/*.xml && "
	    "SOURCE_DATE_EPOCH=1764288000 $OLDPWD/codedoc build -q -d rm-data -t $OLDPWD/templates "
	    "-p $OLDPWD/po --base-url https://codes.example.org -o rm-site && "
	    "test ! -e rm-site/html/en/smtp/253.html && test ! -e rm-site/html/tr/smtp/253.html && "
	    "test ! -e rm-site/html/en/smtp/250-vs-253.html && "
	    "test ! -e rm-site/man/man7/smtp-253.7 && test ! -e rm-site/man/de/man7/smtp-253.7 && "
	    "test -e rm-site/html/en/smtp/252.html && test \"$(cat rm-site/html/en/smtp/notes.txt)\" = mine "
	    "&& ! cut -f1 rm-site/.codedoc-manifest | grep -q 253", top, site);
	expect_ok("removing a code", rc, out);
}

/* ---- translations ---- */

static void
translations_appear(void **state)
{
	char *s;

	(void)state;
	s = slurp("%s/html/tr/smtp/451.html", site);
	contains(s, "<html lang=\"tr\" dir=\"ltr\">", "tr 451");
	contains(s, ">Açıklama</h2>", "tr 451");
	contains(s, ">Gördüğünüzde</h2>", "tr 451");
	contains(s, ">Nasıl Düzeltilir</h2>", "tr 451");
	/* Dates, lists and percentages as the language writes them (CLDR). */
	contains(s, "28 Kasım 2025 tarihinde codedoc", "tr 451");
	contains(s, "Bu sayfanın çevirisi %100 oranında tamamlandı.", "tr 451");
	contains(s, "</span> veya <span class=\"phase\">ATRN</span>", "tr 451");
	assert_null(strstr(s, "<span lang=\"en\">"));
	contains(s, "<link rel=\"alternate\" hreflang=\"de\" "
	    "href=\"https://codes.example.org/de/smtp/451.html\">", "tr 451");
	contains(s, "hreflang=\"x-default\" href=\"https://codes.example.org/en/smtp/451.html\"",
	    "tr 451");
	assert_null(strstr(s, "hreflang=\"ar\" href=\"https"));
	free(s);
	s = slurp("%s/html/de/http/404.html", site);
	contains(s, "am 28. November 2025.", "de 404");
	free(s);
	s = slurp("%s/html/de/smtp/451.html", site);
	contains(s, "</span> oder <span class=\"phase\">ATRN</span>", "de 451");
	free(s);
	s = slurp("%s/html/es/smtp-enhanced/x.1.1.html", site);
	contains(s, ">Descripción</h2>", "es X.1.1");
	/* Where no span can stand: the element carries the language. */
	contains(s, "<title lang=\"en\">SMTP X.1.1: ", "es X.1.1");
	contains(s, "<meta name=\"description\" content=\"Bad destination mailbox address\" lang=\"en\">",
	    "es X.1.1");
	contains(s, "<p><span lang=\"en\">", "es X.1.1");
	contains(s, "<meta name=\"robots\" content=\"noindex\">", "es X.1.1");
	contains(s, "<p class=\"notice\" role=\"note\">", "es X.1.1");
	assert_null(strstr(s, "<link rel=\"alternate\""));
	free(s);
	/* The sitemap is an index of one part per language (and per 1,000
	 * pages); it offers a page only in the languages that translate it. */
	s = slurp("%s/html/sitemap.xml", site);
	contains(s, "<sitemapindex ", "sitemap index");
	contains(s, "<loc>https://codes.example.org/sitemaps/tr-1.xml</loc>", "sitemap index");
	assert_null(strstr(s, "sitemaps/ar-1.xml")); /* no Arabic page is translated */
	free(s);
	assert_int_equal(run(&s, "cat %s/html/sitemaps/*.xml", site), 0);
	contains(s, "<loc>https://codes.example.org/tr/smtp-enhanced/x.1.1.html</loc>", "sitemap");
	contains(s, "<loc>https://codes.example.org/es/smtp/451.html</loc>", "sitemap");
	assert_null(strstr(s, "https://codes.example.org/es/smtp-enhanced/x.1.1.html"));
	assert_null(strstr(s, "https://codes.example.org/ar/smtp/451.html"));
	free(s);
	s = slurp("%s/html/ar/index.html", site);
	contains(s, "<html lang=\"ar\" dir=\"rtl\">", "ar home");
	free(s);
	/* English left in a right-to-left page is isolated. */
	s = slurp("%s/html/ar/smtp/451.html", site);
	contains(s, "<span lang=\"en\" dir=\"ltr\">", "ar 451");
	free(s);
	s = slurp("%s/man/tr/man7/smtp-451.7", site);
	contains(s, ".SH \"AD\"\n", "tr smtp-451.7");
	contains(s, ".SH \"NASIL DÜZELTİLİR\"", "tr smtp-451.7");
	contains(s, ".nh\n.ad l\n", "tr smtp-451.7");
	free(s);
}

/* The translators' workflow on a copy: an English change makes the
 * translation fuzzy (and unused); a broken placeholder is reported with
 * its line and not used. */
static void
fuzzy_and_broken_translations_are_not_used(void **state)
{
	char *out, *s;
	int rc;

	(void)state;
	rc = run(&out, "cd %s && cp -r $OLDPWD/data $OLDPWD/templates $OLDPWD/po . && "
	    "sed -i 's/The receiving server gave up on the command/The receiving server abandoned the "
	    "command/' data/smtp.xml && "
	    "sed -i 's/^msgstr \"Sınıf {id}: {name}\"/msgstr \"Sınıf {rakam}: {name}\"/' po/tr.po && "
	    "$OLDPWD/codedoc pot && msgmerge -q --previous --update --backup=none po/tr.po "
	    "po/codedoc.pot && msgfmt --statistics -o /dev/null po/tr.po", top);
	if (rc != 0)
		fail_msg("workflow: %s", out);
	contains(out, "1 fuzzy translation", "msgfmt --statistics");
	free(out);
	rc = run(&out, "cd %s && $OLDPWD/codedoc build -l tr -f html -o fz", top);
	assert_int_equal(rc, 0);
	contains(out, "po/tr.po:", "warnings");
	contains(out, ": warning: a format specification for argument 'id' doesn't exist in "
	    "'msgstr'; translation not used", "warnings");
	free(out);
	s = slurp("%s/fz/html/tr/smtp/451.html", top);
	contains(s, "<p><span lang=\"en\">The receiving server abandoned the command", "tr 451");
	contains(s, "<strong><span lang=\"en\">Class 4: ", "tr 451");
	assert_null(strstr(s, "{rakam}"));
	free(s);
}

static void
pot_is_current_and_round_trips(void **state)
{
	char *out;
	int rc;

	(void)state;
	rc = run(&out, "./codedoc pot -o %s/new.pot && cmp po/codedoc.pot %s/new.pot && "
	    "msgmerge -q -o %s/merged.pot po/codedoc.pot po/codedoc.pot && "
	    "cmp po/codedoc.pot %s/merged.pot", top, top, top, top);
	expect_ok("po/codedoc.pot is not what 'make pot' writes, or does not round-trip", rc, out);
	rc = run(&out, "make -s check-po");
	expect_ok("make check-po", rc, out);
	/* Merging the current template into a catalog changes nothing. */
	rc = run(&out, "for l in $(sed 's/#.*//' po/LINGUAS); do msgmerge -q --previous -o %s/m.po "
	    "po/$l.po po/codedoc.pot && cmp po/$l.po %s/m.po || exit 1; done", top, top);
	expect_ok("a catalog is not merged with the current template", rc, out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_count_matches_the_database),
		cmocka_unit_test(bundled_registries_complete_in_tr_and_de),
		cmocka_unit_test(comparisons_state_only_the_data),
		cmocka_unit_test(english_fragments_are_marked),
		cmocka_unit_test(coverage_counts_visible_words),
		cmocka_unit_test(turkish_names_are_not_spliced),
		cmocka_unit_test(no_class_level_claims),
		cmocka_unit_test(a_registry_of_another_shape_builds),
		cmocka_unit_test(every_link_resolves),
		cmocka_unit_test(pages_are_valid_html5),
		cmocka_unit_test(man_pages_lint_clean),
		cmocka_unit_test(man_page_shape),
		cmocka_unit_test(hostile_text_comes_out_as_text),
		cmocka_unit_test(broken_input_writes_nothing),
		cmocka_unit_test(builds_are_reproducible_and_incremental),
		cmocka_unit_test(a_removed_code_takes_its_pages_and_nothing_else),
		cmocka_unit_test(translations_appear),
		cmocka_unit_test(fuzzy_and_broken_translations_are_not_used),
		cmocka_unit_test(pot_is_current_and_round_trips),
	};

	return cmocka_run_group_tests_name("e2e", tests, setup, teardown);
}
