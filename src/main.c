/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the command line.  Parses options into struct app_opts and
 * hands over to app.c; nothing else happens here. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "nls.h"
#include "site.h"
#include "util.h"

enum cmd { CMD_BUILD, CMD_CHECK, CMD_POT, CMD_STATS, CMD_EXPLAIN };

static const char *const cmd_names[] = { "build", "check", "pot", "stats", "explain" };

enum { OPT_BASE_URL = 256, OPT_JSON, OPT_HELP, OPT_VERSION, OPT_STRICT };

static const struct option long_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "data", required_argument, NULL, 'd' },
	{ "templates", required_argument, NULL, 't' },
	{ "po", required_argument, NULL, 'p' },
	{ "languages", required_argument, NULL, 'l' },
	{ "formats", required_argument, NULL, 'f' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "base-url", required_argument, NULL, OPT_BASE_URL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f, int cmd)
{
	if (cmd < 0) {
		fputs(_("Usage: codedoc COMMAND [OPTION]...\n"
		        "Render a database of protocol reply codes into a localized HTML help site\n"
		        "and man pages.\n\n"
		        "Commands:\n"
		        "  build    render every page into the output folder\n"
		        "  check    validate the database, templates and catalogs; write nothing\n"
		        "  pot      write the translation template po/codedoc.pot\n"
		        "  stats    show how complete each language's translation is\n"
		        "  explain  say what the codes in a text (a bounce line) mean and how to\n"
		        "           fix them, in your language\n\n"
		        "Run 'codedoc COMMAND --help' for the options of a command.\n"
		        "  -h, --help       show this help and exit\n"
		        "  -V, --version    show the version and exit\n"), f);
		return;
	}
	if (cmd == CMD_EXPLAIN)
		fputs(_("Usage: codedoc explain [OPTION]... [TEXT]...\n"
		        "Finds codes such as 550 or 5.1.1 in TEXT (or standard input) and explains\n"
		        "them in the language of LANGUAGE, LC_ALL, LC_MESSAGES or LANG.\n"), f);
	else
		fprintf(f, _("Usage: codedoc %s [OPTION]...\n"), cmd_names[cmd]);
	fputs(_("  -d, --data=DIR        code database folder (default: data)\n"
	        "  -t, --templates=DIR   templates folder (default: templates)\n"
	        "  -p, --po=DIR          catalogs folder (default: po)\n"), f);
	if (cmd == CMD_BUILD || cmd == CMD_CHECK || cmd == CMD_STATS)
		fputs(_("  -l, --languages=LIST  only these languages of po/LINGUAS (e.g. tr,de)\n"), f);
	if (cmd == CMD_BUILD)
		fputs(_("  -o, --output=DIR      output folder (default: output)\n"
		        "  -f, --formats=LIST    html, man or both (default: html,man)\n"
		        "  -j, --jobs=N          render with N threads (default: 1)\n"
		        "      --base-url=URL    absolute address of the site, for canonical links\n"), f);
	if (cmd == CMD_POT)
		fputs(_("  -o, --output=FILE     where to write (default: po/codedoc.pot; - for stdout)\n"), f);
	if (cmd == CMD_EXPLAIN)
		fputs(_("  -l, --languages=LANG  explain in this language of po/LINGUAS\n"), f);
	if (cmd == CMD_STATS || cmd == CMD_EXPLAIN)
		fputs(_("      --json            print JSON instead of text\n"), f);
	if (cmd == CMD_CHECK)
		fputs(_("      --strict          fail when there is any warning\n"), f);
	fputs(_("  -q, --quiet           no progress line (warnings are still shown)\n"
	        "  -v, --verbose         say what was written\n"
	        "  -h, --help            show this help and exit\n"
	        "  -V, --version         show the version and exit\n\n"
	        "Exit status: 0 success (explain: a code was found; 1: none was found),\n"
	        "64 bad usage, 65 bad input data, 70 internal error,\n"
	        "71 out of memory, 73 cannot create the output folder, 74 input/output error,\n"
	        "75 another build is writing to the output folder.\n"), f);
}

static int
parse_formats(const char *s, int *out)
{
	char *copy = strdup(s), *save = NULL;
	int f = 0;

	if (copy == NULL)
		return -1;
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (strcmp(w, "html") == 0)
			f |= SITE_HTML;
		else if (strcmp(w, "man") == 0)
			f |= SITE_MAN;
		else
			f = -1;
		if (f < 0)
			break;
	}
	free(copy);
	if (f <= 0)
		return -1;
	*out = f;
	return 0;
}

static int bad_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
bad_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("codedoc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s\n", _("Try 'codedoc --help'."));
	return EX_USAGE;
}

/* Returns -1 to go on, else an exit status. */
static int
parse_opt(int c, struct app_opts *o, const char **pot_out, int *json, int cmd, char **argv)
{
	const char *where = optind > 0 && argv[optind - 1] ? argv[optind - 1] : "?";
	char *end;

	/* An empty folder or list is never meant: -o '' would write into the
	 * current folder, -l '' would drop every translation. */
	if (optarg != NULL && optarg[0] == '\0' && strchr("odtplf", c) != NULL)
		return bad_usage(_("option -%c needs a value that is not empty"), c);
	switch (c) {
	case 'o': if (cmd == CMD_POT) *pot_out = optarg; else o->out_dir = optarg; break;
	case 'd': o->data_dir = optarg; break;
	case 't': o->tmpl_dir = optarg; break;
	case 'p': o->po_dir = optarg; break;
	case 'l': o->langs = optarg; break;
	case 'f':
		if (parse_formats(optarg, &o->formats) != 0)
			return bad_usage(_("unknown format list '%s' (use html, man)"), optarg);
		break;
	case 'j': {
		long n;

		errno = 0;
		n = strtol(optarg, &end, 10);
		if (errno || end == optarg || *end != '\0' || n < 1 || n > 64)
			return bad_usage(_("--jobs takes a number from 1 to 64, not '%s'"), optarg);
		o->threads = (int)n;
		break;
	}
	case OPT_BASE_URL:
		if (strncmp(optarg, "https://", 8) != 0 && strncmp(optarg, "http://", 7) != 0)
			return bad_usage(_("--base-url must start with https:// or http://, not '%s'"),
			    optarg);
		o->base_url = optarg;
		break;
	case OPT_JSON: *json = 1; break;
	case OPT_STRICT: o->strict = 1; break;
	case 'q': o->quiet = 1; break;
	case 'v': o->verbose = 1; break;
	case 'h': usage(stdout, cmd); return 0;
	case 'V': printf("codedoc %s\n", VERSION); return 0;
	case ':': return bad_usage(_("option '%s' needs a value"), where);
	default: return bad_usage(_("unknown option '%s'"), where);
	}
	return -1;
}

static int
find_cmd(const char *name)
{
	for (size_t i = 0; i < sizeof cmd_names / sizeof *cmd_names; i++)
		if (strcmp(name, cmd_names[i]) == 0)
			return (int)i;
	return -1;
}

/* The text to explain: the arguments, or standard input. */
static char *
explain_text(int argc, char **argv)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (optind < argc) {
		for (int i = optind; i < argc; i++) {
			if (i > optind)
				buf_putc(&b, ' ');
			buf_puts(&b, argv[i]);
		}
	} else {
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0 && b.len < INPUT_MAX_LIST)
			buf_add(&b, chunk, n);
		if (ferror(stdin)) {
			buf_free(&b);
			return NULL;
		}
	}
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

static int
run(int cmd, const struct app_opts *o, const char *pot_out, int json, const char *text)
{
	/* -q hides progress only: a warning is never silenced. */
	struct diag d = { 0, 0, 0, NULL, NULL };
	int rc = EX_USAGE;
	char *pot = NULL;

	switch (cmd) {
	case CMD_BUILD: rc = app_build(o, &d); break;
	case CMD_CHECK: rc = app_check(o, &d); break;
	case CMD_STATS: rc = app_stats(o, json, stdout, &d); break;
	case CMD_EXPLAIN: rc = app_explain(o, text, json, stdout, &d); break;
	case CMD_POT:
		pot = pot_out ? NULL : malloc(strlen(o->po_dir) + 16);
		if (pot)
			sprintf(pot, "%s/codedoc.pot", o->po_dir);
		rc = app_pot(o, pot_out ? pot_out : pot ? pot : "po/codedoc.pot", &d);
		free(pot);
		break;
	}
	if (fflush(stdout) != 0 && rc == 0)
		rc = EX_IOERR;
	return rc;
}

int
main(int argc, char **argv)
{
	struct app_opts o;
	const char *pot_out = NULL, *ld = getenv("CODEDOC_LOCALEDIR");
	char *slashed = NULL, *text = NULL;
	int cmd = -1, json = 0, c, rc;

	/* Only messages follow the user's locale: character classes, case
	 * and number formats stay those of "C", whatever the language. */
	setlocale(LC_MESSAGES, "");
	bindtextdomain(NLS_DOMAIN, ld && *ld ? ld : LOCALEDIR);
	bind_textdomain_codeset(NLS_DOMAIN, "UTF-8");
	app_defaults(&o);
	if (argc > 1 && argv[1][0] != '-') {
		if ((cmd = find_cmd(argv[1])) < 0)
			return bad_usage(_("unknown command '%s'"), argv[1]);
		argv++;
		argc--;
	}
	/* Our own messages for bad options, in the user's language. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:d:t:p:l:f:j:qvhV", long_opts, NULL)) != -1)
		if ((rc = parse_opt(c, &o, &pot_out, &json, cmd, argv)) >= 0)
			return rc;
	if (optind < argc && cmd != CMD_EXPLAIN)
		return bad_usage(_("unexpected argument '%s'"), argv[optind]);
	if (cmd < 0) {
		usage(stderr, -1);
		return EX_USAGE;
	}
	o.progress = isatty(STDERR_FILENO) && !o.quiet;
	/* Page addresses are appended to it: it must end in a slash. */
	if (o.base_url && o.base_url[strlen(o.base_url) - 1] != '/') {
		if ((slashed = malloc(strlen(o.base_url) + 2)) == NULL)
			return EX_OSERR;
		sprintf(slashed, "%s/", o.base_url);
		o.base_url = slashed;
	}
	if (cmd == CMD_EXPLAIN && (text = explain_text(argc, argv)) == NULL) {
		fprintf(stderr, "codedoc: %s: %s\n", _("standard input"), strerror(errno));
		free(slashed);
		return EX_IOERR;
	}
	rc = run(cmd, &o, pot_out, json, text);
	free(text);
	free(slashed);
	return rc;
}
