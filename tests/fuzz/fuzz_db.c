/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The database loader: parsing, schema validation and the checks in C,
 * on any bytes as a registry file. */
#include "fuzz.h"

#include "db_xml.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[64];
	char *files[1] = { path };
	int fd = fuzz_file(data, size, path, sizeof path);
	struct diag d = fuzz_diag();
	struct db db;

	if (db_load_files(&db, files, 1, NULL, &d) == 0) {
		/* Whatever loads has safe ids. */
		for (size_t i = 0; i < db.nregs; i++)
			for (size_t k = 0; k < db.regs[i].ncodes; k++)
				if (!code_id_ok(db.regs[i].codes[k].id))
					abort();
		db_free(&db);
	}
	close(fd);
	return 0;
}
