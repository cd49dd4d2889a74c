/* SPDX-License-Identifier: GPL-3.0-or-later */
/* db_xml.c: libxml2 -> model.  Parses without network access or entity
 * expansion, validates against the RelaxNG schema, copies what it needs out
 * of the tree and frees it, then checks what the schema cannot. */
#include "db_xml.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <stdio.h>

#include "nls.h"
#include "validate.h"

struct loader {
	struct diag *d;
	const char *file;
};

/* libxml2 says "Invalid attribute id for element code": add the value,
 * and whether the schema knows the attribute at all. */
static char *
explain_attribute(const char *msg, size_t len, const xmlNode *node)
{
	static const char *const known[] = { "id", "date", "compare", "digits", "outcome", "class",
		"category", "status", "phase", "all", "rfc", "section", "href", "registry", "code",
		"a", "b" };
	char name[64];
	xmlChar *v;
	char *out;
	size_t i;

	if (node == NULL || node->type != XML_ELEMENT_NODE
	    || sscanf(msg, "Invalid attribute %63s for element", name) != 1)
		return xstrndup(msg, len);
	for (i = 0; i < sizeof known / sizeof *known && strcmp(known[i], name) != 0; i++)
		;
	v = xmlGetProp(node, (const xmlChar *)name);
	if (i == sizeof known / sizeof *known)
		out = xasprintf(_("%.*s: the schema has no attribute '%s'"), (int)len, msg, name);
	else if (v != NULL)
		out = xasprintf(_("%.*s: the value '%s' is not one that data/registry.rng allows "
		    "here"), (int)len, msg, (const char *)v);
	else
		out = xstrndup(msg, len);
	xmlFree(v);
	return out;
}

static void
xml_error(void *arg, xmlErrorPtr e)
{
	struct loader *l = arg;
	const xmlNode *node = e->node;
	const char *raw = e->message ? e->message : "?";
	size_t n = strlen(raw);
	long line = e->line;
	char *msg;

	while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == ' '))
		n--;
	msg = explain_attribute(raw, n, node);
	/* Validation errors often carry the node but no line. */
	if (line <= 0 && node != NULL && node->type == XML_ELEMENT_NODE)
		line = xmlGetLineNo(node);
	diag_report(l->d, DIAG_ERROR, e->file ? e->file : l->file, line, e->int2 > 0 ? e->int2 : 0,
	    "%s", msg);
	free(msg);
}

static void
parser_error(void *ctxt, xmlErrorPtr e)
{
	xml_error(((xmlParserCtxtPtr)ctxt)->_private, e);
}

static int
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Element text with runs of white space folded to one space and trimmed:
 * the line breaks of the XML file are not part of the content. */
static char *
node_text(const xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	struct buf b = BUF_INIT;
	int space = 0;

	for (const xmlChar *p = raw; p && *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, (char)*p);
	}
	xmlFree(raw);
	return buf_detach(&b);
}

static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static void
get_text(struct text *t, const xmlNode *n, const char *file)
{
	t->src = node_text(n);
	t->pos.file = file;
	t->pos.line = xmlGetLineNo(n);
}

static void
get_paras(struct paras *ps, const xmlNode *n, const char *file)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, "p")) {
			ps->p = xgrow(ps->p, ps->n, sizeof *ps->p);
			get_text(&ps->p[ps->n++], c, file);
		}
}

static void
get_outcome(struct registry *r, const xmlNode *n)
{
	struct outcome *k;

	r->outcomes = xgrow(r->outcomes, r->noutcomes, sizeof *r->outcomes);
	k = &r->outcomes[r->noutcomes++];
	memset(k, 0, sizeof *k);
	k->id = attr(n, "id");
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_elem(c, "name"))
			get_text(&k->name, c, r->file);
		else if (is_elem(c, "text"))
			get_text(&k->text, c, r->file);
	}
}

static void
get_class(struct registry *r, const xmlNode *n)
{
	struct rclass *k;

	r->classes = xgrow(r->classes, r->nclasses, sizeof *r->classes);
	k = &r->classes[r->nclasses++];
	memset(k, 0, sizeof *k);
	k->id = attr(n, "id");
	k->outcome_id = attr(n, "outcome");
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_elem(c, "name"))
			get_text(&k->name, c, r->file);
		else if (is_elem(c, "meaning"))
			get_text(&k->meaning, c, r->file);
	}
}

static void
get_category(struct registry *r, const xmlNode *n)
{
	struct category *k;

	r->categories = xgrow(r->categories, r->ncategories, sizeof *r->categories);
	k = &r->categories[r->ncategories++];
	memset(k, 0, sizeof *k);
	k->id = attr(n, "id");
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, "name"))
			get_text(&k->name, c, r->file);
}

static void
get_phase(struct registry *r, const xmlNode *n)
{
	struct phase *k;
	char *all = attr(n, "all");

	r->phases = xgrow(r->phases, r->nphases, sizeof *r->phases);
	k = &r->phases[r->nphases++];
	memset(k, 0, sizeof *k);
	k->id = attr(n, "id");
	k->all = all != NULL && strcmp(all, "yes") == 0;
	free(all);
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, "name"))
			get_text(&k->name, c, r->file);
}

/* "X.1.1" -> "x.1.1": file names stay lower case, as man page names do. */
static char *
make_slug(const char *id)
{
	char *s = xstrdup(id);

	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

/* Splits a list attribute at white space. */
static void
get_classes(struct code *c, const xmlNode *n)
{
	char *v = attr(n, "class");
	const char *p = v;

	while (p && *p) {
		size_t len;

		p += strspn(p, " \t\r\n");
		len = strcspn(p, " \t\r\n");
		if (len == 0)
			break;
		c->class_ids = xgrow(c->class_ids, c->nclasses, sizeof *c->class_ids);
		c->class_ids[c->nclasses++] = xstrndup(p, len);
		p += len;
	}
	c->classes = xcalloc(c->nclasses ? c->nclasses : 1, sizeof *c->classes);
	free(v);
}

static void
get_ref(struct registry *r, struct code *c, const xmlNode *n)
{
	char *rfc = attr(n, "rfc");
	struct ref *f;

	c->refs = xgrow(c->refs, c->nrefs, sizeof *c->refs);
	f = &c->refs[c->nrefs++];
	memset(f, 0, sizeof *f);
	f->rfc = rfc ? (unsigned)strtoul(rfc, NULL, 10) : 0;
	f->section = attr(n, "section");
	f->href = attr(n, "href");
	for (const xmlNode *k = n->children; k; k = k->next)
		if (is_elem(k, "title"))
			get_text(&f->title, k, r->file);
	free(rfc);
}

static void
get_related(struct code *c, const xmlNode *n, const char *regid)
{
	struct related *rel;

	c->related = xgrow(c->related, c->nrelated, sizeof *c->related);
	rel = &c->related[c->nrelated++];
	memset(rel, 0, sizeof *rel);
	rel->registry = attr(n, "registry");
	if (rel->registry == NULL)
		rel->registry = xstrdup(regid);
	rel->code = attr(n, "code");
	rel->line = xmlGetLineNo(n);
}

static void
get_seen_in(struct code *c, const xmlNode *n)
{
	c->phase_ids = xgrow(c->phase_ids, c->nphases, sizeof *c->phase_ids);
	c->phases = xgrow(c->phases, c->nphases, sizeof *c->phases);
	c->phase_ids[c->nphases] = attr(n, "phase");
	c->phases[c->nphases++] = NULL;
}

static void
get_code_child(struct registry *r, struct code *c, const xmlNode *n)
{
	if (is_elem(n, "title"))
		get_text(&c->title, n, r->file);
	else if (is_elem(n, "seen-in"))
		get_seen_in(c, n);
	else if (is_elem(n, "description"))
		get_paras(&c->description, n, r->file);
	else if (is_elem(n, "when"))
		get_paras(&c->when, n, r->file);
	else if (is_elem(n, "fix"))
		get_paras(&c->fix, n, r->file);
	else if (is_elem(n, "use"))
		get_text(&c->use, n, r->file);
	else if (is_elem(n, "note"))
		get_text(&c->note, n, r->file);
	else if (is_elem(n, "ref"))
		get_ref(r, c, n);
	else if (is_elem(n, "related"))
		get_related(c, n, r->id);
}

static void
get_code(struct registry *r, const xmlNode *n)
{
	struct code *c;
	char *v;

	r->codes = xgrow(r->codes, r->ncodes, sizeof *r->codes);
	c = &r->codes[r->ncodes++];
	memset(c, 0, sizeof *c);
	c->id = attr(n, "id");
	c->slug = make_slug(c->id ? c->id : "");
	c->line = xmlGetLineNo(n);
	c->category_id = attr(n, "category");
	c->outcome_id = attr(n, "outcome");
	get_classes(c, n);
	v = attr(n, "status");
	if (v && strcmp(v, "nonstandard") == 0)
		c->status = STATUS_NONSTANDARD;
	else if (v && strcmp(v, "deprecated") == 0)
		c->status = STATUS_DEPRECATED;
	free(v);
	for (const xmlNode *k = n->children; k; k = k->next)
		get_code_child(r, c, k);
}

static void
get_pair(struct registry *r, const xmlNode *n)
{
	struct pair *p;

	r->pairs = xgrow(r->pairs, r->npairs, sizeof *r->pairs);
	p = &r->pairs[r->npairs++];
	memset(p, 0, sizeof *p);
	p->a_id = attr(n, "a");
	p->b_id = attr(n, "b");
	p->line = xmlGetLineNo(n);
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (is_elem(k, "differences"))
			get_paras(&p->differences, k, r->file);
		else if (is_elem(k, "choose"))
			get_paras(&p->choose, k, r->file);
	}
}

static void
get_registry_attrs(struct registry *r, const xmlNode *root)
{
	char *cmp = attr(root, "compare"), *digits = attr(root, "digits");

	r->id = attr(root, "id");
	r->date = attr(root, "date");
	r->compare = cmp == NULL ? COMPARE_NONE
	    : strcmp(cmp, "pairs") == 0 ? COMPARE_ALL : COMPARE_LISTED;
	r->digits = digits == NULL ? DIGITS_NONE
	    : strcmp(digits, "class") == 0 ? DIGITS_CLASS
	    : strcmp(digits, "class category") == 0 ? DIGITS_CLASS_CATEGORY : DIGITS_DOTTED;
	free(cmp);
	free(digits);
}

static void
get_registry(struct registry *r, const xmlNode *root)
{
	get_registry_attrs(r, root);
	for (const xmlNode *n = root->children; n; n = n->next) {
		if (is_elem(n, "name"))
			get_text(&r->name, n, r->file);
		else if (is_elem(n, "short"))
			get_text(&r->short_name, n, r->file);
		else if (is_elem(n, "blurb"))
			get_text(&r->blurb, n, r->file);
		else if (is_elem(n, "intro"))
			get_paras(&r->intro, n, r->file);
		else if (is_elem(n, "outcome"))
			get_outcome(r, n);
		else if (is_elem(n, "class"))
			get_class(r, n);
		else if (is_elem(n, "category"))
			get_category(r, n);
		else if (is_elem(n, "phase"))
			get_phase(r, n);
		else if (is_elem(n, "code"))
			get_code(r, n);
		else if (is_elem(n, "pair"))
			get_pair(r, n);
	}
}

/* A code database has no DOCTYPE: no entities, internal or external, and
 * nothing for the parser to fetch. */
static int
has_doctype(xmlDocPtr doc, struct loader *l, const char *path, const char *data)
{
	const char *at = strstr(data, "<!DOCTYPE");
	long line = 1;

	if (doc->intSubset == NULL && doc->extSubset == NULL)
		return 0;
	/* libxml2 keeps no line for a DTD: count it in the text. */
	for (const char *p = data; at != NULL && p < at; p++)
		line += *p == '\n';
	diag_report(l->d, DIAG_ERROR, path, line, 0, "%s",
	    _("a code database may not have a DOCTYPE (no entities, no DTD)"));
	return 1;
}

static xmlDocPtr
parse_file(const char *path, struct loader *l)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	size_t len;
	char *data = read_input(path, &len, INPUT_MAX_DATA, l->d);

	if (data == NULL)
		return NULL;
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		diag_report(l->d, DIAG_ERROR, path, 0, 0, "%s", _("cannot create an XML parser"));
		free(data);
		return NULL;
	}
	ctxt->_private = l;
	ctxt->sax->serror = parser_error;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	/* NONET: no fetching; no NOENT/DTDLOAD: entities are not expanded,
	 * and a document with a DOCTYPE is refused below anyway. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (doc != NULL && (!ctxt->wellFormed || has_doctype(doc, l, path, data))) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	free(data);
	return doc;
}

/* The program's own schema (build/schema.c, made from data/registry.rng):
 * a schema in the data folder is input like the data and could allow
 * anything. */
extern const char codedoc_schema[];

static xmlRelaxNGPtr
load_schema(const char *schema, struct loader *l)
{
	xmlRelaxNGParserCtxtPtr pc = schema != NULL ? xmlRelaxNGNewParserCtxt(schema)
	    : xmlRelaxNGNewMemParserCtxt(codedoc_schema, (int)strlen(codedoc_schema));
	xmlRelaxNGPtr rng;
	const char *name = schema != NULL ? schema : "registry.rng";

	if (pc == NULL)
		return NULL;
	l->file = name;
	xmlRelaxNGSetParserStructuredErrors(pc, xml_error, l);
	rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (rng == NULL)
		diag_report(l->d, DIAG_ERROR, name, 0, 0, "%s", _("cannot load the schema"));
	return rng;
}

static int
validate(xmlDocPtr doc, xmlRelaxNGPtr rng, struct loader *l)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	int rc;

	if (vc == NULL)
		return -1;
	xmlRelaxNGSetValidStructuredErrors(vc, xml_error, l);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	return rc == 0 ? 0 : -1;
}

static int
load_one(struct db *db, const char *path, xmlRelaxNGPtr rng, struct diag *d)
{
	struct loader l = { d, path };
	int before = d->errors;
	xmlDocPtr doc = parse_file(path, &l);
	struct registry *r;

	if (doc == NULL) {
		if (d->errors == before)
			diag_report(d, DIAG_ERROR, path, 0, 0, "%s", _("cannot parse the file"));
		return -1;
	}
	if (validate(doc, rng, &l) != 0) {
		if (d->errors == before)
			diag_report(d, DIAG_ERROR, path, 0, 0, "%s", _("does not match the schema"));
		xmlFreeDoc(doc);
		return -1;
	}
	db->regs = xgrow(db->regs, db->nregs, sizeof *db->regs);
	r = &db->regs[db->nregs++];
	memset(r, 0, sizeof *r);
	r->file = xstrdup(path);
	get_registry(r, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return 0;
}

int
db_load_files(struct db *db, char *const *files, size_t nfiles, const char *schema,
    struct diag *d)
{
	struct loader l = { d, schema };
	xmlRelaxNGPtr rng;
	int before = d->errors;

	memset(db, 0, sizeof *db);
	if ((rng = load_schema(schema, &l)) == NULL)
		return -1;
	for (size_t i = 0; i < nfiles; i++)
		load_one(db, files[i], rng, d);
	xmlRelaxNGFree(rng);
	/* Back pointers only now: the arrays above moved while growing. */
	for (size_t i = 0; i < db->nregs; i++)
		for (size_t j = 0; j < db->regs[i].ncodes; j++)
			db->regs[i].codes[j].registry = &db->regs[i];
	if (d->errors == before)
		db_check(db, d);
	if (d->errors != before) {
		db_free(db);
		return -1;
	}
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
db_load_dir(struct db *db, const char *dir, const char *schema, struct diag *d)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **files = NULL;
	size_t n = 0;
	int rc;

	memset(db, 0, sizeof *db);
	if (dp == NULL) {
		diag_report(d, DIAG_ERROR, dir, 0, 0, "%s", strerror(errno));
		return -1;
	}
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0 && e->d_name[0] != '.') {
			files = xgrow(files, n, sizeof *files);
			files[n++] = xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(dp);
	if (n == 0) {
		diag_report(d, DIAG_ERROR, dir, 0, 0, "%s", _("no *.xml code database in this folder"));
		return -1;
	}
	/* Name order: readdir order differs between file systems. */
	qsort(files, n, sizeof *files, cmp_str);
	rc = db_load_files(db, files, n, schema, d);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return rc;
}
