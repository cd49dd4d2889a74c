/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Template engine: parsing, rendering, escaping by format, translation
 * tags and the errors a template author sees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tmpl.h"

/* Renders src (as template name) against ctx; returns a malloc'd string,
 * or NULL with the error in cap->last. */
static char *
render(const char *name, const char *src, const struct val *ctx, const struct translator *tr,
    struct captured *cap)
{
	struct diag d = capturing(cap);
	struct tmpl_set *set = tmpl_set_new();
	struct tmpl_env env = { tr, "en", &d, 0, NULL, NULL };
	struct buf out = BUF_INIT;
	char *res = NULL;

	if (tmpl_set_add(set, name, src, &d) == 0 && tmpl_set_link(set, &d) == 0
	    && tmpl_render(tmpl_set_get(set, name), ctx, &env, &out) == 0)
		res = buf_detach(&out);
	buf_free(&out);
	tmpl_set_free(set);
	return res;
}

static struct val *
sample(struct arena *a)
{
	struct val *m = val_map(a), *code = val_map(a), *list = val_list(a);
	const char *words[] = { "MAIL FROM", "RCPT TO", "DATA" };

	val_set(a, code, "id", val_str(a, "451"));
	val_set(a, code, "title", val_str(a, "Local <error>"));
	val_set(a, code, "fb", val_text(a, "English text", 1));
	val_set(a, m, "code", code);
	for (size_t i = 0; i < 3; i++) {
		struct val *p = val_map(a);

		val_set(a, p, "name", val_str(a, words[i]));
		val_push(a, list, p);
	}
	val_set(a, m, "phases", list);
	val_set(a, m, "none", val_list(a));
	val_set(a, m, "yes", val_bool(a, 1));
	val_set(a, m, "no", val_bool(a, 0));
	val_set(a, m, "n", val_str(a, "3"));
	val_set(a, m, "dot", val_str(a, ".starts with a dot"));
	val_set(a, m, "date", val_trusted(a, "2025-11-28"));
	val_set(a, m, "long", val_str(a, "0123456789abcdef0123456789abcdef0123456789abcdef"));
	return m;
}

static void
check(const char *name, const char *src, const char *want)
{
	struct arena *a = arena_new();
	struct captured cap;
	char *got = render(name, src, sample(a), NULL, &cap);

	if (got == NULL)
		fail_msg("render failed: %s", cap.last);
	assert_string_equal(got, want);
	free(got);
	arena_free(a);
}

static void
check_error(const char *name, const char *src, const char *want)
{
	struct arena *a = arena_new();
	struct captured cap;
	char *got = render(name, src, sample(a), NULL, &cap);

	assert_null(got);
	if (strstr(cap.last, want) == NULL)
		fail_msg("expected '%s' in '%s'", want, cap.last);
	arena_free(a);
}

static void
values_and_paths(void **state)
{
	(void)state;
	check("t.html", "<b>{{code.id}}</b> {{code.title}}", "<b>451</b> Local &lt;error&gt;");
	check("t.html", "{{{date}}}", "2025-11-28");
	check("t.html", "{{#code}}{{id}}{{/code}}", "451");
	check("t.7", "{{code.title}}", "Local <error>");
}

static void
sections_loops_and_inverted(void **state)
{
	(void)state;
	check("t.html", "{{#phases}}{{name}}{{^@last}}, {{/@last}}{{/phases}}",
	    "MAIL FROM, RCPT TO, DATA");
	check("t.html", "{{#phases}}{{@index}}{{/phases}}", "123");
	check("t.html", "{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{^no}}!n{{/no}}{{^none}}empty{{/none}}",
	    "y!nempty");
}

static void
standalone_tags_take_their_line(void **state)
{
	(void)state;
	check("t.7", ".SH A\n{{#phases}}\n{{name}}\n{{/phases}}\n.SH B\n",
	    ".SH A\nMAIL FROM\nRCPT TO\nDATA\n.SH B\n");
	check("t.7", "  {{! comment }}  \nx\n", "x\n");
	check("t.7", "a {{#yes}}b{{/yes}}\n", "a b\n");
}

static void
roff_values_cannot_start_requests(void **state)
{
	(void)state;
	check("t.7", "{{dot}}\n", "\\&.starts with a dot\n");
}

static void
fallback_text_is_marked_english_only_in_element_content(void **state)
{
	(void)state;
	check("t.html", "<p>{{code.fb}}</p>", "<p><span lang=\"en\">English text</span></p>");
	check("t.html", "<a title=\"{{code.fb}}\">x</a>", "<a title=\"English text\">x</a>");
	check("t.html", "<title>{{code.fb}}</title>", "<title>English text</title>");
	check("t.7", "{{code.fb}}", "English text");
}

/* In a right-to-left page an English fallback is isolated, so that its
 * punctuation stays on its own side. */
static void
fallback_is_isolated_in_rtl_pages(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	struct tmpl_env env = { NULL, "en", &d, 1, NULL, NULL };
	struct tmpl_set *set = tmpl_set_new();
	struct arena *a = arena_new();
	struct buf out = BUF_INIT;

	(void)state;
	assert_int_equal(tmpl_set_add(set, "t.html", "<p>{{code.fb}}</p>", &d), 0);
	assert_int_equal(tmpl_render(tmpl_set_get(set, "t.html"), sample(a), &env, &out), 0);
	assert_string_equal(out.data, "<p><span lang=\"en\" dir=\"ltr\">English text</span></p>");
	buf_free(&out);
	tmpl_set_free(set);
	arena_free(a);
}

/* Counts in page text take the language's digits; ids, attributes and
 * other formats keep ASCII. */
static void
counts_take_the_languages_digits(void **state)
{
	static const char *const arab[10] = { "٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩" };
	struct captured cap;
	struct diag d = capturing(&cap);
	struct tmpl_env env = { NULL, "en", &d, 1, NULL, arab };
	struct tmpl_set *set = tmpl_set_new();
	struct arena *a = arena_new();
	struct val *m = val_map(a);
	struct buf out = BUF_INIT;

	(void)state;
	val_set(a, m, "n", val_int(a, 1907));
	val_set(a, m, "id", val_str(a, "451"));
	assert_int_equal(tmpl_set_add(set, "t.html",
	    "<p title=\"{{n}}\">{{n}} {{id}} {{_n \"{n} code\" \"{n} codes\" n}}</p>", &d), 0);
	assert_int_equal(tmpl_set_add(set, "t.json", "{\"n\": {{n}}}", &d), 0);
	assert_int_equal(tmpl_render(tmpl_set_get(set, "t.html"), m, &env, &out), 0);
	assert_string_equal(out.data, "<p title=\"1907\">١٩٠٧ 451 ١٩٠٧ codes</p>");
	buf_reset(&out);
	assert_int_equal(tmpl_render(tmpl_set_get(set, "t.json"), m, &env, &out), 0);
	assert_string_equal(out.data, "{\"n\": 1907}");
	buf_free(&out);
	tmpl_set_free(set);
	arena_free(a);
}

static const char *
fake_get(void *arg, const char *ctxt, const char *id, int *fb)
{
	(void)arg;
	*fb = 0;
	if (strcmp(id, "Code {code.id}") == 0 && ctxt == NULL)
		return "Kod {code.id}";
	if (strcmp(id, "NAME") == 0 && ctxt && strcmp(ctxt, "man heading") == 0)
		return "AD";
	if (strcmp(id, "Name: {code.fb}") == 0)
		return "Ad: {code.fb}";
	*fb = 1;
	return id;
}

static const char *
fake_nget(void *arg, const char *ctxt, const char *id, const char *pl, unsigned long n, int *fb)
{
	(void)arg;
	(void)ctxt;
	*fb = 1;
	return n == 1 ? id : pl;
}

static void
translation_tags(void **state)
{
	struct translator tr = { fake_get, fake_nget, NULL };
	struct arena *a = arena_new();
	struct captured cap;
	char *got;

	(void)state;
	got = render("t.html", "<h1>{{_ \"Code {code.id}\"}}</h1>", sample(a), &tr, &cap);
	assert_string_equal(got, "<h1>Kod 451</h1>");
	free(got);
	got = render("t.7", ".SH {{_ ctx=\"man heading\" \"NAME\"}}", sample(a), &tr, &cap);
	assert_string_equal(got, ".SH AD");
	free(got);
	got = render("t.html", "<p>{{_ \"Untranslated {code.title}\"}}</p>", sample(a), &tr, &cap);
	assert_string_equal(got, "<p><span lang=\"en\">Untranslated Local &lt;error&gt;</span></p>");
	free(got);
	got = render("t.html", "{{_n \"{n} code\" \"{n} codes\" n}}", sample(a), &tr, &cap);
	assert_string_equal(got, "<span lang=\"en\">3 codes</span>");
	free(got);
	/* English inserted into a translated sentence is marked, alone. */
	got = render("t.html", "<p>{{_ \"Name: {code.fb}\"}}</p>", sample(a), &tr, &cap);
	assert_string_equal(got, "<p>Ad: <span lang=\"en\">English text</span></p>");
	free(got);
	/* Without a catalog: the source, unmarked. */
	got = render("t.html", "{{_ \"a {{literal}} brace\"}}", sample(a), NULL, &cap);
	assert_string_equal(got, "a {literal} brace");
	free(got);
	arena_free(a);
}

static void
errors_name_file_line_and_column(void **state)
{
	(void)state;
	check_error("html/x.html", "ok\n  {{#phases}}\nno end", "html/x.html:2:3: error: unclosed section 'phases'");
	check_error("html/x.html", "{{#yes}}{{/no}}", "html/x.html:1:9: error: closing tag does not match open section 'yes'");
	check_error("html/x.html", "a\n{{> nothere}}", "html/x.html:2:1: error: unknown partial 'nothere'");
	check_error("html/x.html", "\n\n   {{code.titel}}", "html/x.html:3:4: error: unknown value 'code.titel'");
	check_error("html/x.html", "{{_ \"broken {placeholder\"}}", "html/x.html:1:1: error: malformed translation tag");
	check_error("html/x.html", "{{/yes}}", "closing tag 'yes' without an open section");
	check_error("html/x.html", "x {{code.id", "html/x.html:1:3: error: unterminated tag");
	check_error("html/x.html", "{{_ \"{missing}\"}}", "unknown value 'missing' in a translated string");
	/* Only values the program made may go out unescaped. */
	check_error("html/x.html", "{{{code.title}}}", "html/x.html:1:1: error: {{{code.title}}} would "
	    "show text unescaped");
}

/* Limits: nesting, output size; positions stay right far into a file. */
static void
limits_are_errors_not_crashes(void **state)
{
	struct buf src = BUF_INIT;

	(void)state;
	for (int i = 0; i < 50000; i++)
		buf_puts(&src, "{{#yes}}");
	check_error("x.html", src.data, "x.html:1:513: error: sections nested more than 64 deep");
	buf_reset(&src);
	for (int i = 0; i < 80000; i++)
		buf_puts(&src, "{{long}}\n");
	buf_puts(&src, "{{nothere}}");
	check_error("x.html", src.data, "x.html:80001:1: error: unknown value 'nothere'");
	buf_free(&src);
}

/* Renders template name of set against the sample values, without a
 * catalog; returns tmpl_render()'s result. */
static int
render_in(const struct tmpl_set *set, const char *name, struct captured *cap, struct buf *out)
{
	struct diag d = capturing(cap);
	struct tmpl_env env = { NULL, "en", &d, 0, NULL, NULL };
	struct arena *a = arena_new();
	int rc = tmpl_render(tmpl_set_get(set, name), sample(a), &env, out);

	arena_free(a);
	return rc;
}

/* Partials that include each other several times multiply the page: it
 * stops at the limit with an error, not when memory runs out. */
static void
a_growing_page_stops_at_the_limit(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	struct tmpl_set *set = tmpl_set_new();
	struct buf out = BUF_INIT;

	(void)state;
	assert_int_equal(tmpl_set_add(set, "html/p.html", "{{> q}}{{> q}}{{> q}}{{> q}}", &d), 0);
	assert_int_equal(tmpl_set_add(set, "html/q.html", "{{> r}}{{> r}}{{> r}}{{> r}}", &d), 0);
	assert_int_equal(tmpl_set_add(set, "html/r.html", "{{#phases}}{{long}}{{long}}{{/phases}}"
	    "{{> s}}{{> s}}{{> s}}{{> s}}{{> s}}{{> s}}{{> s}}{{> s}}", &d), 0);
	assert_int_equal(tmpl_set_add(set, "html/s.html", "{{> t}}{{> t}}{{> t}}{{> t}}{{> t}}"
	    "{{> t}}{{> t}}{{> t}}{{> t}}{{> t}}{{> t}}{{> t}}{{> t}}{{> t}}{{> t}}{{> t}}", &d), 0);
	assert_int_equal(tmpl_set_add(set, "html/t.html", "{{> u}}{{> u}}{{> u}}{{> u}}{{> u}}"
	    "{{> u}}{{> u}}{{> u}}{{> u}}{{> u}}{{> u}}{{> u}}{{> u}}{{> u}}{{> u}}{{> u}}", &d), 0);
	assert_int_equal(tmpl_set_add(set, "html/u.html", "{{#phases}}{{long}}{{/phases}}"
	    "{{long}}{{long}}{{long}}{{long}}{{long}}{{long}}{{long}}{{long}}", &d), 0);
	assert_int_equal(tmpl_set_link(set, &d), 0);
	assert_int_equal(render_in(set, "html/p.html", &cap, &out), -1);
	assert_non_null(strstr(cap.last, "error: the page grows past 16777216 bytes"));
	assert_true(out.len < (17u << 20));
	buf_free(&out);
	tmpl_set_free(set);
}

static void
partials_share_the_format(void **state)
{
	struct captured cap;
	struct diag d = capturing(&cap);
	struct tmpl_set *set = tmpl_set_new();
	struct buf out = BUF_INIT;

	(void)state;
	assert_int_equal(tmpl_set_add(set, "html/page.html", "[{{> part}}]", &d), 0);
	assert_int_equal(tmpl_set_add(set, "html/part.html", "{{code.title}}", &d), 0);
	assert_int_equal(tmpl_set_link(set, &d), 0);
	assert_int_equal(render_in(set, "html/page.html", &cap, &out), 0);
	assert_string_equal(out.data, "[Local &lt;error&gt;]");
	buf_free(&out);
	tmpl_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_and_paths),
		cmocka_unit_test(counts_take_the_languages_digits),
		cmocka_unit_test(sections_loops_and_inverted),
		cmocka_unit_test(standalone_tags_take_their_line),
		cmocka_unit_test(roff_values_cannot_start_requests),
		cmocka_unit_test(fallback_text_is_marked_english_only_in_element_content),
		cmocka_unit_test(fallback_is_isolated_in_rtl_pages),
		cmocka_unit_test(translation_tags),
		cmocka_unit_test(errors_name_file_line_and_column),
		cmocka_unit_test(partials_share_the_format),
		cmocka_unit_test(limits_are_errors_not_crashes),
		cmocka_unit_test(a_growing_page_stops_at_the_limit),
	};

	return cmocka_run_group_tests_name("tmpl", tests, NULL, NULL);
}
