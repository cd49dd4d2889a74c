/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Both escapers.  roff: after template text that ends lines, no output
 * line starts with '.' or '\'' (a request), and no newline comes from
 * the value.  HTML: no markup character survives, and '&' only starts
 * an entity the escaper wrote. */
#include "fuzz.h"

#include "escape.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void
check_roff(const char *s, size_t size)
{
	struct buf b = BUF_INIT;
	size_t lines = 0;

	buf_puts(&b, ".PP\n");
	esc_roff(&b, s, size);
	buf_puts(&b, "\n");
	esc_roff(&b, s, size);
	for (size_t i = 0; i < b.len; i++) {
		if (b.data[i] == '\n')
			lines++;
		if (i > 0 && b.data[i - 1] == '\n' && (b.data[i] == '.' || b.data[i] == '\''))
			abort();
	}
	if (lines != 2)
		abort();
	buf_free(&b);
}

static void
check_html(const char *s, size_t size)
{
	struct buf b = BUF_INIT;
	static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };

	esc_html(&b, s, size);
	for (size_t i = 0; i < b.len; i++) {
		int ok = 0;

		if (strchr("<>\"'", b.data[i]) != NULL && b.data[i] != '\0')
			abort();
		if (b.data[i] != '&')
			continue;
		for (size_t k = 0; k < 5 && !ok; k++)
			ok = strncmp(b.data + i, ents[k], strlen(ents[k])) == 0;
		if (!ok)
			abort();
	}
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	check_roff((const char *)data, size);
	check_html((const char *)data, size);
	return 0;
}
