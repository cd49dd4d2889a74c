/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz.h: helpers for the libFuzzer harnesses.  Diagnostics are
 * collected and dropped: bad input must give errors, never a crash. */
#ifndef CODEDOC_FUZZ_H
#define CODEDOC_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util.h"

static void
fuzz_sink(void *arg, const char *line)
{
	(void)arg;
	(void)line;
}

static struct diag
fuzz_diag(void)
{
	struct diag d = { 0, 0, 0, fuzz_sink, NULL };

	return d;
}

/* The input as a file in memory, for code that reads a path: returns
 * the descriptor and writes "/proc/self/fd/N" into path. */
static int
fuzz_file(const unsigned char *data, size_t size, char *path, size_t pathsize)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, pathsize, "/proc/self/fd/%d", fd);
	return fd;
}

/* The input as a NUL-terminated string. */
static char *
fuzz_str(const unsigned char *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
