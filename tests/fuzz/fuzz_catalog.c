/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The catalog loader (libgettextpo, header, plural forms, placeholder
 * checks) on any bytes as a .po file, then lookups. */
#include "fuzz.h"

#include "catalog.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof path);
	struct diag d = fuzz_diag();
	struct catalog *c = cat_load(path, "xx", &d);

	if (c != NULL) {
		const char *s = cat_gettext(c, NULL, "Description");

		if (s != NULL && strlen(s) > size)
			abort();
		for (unsigned long n = 0; n < 30; n++)
			(void)cat_ngettext(c, NULL, "{count} code", n);
		cat_free(c);
	}
	close(fd);
	return 0;
}
