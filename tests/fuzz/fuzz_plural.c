/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Plural-Forms expressions: whatever parses gives a form below nplurals
 * for every n. */
#include "fuzz.h"

#include "plural.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *s = fuzz_str(data, size);
	const char *err;
	struct plural *p = plural_parse(s, &err);

	if (p != NULL) {
		if (plural_nplurals(p) < 1 || plural_nplurals(p) > PLURAL_MAX)
			abort();
		for (unsigned long n = 0; n < 2000; n += 7)
			if (plural_eval(p, n) >= plural_nplurals(p))
				abort();
		plural_free(p);
	}
	free(s);
	return 0;
}
