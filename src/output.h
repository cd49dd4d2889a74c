/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.h: the one writer for every generated file.  A file is written
 * to a temporary name and renamed over the old one, so an interrupted build
 * leaves each file old or new, never truncated; a file whose bytes did not
 * change is not touched; a manifest lists what codedoc wrote, so files of
 * pages that no longer exist are removed and nothing else ever is. */
#ifndef CODEDOC_OUTPUT_H
#define CODEDOC_OUTPUT_H

#include <stddef.h>

#include "util.h"

#define OUT_MANIFEST ".codedoc-manifest"

struct out;

struct out_stats {
	size_t written, unchanged, removed;
};

/* Opens dir (created when missing) for a build. */
struct out *out_open(const char *dir, struct diag *d);
/* Writes one file; path is relative to the output folder and uses '/'.
 * Returns 0, or -1 after reporting (the old file, if any, survives). */
int out_file(struct out *o, const char *path, const char *data, size_t len);
/* Removes files of the previous build that this one did not write, then
 * saves the new manifest.  Call only after a successful build. */
int out_commit(struct out *o);
/* Frees o; without out_commit() the old manifest stays in force. */
void out_close(struct out *o, struct out_stats *stats);

#endif
