/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cldr.c: CLDR forms through ICU's C API (see cldr.h). */
#include "cldr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/ulistformatter.h>
#include <unicode/unum.h>
#include <unicode/unumsys.h>
#include <unicode/ustring.h>

#include "util.h"

#define UBUF 256

static char *
to_utf8(const UChar *s, int32_t len)
{
	char out[UBUF * 3];
	UErrorCode e = U_ZERO_ERROR;

	u_strToUTF8(out, (int32_t)sizeof out, NULL, s, len, &e);
	return U_FAILURE(e) ? NULL : xstrdup(out);
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long
days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* "2025-11-28" -> milliseconds since 1970 at 00:00 UTC. */
static UDate
date_of(const char *ymd)
{
	long y = 1970, m = 1, d = 1;

	if (sscanf(ymd, "%ld-%ld-%ld", &y, &m, &d) != 3)
		return 0;
	return (UDate)days_from_civil(y, m, d) * 86400000.0;
}

static char *
long_date(const char *lang, const char *ymd)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar tz[] = { 'U', 'T', 'C', 0 }, buf[UBUF];
	UDateFormat *f = udat_open(UDAT_NONE, UDAT_LONG, lang, tz, -1, NULL, 0, &e);
	int32_t n;
	char *s;

	if (U_FAILURE(e))
		return NULL;
	n = udat_format(f, date_of(ymd), buf, UBUF, NULL, &e);
	s = U_FAILURE(e) ? NULL : to_utf8(buf, n);
	udat_close(f);
	return s;
}

/* Formats the items "\x01".."\x04" as a list and cuts the separators
 * out: what stands between \x01 and \x02 and so on. */
static int
list_forms(const char *lang, struct cldr_list *l)
{
	static const UChar items[4][2] = { { 1, 0 }, { 2, 0 }, { 3, 0 }, { 4, 0 } };
	const UChar *ptrs[4] = { items[0], items[1], items[2], items[3] };
	UErrorCode e = U_ZERO_ERROR;
	UListFormatter *f = ulistfmt_openForType(lang, ULISTFMT_TYPE_OR, ULISTFMT_WIDTH_WIDE, &e);
	UChar two[UBUF], four[UBUF];
	int32_t n2, n4;
	char *s2, *s4, *p1, *p2, *p3, *p4;

	if (U_FAILURE(e))
		return -1;
	n2 = ulistfmt_format(f, ptrs, NULL, 2, two, UBUF, &e);
	n4 = ulistfmt_format(f, ptrs, NULL, 4, four, UBUF, &e);
	ulistfmt_close(f);
	if (U_FAILURE(e) || (s2 = to_utf8(two, n2)) == NULL)
		return -1;
	if ((s4 = to_utf8(four, n4)) == NULL) {
		free(s2);
		return -1;
	}
	p1 = strchr(s2, 1);
	p2 = strchr(s2, 2);
	if (p1 && p2 && p2 > p1)
		l->pair = xstrndup(p1 + 1, (size_t)(p2 - p1 - 1));
	p1 = strchr(s4, 1), p2 = strchr(s4, 2), p3 = strchr(s4, 3), p4 = strchr(s4, 4);
	if (p1 && p2 && p3 && p4 && p1 < p2 && p2 < p3 && p3 < p4) {
		l->start = xstrndup(p1 + 1, (size_t)(p2 - p1 - 1));
		l->middle = xstrndup(p2 + 1, (size_t)(p3 - p2 - 1));
		l->end = xstrndup(p3 + 1, (size_t)(p4 - p3 - 1));
	}
	free(s2);
	free(s4);
	return l->pair && l->start && l->middle && l->end ? 0 : -1;
}

static int
percents(const char *lang, char **out)
{
	UErrorCode e = U_ZERO_ERROR;
	UNumberFormat *f = unum_open(UNUM_PERCENT, NULL, 0, lang, NULL, &e);
	UChar buf[UBUF];

	if (U_FAILURE(e))
		return -1;
	for (int i = 0; i <= 100 && U_SUCCESS(e); i++) {
		int32_t n = unum_formatDouble(f, i / 100.0, buf, UBUF, NULL, &e);

		out[i] = U_FAILURE(e) ? NULL : to_utf8(buf, n);
	}
	unum_close(f);
	return U_FAILURE(e) ? -1 : 0;
}

static void
english(struct cldr *c, const char *ymd)
{
	if (c->date == NULL)
		c->date = xstrdup(ymd);
	if (c->or_list.pair == NULL || c->or_list.start == NULL || c->or_list.middle == NULL
	    || c->or_list.end == NULL) {
		free(c->or_list.pair);
		free(c->or_list.start);
		free(c->or_list.middle);
		free(c->or_list.end);
		c->or_list.pair = xstrdup(" or ");
		c->or_list.start = xstrdup(", ");
		c->or_list.middle = xstrdup(", ");
		c->or_list.end = xstrdup(", or ");
	}
	for (int i = 0; i <= 100; i++)
		if (c->percent[i] == NULL)
			c->percent[i] = xasprintf("%d%%", i);
}

/* The ten digits of the language's default numbering system, when it
 * has its own (Arabic: U+0660..U+0669). */
static int
digits(const char *lang, char *out[10])
{
	UErrorCode e = U_ZERO_ERROR;
	UNumberingSystem *ns = unumsys_open(lang, &e);
	UChar desc[32];
	int32_t n;

	if (U_FAILURE(e))
		return -1;
	n = unumsys_getRadix(ns) == 10 && !unumsys_isAlgorithmic(ns)
	    ? unumsys_getDescription(ns, desc, 32, &e) : 0;
	unumsys_close(ns);
	if (U_FAILURE(e) || n <= 0)
		return U_FAILURE(e) ? -1 : 0;
	desc[n < 31 ? n : 31] = 0;
	for (int32_t i = 0, k = 0; i < n && k < 10; k++) {
		int32_t start = i;
		char buf[8];
		int32_t len = 0;
		UChar32 ch;

		U16_NEXT(desc, i, n, ch);
		(void)ch;
		u_strToUTF8(buf, (int32_t)sizeof buf, &len, desc + start, i - start, &e);
		if (U_FAILURE(e) || len <= 0 || len >= (int32_t)sizeof buf)
			return -1;
		buf[len] = '\0';
		out[k] = xstrdup(buf);
	}
	/* ASCII digits need no mapping. */
	if (out[0] && strcmp(out[0], "0") == 0)
		for (int k = 0; k < 10; k++) {
			free(out[k]);
			out[k] = NULL;
		}
	return 0;
}

int
cldr_load(struct cldr *c, const char *lang, const char *ymd)
{
	int rc = 0;

	memset(c, 0, sizeof *c);
	if ((c->date = long_date(lang, ymd)) == NULL)
		rc = -1;
	if (list_forms(lang, &c->or_list) != 0)
		rc = -1;
	if (percents(lang, c->percent) != 0)
		rc = -1;
	if (digits(lang, c->digits) != 0)
		rc = -1;
	english(c, ymd);
	return rc;
}

void
cldr_free(struct cldr *c)
{
	free(c->date);
	free(c->or_list.pair);
	free(c->or_list.start);
	free(c->or_list.middle);
	free(c->or_list.end);
	for (int i = 0; i <= 100; i++)
		free(c->percent[i]);
	for (int i = 0; i < 10; i++)
		free(c->digits[i]);
	memset(c, 0, sizeof *c);
}

const char *
cldr_list_sep(const struct cldr *c, size_t i, size_t n)
{
	if (i + 1 >= n)
		return "";
	if (n == 2)
		return c->or_list.pair;
	if (i == 0)
		return c->or_list.start;
	return i + 2 == n ? c->or_list.end : c->or_list.middle;
}
