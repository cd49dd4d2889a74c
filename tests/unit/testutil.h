/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testutil.h: a diagnostics sink that keeps the last message, for tests
 * that check what an error says and where. */
#ifndef CODEDOC_TESTUTIL_H
#define CODEDOC_TESTUTIL_H

#include <stdio.h>
#include <string.h>

#include "util.h"

struct captured {
	char last[1024];
	char all[8192];
};

static void
capture(void *arg, const char *line)
{
	struct captured *c = arg;
	size_t n = strlen(c->all);

	snprintf(c->last, sizeof c->last, "%s", line);
	snprintf(c->all + n, sizeof c->all - n, "%s\n", line);
}

static inline struct diag
capturing(struct captured *c)
{
	struct diag d = { 0, 0, 0, capture, c };

	c->last[0] = c->all[0] = '\0';
	return d;
}

#endif
