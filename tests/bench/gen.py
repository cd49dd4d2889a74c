#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Synthetic inputs for make bench: one registry of N codes, every pair
compared, and complete catalogs for L languages with their real
Plural-Forms; with --hugo, the same texts as a Hugo site of the same shape
(a page per code and per pair, per language).

    gen.py --codes N --langs L --codedoc ./codedoc OUT

writes OUT/data/bench.xml, OUT/po/{LINGUAS,codedoc.pot,<lang>.po} and,
with --hugo, OUT/hugo/.  Deterministic: the same arguments give the same
files."""
import argparse
import os
import random
import subprocess
from xml.sax.saxutils import escape

# Languages after English, with the Plural-Forms their gettext teams use.
LANGS = [
    ("tr", "Türkçe", "nplurals=2; plural=(n != 1);"),
    ("de", "Deutsch", "nplurals=2; plural=(n != 1);"),
    ("fr", "Français", "nplurals=2; plural=(n > 1);"),
    ("pl", "Polski", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
                     "(n%100<10 || n%100>=20) ? 1 : 2);"),
    ("es", "Español", "nplurals=2; plural=(n != 1);"),
    ("it", "Italiano", "nplurals=2; plural=(n != 1);"),
    ("nl", "Nederlands", "nplurals=2; plural=(n != 1);"),
    ("pt", "Português", "nplurals=2; plural=(n != 1);"),
    ("sv", "Svenska", "nplurals=2; plural=(n != 1);"),
]

WORDS = ("server client message queue retry relay mailbox address domain policy "
         "limit storage session command transaction reply sender recipient "
         "filter header content route timeout certificate signature").split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words)


def para(rng, size):
    """About size bytes, with the characters that need escaping."""
    parts = []
    while sum(len(p) + 1 for p in parts) < size:
        p = sentence(rng, rng.randint(6, 12))
        k = rng.randint(0, 3)
        if k == 0:
            p += ' when "a < b" & c'
        elif k == 1:
            p += " <see> the & log"
        parts.append(p + ".")
    return " ".join(parts)


def registry(codes, rng):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<registry xmlns="urn:codedoc:registry:1" id="bench" date="2026-01-01" '
           'compare="pairs" digits="class">',
           "  <name>Benchmark codes</name>", "  <short>BENCH</short>",
           "  <blurb>%s</blurb>" % escape(para(rng, 120)),
           "  <intro><p>%s</p></intro>" % escape(para(rng, 200))]
    for c in "2345":
        out.append('  <outcome id="o%s"><name>Outcome %s</name><text>%s</text></outcome>'
                   % (c, c, escape(para(rng, 100))))
    for c in "2345":
        out.append('  <class id="%s" outcome="o%s"><name>Class %s</name><meaning>%s</meaning>'
                   "</class>" % (c, c, c, escape(para(rng, 80))))
    for i in range(codes):
        cls = "2345"[i % 4]
        cid = "%s%02d" % (cls, i // 4)
        total = rng.randint(400, 600)
        out.append('  <code id="%s" class="%s">' % (cid, cls))
        out.append("    <title>%s</title>" % escape(sentence(rng, 5)))
        out.append("    <description><p>%s</p></description>" % escape(para(rng, total * 2 // 5)))
        out.append("    <when><p>%s</p></when>" % escape(para(rng, total // 5)))
        out.append("    <fix><p>%s</p></fix>" % escape(para(rng, total // 5)))
        out.append("    <use>%s</use>" % escape(para(rng, total // 5)))
        out.append('    <ref rfc="5321" section="4.2"/>')
        out.append("  </code>")
    out.append("</registry>")
    return "\n".join(out) + "\n"


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po_unquote(line):
    s = line[line.index('"') + 1:line.rindex('"')]
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape").encode(
        "latin-1").decode("utf-8")


def catalog(pot, lang, name, plural):
    """Every message of the .pot translated: the source marked with the
    language, placeholders kept; the language's own name and direction."""
    n = int(plural.split("nplurals=")[1].split(";")[0])
    out = ['msgid ""', 'msgstr ""', '"Language: %s\\n"' % lang,
           '"MIME-Version: 1.0\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
           '"Content-Transfer-Encoding: 8bit\\n"', '"Plural-Forms: %s\\n"' % plural, ""]
    for block in pot.split("\n\n")[1:]:
        ctxt = msgid = plural_id = None
        for line in block.split("\n"):
            if line.startswith("msgctxt "):
                ctxt = po_unquote(line)
            elif line.startswith("msgid "):
                msgid = po_unquote(line)
            elif line.startswith("msgid_plural "):
                plural_id = po_unquote(line)
        if msgid is None:
            continue
        if ctxt is not None:
            out.append("msgctxt " + po_quote(ctxt))
        out.append("msgid " + po_quote(msgid))
        if ctxt == "language":
            text = name
        elif ctxt == "language-direction":
            text = "ltr"
        else:
            text = "[%s] %s" % (lang, msgid)
        if plural_id is not None:
            out.append("msgid_plural " + po_quote(plural_id))
            for k in range(n):
                src = msgid if k == 0 else plural_id
                out.append("msgstr[%d] %s" % (k, po_quote("[%s] %s" % (lang, src))))
        else:
            out.append("msgstr " + po_quote(text))
        out.append("")
    return "\n".join(out) + "\n"


def hugo_site(root, codes_xml_rng, langs, codes):
    """The same texts as a Hugo site: content/<lang>/codes/<id>.md and a
    page per pair, rendered by one layout of the same size as ours."""
    rng = random.Random(7)
    os.makedirs(os.path.join(root, "layouts", "_default"), exist_ok=True)
    cfg = ['baseURL = "https://bench.example.org/"', 'defaultContentLanguage = "en"',
           "defaultContentLanguageInSubdir = true", "disableKinds = [\"taxonomy\", \"term\", "
           "\"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]", "[languages]"]
    for i, (code, name) in enumerate([("en", "English")] + [(c, n) for c, n, _ in langs]):
        cfg += ["[languages.%s]" % code, 'languageName = "%s"' % name, "weight = %d" % (i + 1),
                'contentDir = "content/%s"' % code]
    with open(os.path.join(root, "hugo.toml"), "w") as f:
        f.write("\n".join(cfg) + "\n")
    layout = ("<!DOCTYPE html><html lang=\"{{ .Site.Language.Lang }}\"><head><meta charset=\"utf-8\">"
              "<title>{{ .Title }}</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>"
              "<nav>{{ range .Translations }}<a href=\"{{ .RelPermalink }}\">{{ .Language.LanguageName }}"
              "</a> {{ end }}</nav><main><h1>{{ .Title }}</h1>{{ .Content }}</main>"
              "<footer>{{ .Site.Language.Lang }}</footer></body></html>\n")
    for kind in ("single.html", "list.html"):
        with open(os.path.join(root, "layouts", "_default", kind), "w") as f:
            f.write(layout)
    texts = {}
    for i in range(codes):
        cls = "2345"[i % 4]
        texts["%s%02d" % (cls, i // 4)] = para(rng, rng.randint(400, 600))
    ids = sorted(texts)
    for lang in ["en"] + [c for c, _, _ in langs]:
        d = os.path.join(root, "content", lang, "codes")
        os.makedirs(d, exist_ok=True)
        for cid in ids:
            with open(os.path.join(d, cid + ".md"), "w") as f:
                f.write('---\ntitle: "%s %s"\n---\n\n%s\n' % (lang, cid, texts[cid]))
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                with open(os.path.join(d, "%s-vs-%s.md" % (ids[a], ids[b])), "w") as f:
                    f.write('---\ntitle: "%s vs %s"\n---\n\n## %s\n\n%s\n\n## %s\n\n%s\n'
                            % (ids[a], ids[b], ids[a], texts[ids[a]], ids[b], texts[ids[b]]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codes", type=int, required=True)
    ap.add_argument("--langs", type=int, required=True, help="languages, English included")
    ap.add_argument("--codedoc", default="./codedoc")
    ap.add_argument("--templates", default="templates")
    ap.add_argument("--hugo", action="store_true")
    ap.add_argument("out")
    a = ap.parse_args()
    langs = LANGS[:a.langs - 1]
    rng = random.Random(a.codes * 1000 + a.langs)
    os.makedirs(os.path.join(a.out, "data"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "po"), exist_ok=True)
    with open(os.path.join(a.out, "data", "bench.xml"), "w") as f:
        f.write(registry(a.codes, rng))
    with open(os.path.join(a.out, "po", "LINGUAS"), "w") as f:
        f.write("".join(c + "\n" for c, _, _ in langs))
    pot = os.path.join(a.out, "po", "codedoc.pot")
    subprocess.run([a.codedoc, "pot", "-d", os.path.join(a.out, "data"), "-t", a.templates,
                    "-o", pot], check=True)
    text = subprocess.run(["msgcat", "--no-wrap", pot], check=True, capture_output=True,
                          text=True).stdout
    for code, name, plural in langs:
        with open(os.path.join(a.out, "po", code + ".po"), "w") as f:
            f.write(catalog(text, code, name, plural))
    if a.hugo:
        hugo_site(os.path.join(a.out, "hugo"), None, langs, a.codes)


if __name__ == "__main__":
    main()
