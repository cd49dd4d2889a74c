/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tmpl.c: template parser and renderer.  Tags are {{path}}, {{{path}}}
 * (raw), {{#path}} / {{^path}} ... {{/path}} (sections), {{> partial}},
 * {{! comment}}, {{_ "text"}} and {{_n "one" "many" path}} (translations). */
#include "tmpl.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nls.h"

#define MAX_DEPTH 64
/* The largest page: a translation that repeats a long value thousands
 * of times, or partials that multiply, stop here with an error. */
#define MAX_OUTPUT ((size_t)16 << 20)

enum node_kind { N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_PARTIAL, N_TRANS };

struct node {
	enum node_kind kind;
	int line, col;
	int raw;       /* N_VAR: no escaping */
	int html_text; /* HTML: the tag stands in element content */
	char *text;    /* N_TEXT: literal; N_VAR, sections: path; N_PARTIAL: name */
	size_t len;
	char *ctxt, *msgid, *plural, *note; /* N_TRANS; text holds the count path */
	struct node *kids;
	size_t nkids;
	const struct tmpl *partial;
};

struct tmpl {
	char *name;     /* "html/code.html", as partials and pages name it */
	char *path;     /* "templates/html/code.html", for messages */
	enum fmt fmt;
	struct node root;
	unsigned long long digest; /* of name and source */
};

struct tmpl_set {
	struct tmpl **t;
	size_t n;
};

/* Parser state over one template source. */
struct parser {
	const char *name;
	const char *src;
	size_t pos;     /* next byte to read */
	size_t lit;     /* start of the pending literal */
	enum fmt fmt;
	int in_tag;     /* HTML: inside <...> */
	int in_quote;   /* HTML: inside a quoted attribute */
	int raw_text;   /* HTML: inside <title>, <script>, <style>, <textarea> */
	size_t tag_start;
	struct diag *d;
	int failed;
	int depth;      /* open sections */
	/* The last position computed: positions are asked for in order, so
	 * counting goes on from there instead of from the start. */
	size_t pos_at;
	int pos_line, pos_col;
};

static void perr(struct parser *p, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void pos_of(struct parser *p, size_t at, int *line, int *col);

static void
perr(struct parser *p, size_t at, const char *fmt, ...)
{
	int line, col;
	va_list ap;

	pos_of(p, at, &line, &col);
	va_start(ap, fmt);
	diag_vreport(p->d, DIAG_ERROR, p->name, line, col, fmt, ap);
	va_end(ap);
	p->failed = 1;
}

static void
pos_of(struct parser *p, size_t at, int *line, int *col)
{
	size_t i = 0;

	*line = 1;
	*col = 1;
	if (p->pos_line > 0 && p->pos_at <= at) {
		i = p->pos_at;
		*line = p->pos_line;
		*col = p->pos_col;
	}
	for (; i < at; i++) {
		if (p->src[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)p->src[i] & 0xc0) != 0x80)
			(*col)++;
	}
	p->pos_at = at;
	p->pos_line = *line;
	p->pos_col = *col;
}

static struct node *
add_node(struct node *parent, enum node_kind k)
{
	struct node *n;

	parent->kids = xgrow(parent->kids, parent->nkids, sizeof *parent->kids);
	n = &parent->kids[parent->nkids++];
	memset(n, 0, sizeof *n);
	n->kind = k;
	return n;
}

/* Follows literal HTML so that each tag knows whether it stands in text
 * (where a fallback string can be wrapped in <span lang>) or elsewhere. */
static void
track_html(struct parser *p, size_t from, size_t to)
{
	static const char *const raws[] = { "title", "script", "style", "textarea" };

	for (size_t i = from; i < to; i++) {
		char c = p->src[i];

		if (!p->in_tag && c == '<' && (isalpha((unsigned char)p->src[i + 1])
		    || p->src[i + 1] == '/')) {
			p->in_tag = 1;
			p->tag_start = i + 1;
		} else if (p->in_tag && c == '"')
			p->in_quote = !p->in_quote;
		else if (p->in_tag && !p->in_quote && c == '>') {
			const char *t = p->src + p->tag_start;
			int closing = *t == '/';

			p->in_tag = 0;
			t += closing;
			for (size_t k = 0; k < sizeof raws / sizeof *raws; k++) {
				size_t n = strlen(raws[k]);

				if (strncasecmp(t, raws[k], n) == 0 && !isalnum((unsigned char)t[n]))
					p->raw_text = !closing;
			}
		}
	}
}

static void
emit_literal(struct parser *p, struct node *parent, size_t end)
{
	struct node *n;

	if (p->fmt == FMT_HTML)
		track_html(p, p->lit, end);
	if (end <= p->lit)
		return;
	n = add_node(parent, N_TEXT);
	n->text = xstrndup(p->src + p->lit, end - p->lit);
	n->len = end - p->lit;
}

/* A block tag alone on its line takes the whole line with it, so that
 * templates can be indented without leaving blank lines (which roff would
 * show).  Returns the end of the literal before the tag. */
static size_t
standalone(struct parser *p, size_t tag, size_t *after)
{
	size_t ls = tag, e = *after;

	while (ls > 0 && (p->src[ls - 1] == ' ' || p->src[ls - 1] == '\t'))
		ls--;
	if ((ls > 0 && p->src[ls - 1] != '\n') || ls < p->lit)
		return tag;
	while (p->src[e] == ' ' || p->src[e] == '\t')
		e++;
	if (p->src[e] == '\n')
		e++;
	else if (p->src[e] == '\r' && p->src[e + 1] == '\n')
		e += 2;
	else if (p->src[e] != '\0')
		return tag;
	*after = e;
	return ls;
}

static char *
trim_dup(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static int
valid_path(const char *s)
{
	if (strcmp(s, ".") == 0 || strcmp(s, "@first") == 0 || strcmp(s, "@last") == 0
	    || strcmp(s, "@index") == 0)
		return 1;
	if (!*s)
		return 0;
	for (const char *c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-' && *c != '.')
			return 0;
	return s[0] != '.' && s[strlen(s) - 1] != '.' && strstr(s, "..") == NULL;
}

/* Checks the {name} placeholders of a message: balanced, valid names. */
static int
check_placeholders(const char *m)
{
	for (const char *c = m; *c; c++) {
		if ((c[0] == '{' && c[1] == '{') || (c[0] == '}' && c[1] == '}')) {
			c++;
			continue;
		}
		if (*c == '}')
			return -1;
		if (*c == '{') {
			const char *e = strchr(c, '}');
			char *name;
			int ok;

			if (e == NULL)
				return -1;
			name = xstrndup(c + 1, (size_t)(e - c - 1));
			ok = valid_path(name) && name[0] != '@';
			free(name);
			if (!ok)
				return -1;
			c = e;
		}
	}
	return 0;
}

/* Reads a "quoted string" with \" and \\ escapes; advances *s. */
static char *
read_quoted(const char **s)
{
	struct buf b = BUF_INIT;
	const char *c = *s;

	if (*c != '"')
		return NULL;
	for (c++; *c && *c != '"'; c++) {
		if (*c == '\\' && (c[1] == '"' || c[1] == '\\'))
			c++;
		else if (*c == '\\' && c[1] == 'n') {
			c++;
			buf_putc(&b, '\n');
			continue;
		}
		buf_putc(&b, *c);
	}
	if (*c != '"') {
		buf_free(&b);
		return NULL;
	}
	*s = c + 1;
	return buf_detach(&b);
}

static const char *
skip_ws(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* Parses the arguments of {{_ ...}} / {{_n ...}}: options ctx="" and
 * note="", then one or two strings, then (plural) the count path. */
static int
parse_trans(struct node *n, const char *args, int plural)
{
	const char *s = skip_ws(args);
	char **slot;

	while (strncmp(s, "ctx=", 4) == 0 || strncmp(s, "note=", 5) == 0) {
		slot = s[0] == 'c' ? &n->ctxt : &n->note;
		s = strchr(s, '=') + 1;
		free(*slot);
		if ((*slot = read_quoted(&s)) == NULL)
			return -1;
		s = skip_ws(s);
	}
	if ((n->msgid = read_quoted(&s)) == NULL)
		return -1;
	if (plural) {
		s = skip_ws(s);
		if ((n->plural = read_quoted(&s)) == NULL)
			return -1;
		s = skip_ws(s);
		n->text = trim_dup(s, strlen(s));
		if (!valid_path(n->text))
			return -1;
		s += strlen(s);
	}
	s = skip_ws(s);
	if (*s != '\0' || n->msgid[0] == '\0')
		return -1;
	if (check_placeholders(n->msgid) != 0 || (n->plural && check_placeholders(n->plural) != 0))
		return -1;
	return 0;
}

static void parse_block(struct parser *p, struct node *parent, const char *close, size_t open_at);

/* Handles one tag whose body is tag[0..len); at is the "{{" offset. */
static void
parse_tag(struct parser *p, struct node *parent, const char *body, size_t at, int raw)
{
	char kind = raw ? '&' : body[0];
	const char *rest = (kind == '#' || kind == '^' || kind == '/' || kind == '>' || kind == '!'
	    || kind == '&') && !raw ? body + 1 : body;
	char *arg = trim_dup(rest, strlen(rest));
	struct node *n;

	if (kind == '_' && (body[1] == ' ' || (body[1] == 'n' && body[2] == ' '))) {
		n = add_node(parent, N_TRANS);
		pos_of(p, at, &n->line, &n->col);
		n->html_text = !p->in_tag && !p->raw_text;
		if (parse_trans(n, body + (body[1] == 'n' ? 2 : 1), body[1] == 'n') != 0)
			perr(p, at, _("malformed translation tag '%s'"), body);
		free(arg);
		return;
	}
	switch (kind) {
	case '!':
		break;
	case '/':
		perr(p, at, _("closing tag '%s' without an open section"), arg);
		break;
	case '#':
	case '^':
		n = add_node(parent, kind == '#' ? N_SECTION : N_INVERTED);
		pos_of(p, at, &n->line, &n->col);
		n->text = arg;
		arg = NULL;
		if (!valid_path(n->text))
			perr(p, at, _("malformed value name '%s'"), n->text);
		else if (p->depth >= MAX_DEPTH)
			perr(p, at, _("sections nested more than %d deep"), MAX_DEPTH);
		else {
			p->depth++;
			parse_block(p, n, n->text, at);
			p->depth--;
		}
		break;
	case '>':
		n = add_node(parent, N_PARTIAL);
		pos_of(p, at, &n->line, &n->col);
		n->text = arg;
		arg = NULL;
		break;
	default:
		n = add_node(parent, N_VAR);
		pos_of(p, at, &n->line, &n->col);
		n->raw = kind == '&';
		n->html_text = !p->in_tag && !p->raw_text;
		n->text = arg;
		arg = NULL;
		if (!valid_path(n->text))
			perr(p, at, _("malformed value name '%s'"), n->text);
	}
	free(arg);
}

/* Finds the end of a tag, skipping "quoted strings" (a translation may
 * contain braces). */
static const char *
tag_end(const char *s, int raw)
{
	const char *close = raw ? "}}}" : "}}";
	int quoted = 0;

	for (; *s; s++) {
		if (quoted && *s == '\\' && s[1] != '\0')
			s++;
		else if (*s == '"')
			quoted = !quoted;
		else if (!quoted && strncmp(s, close, strlen(close)) == 0)
			return s;
	}
	return NULL;
}

/* Parses until {{/close}} (or the end when close is NULL). */
static void
parse_block(struct parser *p, struct node *parent, const char *close, size_t open_at)
{
	const char *s = p->src;

	while (!p->failed) {
		const char *o = strstr(s + p->pos, "{{");
		size_t at, body, end, after, lit_end;
		int raw;
		char *tag;

		if (o == NULL) {
			p->pos = strlen(s);
			emit_literal(p, parent, p->pos);
			p->lit = p->pos;
			if (close != NULL)
				perr(p, open_at, _("unclosed section '%s'"), close);
			return;
		}
		at = (size_t)(o - s);
		raw = o[2] == '{';
		body = at + (raw ? 3 : 2);
		o = tag_end(s + body, raw);
		if (o == NULL) {
			perr(p, at, "%s", _("unterminated tag"));
			return;
		}
		end = (size_t)(o - s);
		after = end + (raw ? 3 : 2);
		tag = trim_dup(s + body, end - body);
		lit_end = at;
		if (!raw && strchr("#^/>!", tag[0]) != NULL && tag[0] != '\0')
			lit_end = standalone(p, at, &after);
		emit_literal(p, parent, lit_end);
		p->lit = p->pos = after;
		if (!raw && tag[0] == '/') {
			char *name = trim_dup(tag + 1, strlen(tag + 1));

			if (close == NULL || strcmp(name, close) != 0) {
				if (close != NULL)
					perr(p, at, _("closing tag does not match open section '%s'"), close);
				else
					perr(p, at, _("closing tag '%s' without an open section"), name);
			}
			free(name);
			free(tag);
			return;
		}
		parse_tag(p, parent, tag, at, raw);
		free(tag);
	}
}

static void
node_free(struct node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		node_free(&n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n->ctxt);
	free(n->msgid);
	free(n->plural);
	free(n->note);
}

static void
tmpl_free(struct tmpl *t)
{
	node_free(&t->root);
	free(t->name);
	free(t->path);
	free(t);
}

struct tmpl_set *
tmpl_set_new(void)
{
	return xcalloc(1, sizeof(struct tmpl_set));
}

void
tmpl_set_free(struct tmpl_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++)
		tmpl_free(set->t[i]);
	free(set->t);
	free(set);
}

int
tmpl_set_add(struct tmpl_set *set, const char *name, const char *src, struct diag *d)
{
	struct parser p;
	struct tmpl *t = xcalloc(1, sizeof *t);

	memset(&p, 0, sizeof p);
	p.name = name;
	p.src = src;
	p.d = d;
	t->name = xstrdup(name);
	t->path = xstrdup(name);
	if (fmt_from_name(name, &t->fmt) != 0) {
		diag_report(d, DIAG_ERROR, name, 0, 0, "%s", _("unknown template format"));
		tmpl_free(t);
		return -1;
	}
	p.fmt = t->fmt;
	t->digest = hash_str(hash_str(HASH_INIT, name), src);
	parse_block(&p, &t->root, NULL, 0);
	if (p.failed) {
		tmpl_free(t);
		return -1;
	}
	set->t = xgrow(set->t, set->n, sizeof *set->t);
	set->t[set->n++] = t;
	return 0;
}

unsigned long long
tmpl_set_digest(const struct tmpl_set *set)
{
	unsigned long long h = 0;

	/* A sum: the order templates were added in does not matter. */
	for (size_t i = 0; i < set->n; i++)
		h += hash_u64(HASH_INIT, set->t[i]->digest);
	return h;
}

const struct tmpl *
tmpl_set_get(const struct tmpl_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->t[i]->name, name) == 0)
			return set->t[i];
	return NULL;
}

/* "html/code.html" + "frame" -> "html/frame.html": a partial lives in the
 * folder of its includer and has its format. */
static char *
partial_name(const char *includer, const char *name)
{
	const char *slash = strrchr(includer, '/');
	const char *dot = strrchr(includer, '.');
	int dirlen = slash ? (int)(slash - includer + 1) : 0;

	return xasprintf("%.*s%s%s", dirlen, includer, name, dot ? dot : "");
}

static int
link_node(struct tmpl_set *set, const struct tmpl *t, struct node *n, struct diag *d)
{
	int rc = 0;

	if (n->kind == N_PARTIAL) {
		char *full = partial_name(t->name, n->text);

		n->partial = tmpl_set_get(set, full);
		if (n->partial == NULL) {
			diag_report(d, DIAG_ERROR, t->path, n->line, n->col,
			    _("unknown partial '%s' (no template %s)"), n->text, full);
			rc = -1;
		}
		free(full);
	}
	for (size_t i = 0; i < n->nkids; i++)
		if (link_node(set, t, &n->kids[i], d) != 0)
			rc = -1;
	return rc;
}

int
tmpl_set_link(struct tmpl_set *set, struct diag *d)
{
	int rc = 0;

	for (size_t i = 0; i < set->n; i++)
		if (link_node(set, set->t[i], &set->t[i]->root, d) != 0)
			rc = -1;
	return rc;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the template files below dir/rel, sorted. */
static void
list_dir(const char *dir, const char *rel, char ***names, size_t *n, struct diag *d)
{
	char *path = rel[0] ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
	DIR *dp = opendir(path);
	struct dirent *e;

	if (dp == NULL) {
		diag_report(d, DIAG_ERROR, path, 0, 0, "%s", strerror(errno));
		free(path);
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		char *child, *full;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		child = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		full = xasprintf("%s/%s", dir, child);
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode))
			list_dir(dir, child, names, n, d);
		else {
			*names = xgrow(*names, *n, sizeof **names);
			(*names)[(*n)++] = xstrdup(child);
		}
		free(child);
		free(full);
	}
	closedir(dp);
	free(path);
}

int
tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct diag *d)
{
	char **names = NULL;
	size_t n = 0;
	int before = d->errors;

	list_dir(dir, "", &names, &n, d);
	qsort(names, n, sizeof *names, cmp_name);
	for (size_t i = 0; i < n; i++) {
		char *full = xasprintf("%s/%s", dir, names[i]);
		char *src = NULL;
		enum fmt f;

		/* Not a template: README, editor files. */
		if (fmt_from_name(names[i], &f) == 0
		    && (src = read_input(full, NULL, INPUT_MAX_TEMPLATE, d)) != NULL
		    && tmpl_set_add(set, full, src, d) == 0) {
			/* Named as pages name it; messages keep the path. */
			struct tmpl *t = set->t[set->n - 1];

			free(t->name);
			t->name = xstrdup(names[i]);
		}
		free(src);
		free(full);
		free(names[i]);
	}
	free(names);
	if (d->errors == before)
		tmpl_set_link(set, d);
	return d->errors == before ? 0 : -1;
}

static void
messages_in(const struct tmpl *t, const struct node *n, const char *prefix,
    void (*fn)(void *, const struct tmpl_msg *), void *arg)
{
	if (n->kind == N_TRANS) {
		struct tmpl_msg m = { n->ctxt, n->msgid, n->plural, n->note, NULL, n->line };
		char *file = xasprintf("%s%s", prefix, t->name);

		m.file = file;
		fn(arg, &m);
		free(file);
	}
	for (size_t i = 0; i < n->nkids; i++)
		messages_in(t, &n->kids[i], prefix, fn, arg);
}

void
tmpl_set_messages(const struct tmpl_set *set, void (*fn)(void *arg, const struct tmpl_msg *m),
    void *arg)
{
	for (size_t i = 0; i < set->n; i++)
		messages_in(set->t[i], &set->t[i]->root, "", fn, arg);
}

enum fmt
tmpl_fmt(const struct tmpl *t)
{
	return t->fmt;
}

const char *
tmpl_name(const struct tmpl *t)
{
	return t->name;
}

/* ---- rendering ---- */

struct frame {
	const struct val *v;
	int loop; /* frame pushed by a list iteration */
	size_t index, count;
};

struct render {
	const struct tmpl_env *env;
	const struct tmpl *t; /* template being rendered, for messages */
	enum fmt fmt;
	struct frame frames[MAX_DEPTH];
	size_t nframes;
	int depth; /* partial nesting */
	struct buf scratch;
};

static const struct val v_true = { .kind = VAL_BOOL, .u = { .b = 1 } };
static const struct val v_false = { .kind = VAL_BOOL, .u = { .b = 0 } };

static int rerr(struct render *r, const struct node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
rerr(struct render *r, const struct node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(r->env->d, DIAG_ERROR, r->t->path, n->line, n->col, fmt, ap);
	va_end(ap);
	return -1;
}

static const struct val *lookup(struct render *r, const char *path);

/* @first, @last and @index of the innermost loop; @index is written into
 * the caller's scratch value. */
static const struct val *
loop_meta(struct render *r, const char *name, struct val *scratch, char *num, size_t size)
{
	for (size_t i = r->nframes; i-- > 0;) {
		const struct frame *f = &r->frames[i];

		if (!f->loop)
			continue;
		if (strcmp(name, "@first") == 0)
			return f->index == 0 ? &v_true : &v_false;
		if (strcmp(name, "@last") == 0)
			return f->index + 1 == f->count ? &v_true : &v_false;
		snprintf(num, size, "%zu", f->index + 1);
		memset(scratch, 0, sizeof *scratch);
		scratch->kind = VAL_STR;
		scratch->u.s = num;
		return scratch;
	}
	return NULL;
}

/* A value by name: loop metadata or a path. */
static const struct val *
resolve(struct render *r, const char *name, struct val *scratch, char *num, size_t size)
{
	return name[0] == '@' ? loop_meta(r, name, scratch, num, size) : lookup(r, name);
}

/* Resolves a dotted path: the first name on the innermost frame that has
 * it (as in Mustache), the rest inside that value. */
static const struct val *
lookup(struct render *r, const char *path)
{
	char seg[128];
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	const struct val *v = NULL;

	if (strcmp(path, ".") == 0)
		return r->nframes ? r->frames[r->nframes - 1].v : NULL;
	if (n >= sizeof seg)
		return NULL;
	memcpy(seg, path, n);
	seg[n] = '\0';
	for (size_t i = r->nframes; i-- > 0 && v == NULL;)
		v = val_get(r->frames[i].v, seg);
	while (v != NULL && dot != NULL) {
		path = dot + 1;
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof seg)
			return NULL;
		memcpy(seg, path, n);
		seg[n] = '\0';
		v = val_get(v, seg);
	}
	return v;
}

static int render_nodes(struct render *r, const struct node *kids, size_t n, struct buf *out);
static void open_en(struct render *r, struct buf *out);

/* Counts the words of a text shown in element content. */
static void
count_words(struct render *r, const struct node *n, const char *s, int english)
{
	size_t words;

	if (r->env->count == NULL || !n->html_text)
		return;
	words = word_count(s);
	r->env->count->total += words;
	if (!english)
		r->env->count->done += words;
}

static void
put_text(struct render *r, const struct node *n, const char *s, int fallback, struct buf *out)
{
	int wrap = fallback && r->fmt == FMT_HTML && n->html_text && r->env->src_lang;

	if (wrap)
		open_en(r, out);
	esc_fmt(r->fmt, out, s, strlen(s));
	if (wrap)
		buf_puts(out, "</span>");
}

/* A value in page text; counts in the language's digits. */
static void
put_value(struct render *r, const struct node *n, const struct val *v, int fallback,
    struct buf *out)
{
	if (!v->number || r->env->digits == NULL || r->fmt != FMT_HTML || !n->html_text) {
		put_text(r, n, v->u.s, fallback, out);
		return;
	}
	for (const char *c = v->u.s; *c; c++)
		if (*c >= '0' && *c <= '9' && r->env->digits[*c - '0'])
			buf_puts(out, r->env->digits[*c - '0']);
		else
			buf_putc(out, *c);
}

static int
render_var(struct render *r, const struct node *n, struct buf *out)
{
	struct val scratch;
	char num[32];
	const struct val *v = resolve(r, n->text, &scratch, num, sizeof num);

	if (v == NULL)
		return rerr(r, n, _("unknown value '%s'"), n->text);
	if (v->kind != VAL_STR)
		return rerr(r, n, _("value '%s' is not a string"), n->text);
	if (n->raw && !v->trusted)
		return rerr(r, n, _("{{{%s}}} would show text unescaped; only values the program "
		    "makes itself, such as date, may be"), n->text);
	if (n->raw)
		buf_puts(out, v->u.s);
	else
		put_value(r, n, v, v->fallback, out);
	/* Values that are no text of a language (ids, numbers) count as
	 * the page's own: a reader sees them in every language. */
	count_words(r, n, v->u.s, v->msg && v->fallback);
	return 0;
}

static int
push(struct render *r, const struct node *n, const struct val *v, int loop, size_t i, size_t cnt)
{
	if (r->nframes == MAX_DEPTH)
		return rerr(r, n, _("sections nested too deeply at '%s'"), n->text);
	r->frames[r->nframes].v = v;
	r->frames[r->nframes].loop = loop;
	r->frames[r->nframes].index = i;
	r->frames[r->nframes].count = cnt;
	r->nframes++;
	return 0;
}

static int
render_section(struct render *r, const struct node *n, struct buf *out)
{
	struct val scratch;
	char num[32];
	const struct val *v = resolve(r, n->text, &scratch, num, sizeof num);
	int rc = 0;

	if (v == NULL)
		return rerr(r, n, _("unknown value '%s'"), n->text);
	if (n->kind == N_INVERTED)
		return val_truthy(v) ? 0 : render_nodes(r, n->kids, n->nkids, out);
	if (!val_truthy(v))
		return 0;
	if (v->kind == VAL_BOOL)
		return render_nodes(r, n->kids, n->nkids, out);
	if (v->kind != VAL_LIST) {
		if (push(r, n, v, 0, 0, 0) != 0)
			return -1;
		rc = render_nodes(r, n->kids, n->nkids, out);
		r->nframes--;
		return rc;
	}
	for (size_t i = 0; i < v->u.list.n && rc == 0; i++) {
		if (push(r, n, v->u.list.items[i], 1, i, v->u.list.n) != 0)
			return -1;
		rc = render_nodes(r, n->kids, n->nkids, out);
		r->nframes--;
	}
	return rc;
}

static void
open_en(struct render *r, struct buf *out)
{
	buf_printf(out, "<span lang=\"%s\"%s>", r->env->src_lang, r->env->isolate ? " dir=\"ltr\"" : "");
}

/* Writes the literal text of a message gathered so far, escaped, and
 * counts its words as the message's. */
static void
flush_literal(struct render *r, const struct node *n, int english, struct buf *out)
{
	esc_fmt(r->fmt, out, r->scratch.data ? r->scratch.data : "", r->scratch.len);
	count_words(r, n, r->scratch.data ? r->scratch.data : "", english);
	buf_reset(&r->scratch);
}

/* Writes msg with its {name} placeholders replaced by values ({{ and }}
 * stand for braces), escaped.  In a translated sentence, a value that is
 * itself English is marked as such; a sentence that is all English is
 * marked as a whole by the caller. */
static int
expand(struct render *r, const struct node *n, const char *msg, int whole_english,
    struct buf *out)
{
	buf_reset(&r->scratch);
	for (const char *c = msg; *c; c++) {
		const char *e;
		const struct val *v;
		char *name;

		if ((c[0] == '{' && c[1] == '{') || (c[0] == '}' && c[1] == '}')) {
			buf_putc(&r->scratch, *c++);
			continue;
		}
		if (*c != '{' || (e = strchr(c, '}')) == NULL) {
			buf_putc(&r->scratch, *c);
			continue;
		}
		name = xstrndup(c + 1, (size_t)(e - c - 1));
		v = lookup(r, name);
		if (v == NULL || v->kind != VAL_STR) {
			rerr(r, n, _("unknown value '%s' in a translated string"), name);
			free(name);
			return -1;
		}
		free(name);
		flush_literal(r, n, whole_english, out);
		put_value(r, n, v, v->fallback && !whole_english, out);
		count_words(r, n, v->u.s, v->msg ? v->fallback || whole_english : whole_english);
		if (out->len > MAX_OUTPUT)
			return rerr(r, n, _("a translated string grows past %zu bytes"), MAX_OUTPUT);
		c = e;
	}
	flush_literal(r, n, whole_english, out);
	return 0;
}

static int
render_trans(struct render *r, const struct node *n, struct buf *out)
{
	const struct translator *tr = r->env->tr;
	const char *msg = n->msgid;
	int fallback = 0, wrap, rc;

	if (n->plural != NULL) {
		const struct val *cv = lookup(r, n->text);
		unsigned long cnt;

		if (cv == NULL || cv->kind != VAL_STR)
			return rerr(r, n, _("unknown count value '%s'"), n->text);
		cnt = strtoul(cv->u.s, NULL, 10);
		msg = tr ? tr->nget(tr->arg, n->ctxt, n->msgid, n->plural, cnt, &fallback)
		         : (cnt == 1 ? n->msgid : n->plural);
	} else if (tr != NULL)
		msg = tr->get(tr->arg, n->ctxt, n->msgid, &fallback);
	wrap = fallback && r->fmt == FMT_HTML && n->html_text && r->env->src_lang;
	if (wrap)
		open_en(r, out);
	rc = expand(r, n, msg, fallback, out);
	if (wrap && rc == 0)
		buf_puts(out, "</span>");
	return rc;
}

static int
render_partial(struct render *r, const struct node *n, struct buf *out)
{
	const struct tmpl *saved = r->t;
	int rc;

	if (n->partial == NULL)
		return rerr(r, n, _("unknown partial '%s'"), n->text);
	if (r->depth >= MAX_DEPTH)
		return rerr(r, n, _("partial '%s' includes itself too deeply"), n->text);
	r->depth++;
	r->t = n->partial;
	rc = render_nodes(r, n->partial->root.kids, n->partial->root.nkids, out);
	r->t = saved;
	r->depth--;
	return rc;
}

static int
render_nodes(struct render *r, const struct node *kids, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct node *k = &kids[i];
		int rc = 0;

		switch (k->kind) {
		case N_TEXT: buf_add(out, k->text, k->len); break;
		case N_VAR: rc = render_var(r, k, out); break;
		case N_SECTION:
		case N_INVERTED: rc = render_section(r, k, out); break;
		case N_PARTIAL: rc = render_partial(r, k, out); break;
		case N_TRANS: rc = render_trans(r, k, out); break;
		}
		if (rc != 0)
			return rc;
		if (out->len > MAX_OUTPUT)
			return rerr(r, k, _("the page grows past %zu bytes"), MAX_OUTPUT);
	}
	return 0;
}

int
tmpl_render(const struct tmpl *t, const struct val *ctx, const struct tmpl_env *env,
    struct buf *out)
{
	struct render r;
	int rc;

	memset(&r, 0, sizeof r);
	r.env = env;
	r.t = t;
	r.fmt = t->fmt;
	r.frames[0].v = ctx;
	r.nframes = 1;
	rc = render_nodes(&r, t->root.kids, t->root.nkids, out);
	buf_free(&r.scratch);
	return rc;
}
