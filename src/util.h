/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.h: memory helpers that never return NULL, growable byte buffers and
 * the diagnostics sink that every module reports through. */
#ifndef CODEDOC_UTIL_H
#define CODEDOC_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Out-of-memory is not a recoverable condition here: these print a message
 * and exit(EX_OSERR).  Everything else returns an error to the caller. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* Makes room for element n of an array that holds n elements and only
 * ever grows through here: doubles at powers of two, so appending is
 * amortised constant time (a realloc per element is quadratic). */
void *xgrow(void *p, size_t n, size_t size);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte string, always NUL-terminated.  Zero-initialise it
 * (struct buf b = BUF_INIT) and release it with buf_free(). */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};
#define BUF_INIT { NULL, 0, 0 }
void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Hands the storage to the caller (never NULL); the buffer is emptied. */
char *buf_detach(struct buf *b);

/* Severity of a diagnostic; the exit status follows the worst one seen. */
enum diag_level { DIAG_WARNING, DIAG_ERROR };

/* Collects problems so that one run reports all of them, in the mandoc
 * form "codedoc: file:line:col: error: message". */
struct diag {
	int errors;
	int warnings;
	int quiet; /* suppress warnings (errors are always printed) */
	void (*sink)(void *arg, const char *line); /* NULL: stderr */
	void *sink_arg;
};

/* file may be NULL; line/col <= 0 are left out. */
void diag_report(struct diag *d, enum diag_level lvl, const char *file, long line, long col,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_vreport(struct diag *d, enum diag_level lvl, const char *file, long line, long col,
    const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Number of words (runs of characters other than space, tab, newline). */
size_t word_count(const char *s);

/* Reads a whole file; returns NULL and sets errno on failure. */
char *read_file(const char *path, size_t *len);

/* Limits on inputs: a FIFO, a device or a file larger than these is an
 * error, never a hang or an exhausted memory. */
#define INPUT_MAX_DATA (16u << 20)     /* one registry file */
#define INPUT_MAX_CATALOG (16u << 20)  /* one .po file */
#define INPUT_MAX_TEMPLATE (1u << 20)  /* one template */
#define INPUT_MAX_LIST (64u << 10)     /* LINGUAS */

/* Reads an input file of at most max bytes; it must be a regular file.
 * Returns NULL after reporting to d (with the file's name). */
char *read_input(const char *path, size_t *len, size_t max, struct diag *d);
/* The same checks without reading, for files a library opens itself. */
int check_input(const char *path, size_t max, struct diag *d);

/* In an array sorted by a string key (key_of gives an element's), the
 * index of the first element whose key is key, or n. */
size_t sorted_find(const void *base, size_t n, size_t size, const char *key,
    const char *(*key_of)(const void *elem));

/* 64-bit digests to notice change (FNV-1a over bytes, values mixed in
 * with splitmix64); not a defence against someone who wants a collision. */
#define HASH_INIT 0xcbf29ce484222325ULL
unsigned long long hash_bytes(unsigned long long h, const void *p, size_t n);
unsigned long long hash_str(unsigned long long h, const char *s);
unsigned long long hash_u64(unsigned long long h, unsigned long long v);

#endif
