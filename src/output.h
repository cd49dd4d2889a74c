/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.h: the one writer for every generated file.  One build at a
 * time holds an output folder.  Files are staged, recorded in the
 * manifest, then renamed into place, so an interrupted build leaves each
 * file old or new, never truncated, and the next build reaches exactly
 * the tree a clean build would; a file whose bytes did not change is not
 * touched; codedoc removes only files it wrote that still hold what it
 * wrote, inside the output folder, never through a symbolic link.  The
 * manifest also keeps, per file, a digest of what it was made from, so
 * that a rebuild can skip what did not change. */
#ifndef CODEDOC_OUTPUT_H
#define CODEDOC_OUTPUT_H

#include <stddef.h>

#include "util.h"

#define OUT_MANIFEST ".codedoc-manifest"

struct out;

struct out_stats {
	size_t written, unchanged, removed;
};

/* Opens dir (created when missing) for a build and locks it.  Returns
 * NULL after reporting; *busy is set when another build holds it. */
struct out *out_open(const char *dir, struct diag *d, int *busy);
/* Stages one file; path is relative to the output folder and uses '/';
 * inputs is a digest of what it was made from (0: unknown).  Returns 0,
 * or -1 after reporting (the old file, if any, survives).  Safe to call
 * from several threads. */
int out_file(struct out *o, const char *path, const char *data, size_t len,
    unsigned long long inputs);
/* Whether the last build made path from the same inputs and the file is
 * still in place: then it is kept as it is, as if written again. */
int out_unchanged(struct out *o, const char *path, unsigned long long inputs);
/* Puts the staged files in place, removes files of the previous build
 * that this one did not write, and saves the manifest.  Call only after
 * every file was staged. */
int out_commit(struct out *o);
/* Frees o; without out_commit() the old manifest stays in force. */
void out_close(struct out *o, struct out_stats *stats);

/* Digest of a file's content, as the manifest records it. */
unsigned long long out_digest(const char *data, size_t len);
/* Whether path may be written or removed: relative, no "." or ".."
 * component, nothing hidden, no control character. */
int out_path_ok(const char *path);

#endif
