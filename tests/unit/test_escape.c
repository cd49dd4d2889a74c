/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Escaping per output format: table-driven cases for HTML, roff,
 * JSON and terminal text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "escape.h"

struct esc_case {
	const char *in, *out;
};

static void
run_cases(enum fmt f, const struct esc_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct buf b = BUF_INIT;

		esc_fmt(f, &b, c[i].in, strlen(c[i].in));
		assert_string_equal(b.data ? b.data : "", c[i].out);
		buf_free(&b);
	}
}

static void
html_escapes_markup_and_quotes(void **state)
{
	static const struct esc_case cases[] = {
		{ "plain text", "plain text" },
		{ "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
		{ "a & b", "a &amp; b" },
		{ "\" onmouseover=\"x", "&quot; onmouseover=&quot;x" },
		{ "it's", "it&#39;s" },
		{ "Türkçe İ", "Türkçe İ" },
		{ "bell\a and nul-less \x01 controls", "bell and nul-less  controls" },
		{ "C1 \xc2\x9b and bidi \xe2\x80\xae override", "C1  and bidi  override" },
		{ "isolate \xe2\x81\xa8x\xe2\x81\xa9 kept", "isolate \xe2\x81\xa8x\xe2\x81\xa9 kept" },
		{ "", "" },
	};

	(void)state;
	run_cases(FMT_HTML, cases, sizeof cases / sizeof *cases);
}

static void
roff_escapes_requests_backslashes_and_hyphens(void **state)
{
	static const struct esc_case cases[] = {
		{ ".forward file", "\\&.forward file" },
		{ "'quoted line", "\\&'quoted line" },
		{ "mid.dle and it's", "mid.dle and it's" },
		{ "C:\\path", "C:\\epath" },
		{ "smtp-451", "smtp\\-451" },
		{ "say \"hi\"", "say \\(dqhi\\(dq" },
		{ "a`b^c~d", "a\\(gab\\(hac\\(tid" },
		{ "line one\n.TH injected", "line one .TH injected" },
		{ "NASIL DÜZELTİLİR", "NASIL DÜZELTİLİR" },
		{ "\\fBbold\\fR", "\\efBbold\\efR" },
		/* Dropped or invisible characters do not hide a request. */
		{ "\x7f.so /etc/passwd", "\\&.so /etc/passwd" },
		{ "\x01\x1b'sh", "\\&'sh" },
		{ "\xc2\x85.pso cat", "\\&.pso cat" },
		{ "\xe2\x80\x8b.so x", "\xe2\x80\x8b\\&.so x" },
		{ "\xef\xbb\xbf\xe2\x81\xa0'sh", "\xef\xbb\xbf\xe2\x81\xa0\\&'sh" },
		{ "\xe2\x80\xae.so x", "\\&.so x" },
		{ "a\xe2\x80\xa8" "b", "a b" },
		{ "x \x7f.so", "x .so" },
	};

	(void)state;
	run_cases(FMT_ROFF, cases, sizeof cases / sizeof *cases);
}

/* The start of a line is the output's: a value that follows text on its
 * line needs no \&, one that follows a newline does. */
static void
roff_line_start_is_judged_on_the_output(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "text ");
	esc_roff(&b, ".x", 2);
	buf_puts(&b, "\n");
	esc_roff(&b, "\x7f.y", 3);
	assert_string_equal(b.data, "text .x\n\\&.y");
	buf_free(&b);
}

/* JSON strings, also read as JavaScript: no way out of the string, no
 * line terminator JavaScript would choke on, no "</script>". */
static void
json_escapes_quotes_controls_and_line_separators(void **state)
{
	static const struct esc_case c[] = {
		{ "plain", "plain" },
		{ "say \"hi\"", "say \\\"hi\\\"" },
		{ "back\\slash", "back\\\\slash" },
		{ "a\nb\tc", "a\\nb\\u0009c" },
		{ "</script>", "\\u003c/script>" },
		{ "\x1b[2J", "\\u001b[2J" },
		{ "x\xe2\x80\xa8y\xe2\x80\xa9z", "x\\u2028y\\u2029z" },
		{ "Türkçe ğ", "Türkçe ğ" },
	};

	(void)state;
	run_cases(FMT_JSON, c, sizeof c / sizeof *c);
}

/* Terminal text: a translation cannot clear the screen or set a title. */
static void
plain_drops_terminal_controls(void **state)
{
	static const struct esc_case c[] = {
		{ "a\x1b[2Jb", "a[2Jb" },
		{ "\x1b]0;title\x07ok", "]0;titleok" },
		{ "c1\xc2\x9b" "31m", "c131m" },
		{ "rtl\xe2\x80\xaeoverride", "rtloverride" },
		{ "line\nnext\ttab", "line\nnext\ttab" },
		{ "<&>\"", "<&>\"" },
	};

	(void)state;
	run_cases(FMT_PLAIN, c, sizeof c / sizeof *c);
}

static void
format_follows_file_name(void **state)
{
	enum fmt f;

	(void)state;
	assert_int_equal(fmt_from_name("html/code.html", &f), 0);
	assert_int_equal(f, FMT_HTML);
	assert_int_equal(fmt_from_name("man/code.7", &f), 0);
	assert_int_equal(f, FMT_ROFF);
	assert_int_equal(fmt_from_name("sitemap.xml", &f), 0);
	assert_int_equal(f, FMT_HTML);
	assert_int_equal(fmt_from_name("html/search.js", &f), 0);
	assert_int_equal(f, FMT_JSON);
	assert_int_equal(fmt_from_name("html/api/code.json", &f), 0);
	assert_int_equal(f, FMT_JSON);
	assert_int_equal(fmt_from_name("text/explain.txt", &f), 0);
	assert_int_equal(f, FMT_PLAIN);
	assert_int_equal(fmt_from_name("README", &f), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_escapes_markup_and_quotes),
		cmocka_unit_test(roff_escapes_requests_backslashes_and_hyphens),
		cmocka_unit_test(roff_line_start_is_judged_on_the_output),
		cmocka_unit_test(json_escapes_quotes_controls_and_line_separators),
		cmocka_unit_test(plain_drops_terminal_controls),
		cmocka_unit_test(format_follows_file_name),
	};

	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
