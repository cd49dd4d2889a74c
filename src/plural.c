/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plural.c: recursive-descent parser and tree evaluator for Plural-Forms. */
#include "plural.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum op { OP_N, OP_NUM, OP_NOT, OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_LT, OP_GT, OP_LE,
	OP_GE, OP_EQ, OP_NE, OP_AND, OP_OR, OP_COND };

struct pnode {
	enum op op;
	unsigned long num;
	struct pnode *k[3];
};

struct plural {
	unsigned long nplurals;
	struct pnode *root;
};

struct pp {
	const char *s;
	int bad;
	int depth;
};

static struct pnode *
mk(enum op op, struct pnode *a, struct pnode *b, struct pnode *c)
{
	struct pnode *n = xcalloc(1, sizeof *n);

	n->op = op;
	n->k[0] = a;
	n->k[1] = b;
	n->k[2] = c;
	return n;
}

static void
pnode_free(struct pnode *n)
{
	if (n == NULL)
		return;
	for (int i = 0; i < 3; i++)
		pnode_free(n->k[i]);
	free(n);
}

static void
ws(struct pp *p)
{
	while (isspace((unsigned char)*p->s))
		p->s++;
}

static int
eat(struct pp *p, const char *tok)
{
	size_t n = strlen(tok);

	ws(p);
	if (strncmp(p->s, tok, n) != 0)
		return 0;
	/* "<" must not match the start of "<=", nor "!" of "!=". */
	if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!' || tok[0] == '=')
	    && p->s[1] == '=')
		return 0;
	p->s += n;
	return 1;
}

static struct pnode *cond(struct pp *p);

static struct pnode *
primary(struct pp *p)
{
	ws(p);
	if (++p->depth > 100) {
		p->bad = 1;
		return NULL;
	}
	if (eat(p, "!"))
		return mk(OP_NOT, primary(p), NULL, NULL);
	if (eat(p, "(")) {
		struct pnode *n = cond(p);

		if (!eat(p, ")"))
			p->bad = 1;
		return n;
	}
	if (*p->s == 'n') {
		p->s++;
		return mk(OP_N, NULL, NULL, NULL);
	}
	if (isdigit((unsigned char)*p->s)) {
		struct pnode *n = mk(OP_NUM, NULL, NULL, NULL);

		n->num = strtoul(p->s, (char **)&p->s, 10);
		return n;
	}
	p->bad = 1;
	return NULL;
}

/* One binary precedence level: operators ops[i] map to codes[i]. */
static struct pnode *
level(struct pp *p, int lvl);

static const struct {
	const char *tok[4];
	enum op op[4];
} levels[] = {
	{ { "||" }, { OP_OR } },
	{ { "&&" }, { OP_AND } },
	{ { "==", "!=" }, { OP_EQ, OP_NE } },
	{ { "<=", ">=", "<", ">" }, { OP_LE, OP_GE, OP_LT, OP_GT } },
	{ { "+", "-" }, { OP_ADD, OP_SUB } },
	{ { "*", "/", "%" }, { OP_MUL, OP_DIV, OP_MOD } },
};

static struct pnode *
level(struct pp *p, int lvl)
{
	struct pnode *left;

	if (lvl == (int)(sizeof levels / sizeof *levels))
		return primary(p);
	left = level(p, lvl + 1);
	for (;;) {
		int found = -1;

		for (int i = 0; i < 4 && levels[lvl].tok[i]; i++)
			if (eat(p, levels[lvl].tok[i])) {
				found = i;
				break;
			}
		if (found < 0 || p->bad)
			return left;
		left = mk(levels[lvl].op[found], left, level(p, lvl + 1), NULL);
	}
}

static struct pnode *
cond(struct pp *p)
{
	struct pnode *c = level(p, 0);

	if (eat(p, "?")) {
		struct pnode *t = cond(p);

		if (!eat(p, ":"))
			p->bad = 1;
		return mk(OP_COND, c, t, cond(p));
	}
	return c;
}

static unsigned long
eval(const struct pnode *e, unsigned long n, int *bad)
{
	unsigned long a, b;

	switch (e->op) {
	case OP_N: return n;
	case OP_NUM: return e->num;
	case OP_NOT: return !eval(e->k[0], n, bad);
	case OP_COND: return eval(e->k[0], n, bad) ? eval(e->k[1], n, bad) : eval(e->k[2], n, bad);
	case OP_AND: return eval(e->k[0], n, bad) && eval(e->k[1], n, bad);
	case OP_OR: return eval(e->k[0], n, bad) || eval(e->k[1], n, bad);
	default: break;
	}
	a = eval(e->k[0], n, bad);
	b = eval(e->k[1], n, bad);
	switch (e->op) {
	case OP_MUL: return a * b;
	case OP_DIV:
	case OP_MOD:
		if (b == 0) {
			*bad = 1;
			return 0;
		}
		return e->op == OP_DIV ? a / b : a % b;
	case OP_ADD: return a + b;
	case OP_SUB: return a - b;
	case OP_LT: return a < b;
	case OP_GT: return a > b;
	case OP_LE: return a <= b;
	case OP_GE: return a >= b;
	case OP_EQ: return a == b;
	case OP_NE: return a != b;
	default: return 0;
	}
}

static int
has_null(const struct pnode *e)
{
	if (e == NULL)
		return 1;
	switch (e->op) {
	case OP_N:
	case OP_NUM: return 0;
	case OP_NOT: return has_null(e->k[0]);
	case OP_COND: return has_null(e->k[0]) || has_null(e->k[1]) || has_null(e->k[2]);
	default: return has_null(e->k[0]) || has_null(e->k[1]);
	}
}

struct plural *
plural_parse(const char *header, const char **err)
{
	const char *np = strstr(header, "nplurals="), *pl = strstr(header, "plural=");
	struct plural *r;
	struct pp p = { NULL, 0, 0 };
	int bad = 0;

	/* "nplurals=" contains "plural=": find the one that stands alone. */
	while (pl != NULL && pl > header && pl[-1] == 'n')
		pl = strstr(pl + 1, "plural=");
	if (np == NULL || pl == NULL) {
		*err = "Plural-Forms needs nplurals= and plural=";
		return NULL;
	}
	/* A plain number from 1 to PLURAL_MAX, as msgfmt wants it: not
	 * "-1", not "10^23". */
	np += 9;
	while (*np == ' ')
		np++;
	if (!isdigit((unsigned char)*np) || strspn(np, "0123456789") > 2
	    || strtoul(np, NULL, 10) < 1 || strtoul(np, NULL, 10) > PLURAL_MAX
	    || np[strspn(np, "0123456789") + strspn(np + strspn(np, "0123456789"), " ")] != ';') {
		*err = "nplurals must be a number from 1 to 16, followed by ';'";
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->nplurals = strtoul(np, NULL, 10);
	p.s = pl + 7;
	r->root = cond(&p);
	ws(&p);
	if (*p.s == ';')
		p.s++;
	ws(&p);
	if (p.bad || *p.s != '\0' || has_null(r->root) || r->nplurals == 0) {
		*err = "malformed plural expression";
		plural_free(r);
		return NULL;
	}
	for (unsigned long n = 0; n <= 1000 && !bad; n++)
		if (eval(r->root, n, &bad) >= r->nplurals)
			bad = 1;
	if (bad) {
		*err = "plural expression gives a form number past nplurals, or divides by zero";
		plural_free(r);
		return NULL;
	}
	return r;
}

void
plural_free(struct plural *p)
{
	if (p == NULL)
		return;
	pnode_free(p->root);
	free(p);
}

unsigned long
plural_nplurals(const struct plural *p)
{
	return p->nplurals;
}

unsigned long
plural_eval(const struct plural *p, unsigned long n)
{
	int bad = 0;
	unsigned long v = eval(p->root, n, &bad);

	return bad || v >= p->nplurals ? 0 : v;
}
