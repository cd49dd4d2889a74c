/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.c: allocation wrappers, byte buffers, diagnostics, file reading. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "nls.h"

static void
oom(void)
{
	fputs(_("codedoc: out of memory\n"), stderr);
	exit(EX_OSERR);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		oom();
	p = realloc(p, (n * size) != 0 ? n * size : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xgrow(void *p, size_t n, size_t size)
{
	if (n == 0 || (n & (n - 1)) == 0)
		p = xrealloc(p, n ? 2 * n : 1, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	b.data = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.data;
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want <= b->cap)
		return;
	if (want < b->len)
		oom();
	b->cap = b->cap ? b->cap : 64;
	while (b->cap < want)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap, 1);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
diag_vreport(struct diag *d, enum diag_level lvl, const char *file, long line, long col,
    const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	va_list aq;
	char *msg;
	int n;

	if (lvl == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (lvl == DIAG_WARNING && d->quiet)
		return;
	buf_puts(&b, "codedoc: ");
	if (file != NULL) {
		buf_puts(&b, file);
		if (line > 0)
			buf_printf(&b, ":%ld", line);
		if (line > 0 && col > 0)
			buf_printf(&b, ":%ld", col);
		buf_puts(&b, ": ");
	}
	buf_puts(&b, lvl == DIAG_ERROR ? _("error: ") : _("warning: "));
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n >= 0) {
		msg = xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		buf_puts(&b, msg);
		free(msg);
	}
	if (d->sink != NULL)
		d->sink(d->sink_arg, b.data);
	else
		fprintf(stderr, "%s\n", b.data);
	buf_free(&b);
}

void
diag_report(struct diag *d, enum diag_level lvl, const char *file, long line, long col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(d, lvl, file, line, col, fmt, ap);
	va_end(ap);
}

size_t
word_count(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		int space = *s == ' ' || *s == '\t' || *s == '\n';

		n += !space && !in;
		in = !space;
	}
	return n;
}

char *
read_file(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	FILE *f;
	size_t n;
	int err;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	err = ferror(f) ? errno : 0;
	fclose(f);
	if (err) {
		buf_free(&b);
		errno = err;
		return NULL;
	}
	if (len != NULL)
		*len = b.len;
	return buf_detach(&b);
}

/* Opens path without blocking on a FIFO and checks that it is a regular
 * file of at most max bytes.  Returns the descriptor or -1 after
 * reporting. */
static int
open_input(const char *path, size_t max, size_t *size, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;

	if (fd < 0) {
		diag_report(d, DIAG_ERROR, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_report(d, DIAG_ERROR, path, 0, 0, "%s", _("not a regular file"));
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > max) {
		diag_report(d, DIAG_ERROR, path, 0, 0, _("larger than the limit of %zu bytes"), max);
		close(fd);
		return -1;
	}
	*size = (size_t)st.st_size;
	return fd;
}

int
check_input(const char *path, size_t max, struct diag *d)
{
	size_t size;
	int fd = open_input(path, max, &size, d);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

char *
read_input(const char *path, size_t *len, size_t max, struct diag *d)
{
	size_t size, got = 0;
	int fd = open_input(path, max, &size, d);
	char *data;

	if (fd < 0)
		return NULL;
	data = xmalloc(size + 1);
	/* Read at most the size seen: a file that grows meanwhile is cut. */
	while (got < size) {
		ssize_t n = read(fd, data + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_report(d, DIAG_ERROR, path, 0, 0, "%s", strerror(errno));
			free(data);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	data[got] = '\0';
	if (len != NULL)
		*len = got;
	return data;
}

unsigned long long
hash_bytes(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

unsigned long long
hash_u64(unsigned long long h, unsigned long long v)
{
	unsigned long long z = h + v + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The length goes in too, so that ("ab", "c") and ("a", "bc") differ. */
unsigned long long
hash_str(unsigned long long h, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return hash_u64(hash_bytes(h, s ? s : "", n), n);
}

size_t
sorted_find(const void *base, size_t n, size_t size, const char *key,
    const char *(*key_of)(const void *elem))
{
	const char *b = base;
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(key_of(b + mid * size), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(key_of(b + lo * size), key) == 0 ? lo : n;
}
