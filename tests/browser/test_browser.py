#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Browser tests of the help site that codedoc renders.

Run from the project root, with Debian's python3 (python3-selenium), chromium
and chromium-driver, after `npm ci --prefix tests/browser` (axe-core):

    /usr/bin/python3 tests/browser/test_browser.py --codedoc ./codedoc --out build/browser

It builds the site with the given binary into a fresh temporary folder, serves
its html/ folder on 127.0.0.1 (a missing page gets status 404 and the body of
<lang>/404.html, as nginx's error_page would), drives headless Chromium through
chromedriver, and prints one line per test, `ok - name` or `not ok - name:
reason`; lines starting with `#` are notes. Screenshots go to --out. The exit
status is 1 when a test failed, 2 when the run could not start.
"""

import argparse
import functools
import html
import http.server
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = (1280, 900)
PHONE = (390, 844)
FULL_PAGE_MAX = 4000
WAIT = 5  # seconds, for anything the page does after it has loaded

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as e:  # pragma: no cover
    sys.exit(f"test_browser.py: {e}; run it with /usr/bin/python3 "
             "(apt-get install python3-selenium chromium chromium-driver)")


# --- results -----------------------------------------------------------------

class Fail(Exception):
    """A test's expectation is not met; the message says what was seen."""


class Skip(Exception):
    """A test cannot run here; the message says why."""


class Report:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def note(self, text):
        for line in str(text).splitlines():
            print(f"# {line}", flush=True)

    def run(self, name, fn, *args):
        try:
            fn(*args)
        except Skip as e:
            self.skipped += 1
            print(f"ok - {name} # SKIP {e}", flush=True)
        except Fail as e:
            self.failed += 1
            print(f"not ok - {name}: {e}", flush=True)
        except TimeoutException as e:
            self.failed += 1
            print(f"not ok - {name}: timed out {(e.msg or '').strip()}", flush=True)
        except WebDriverException as e:
            self.failed += 1
            msg = (e.msg or str(e)).strip().splitlines()[0]
            print(f"not ok - {name}: {type(e).__name__}: {msg}", flush=True)
        except Exception as e:  # a bug in the test itself: say where
            self.failed += 1
            where = traceback.extract_tb(e.__traceback__)[-1]
            print(f"not ok - {name}: {type(e).__name__}: {e} "
                  f"(test_browser.py:{where.lineno})", flush=True)
        else:
            self.passed += 1
            print(f"ok - {name}", flush=True)


def expect(cond, message):
    if not cond:
        raise Fail(message)


# --- the site and its server -------------------------------------------------

def build_site(codedoc, dest):
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    proc = subprocess.run([codedoc, "build", "-q", "-o", str(dest)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"{codedoc} build -q -o {dest} exited with {proc.returncode}:\n"
                           + proc.stdout)
    if proc.stdout.strip():
        print("# codedoc build: " + proc.stdout.strip().replace("\n", "\n# "), flush=True)
    root = pathlib.Path(dest, "html")
    if not (root / "en" / "index.html").is_file():
        raise RuntimeError(f"{root}/en/index.html was not built")
    return root


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of the site; a missing one gets <lang>/404.html."""

    def log_message(self, format, *args):
        pass

    def not_found_body(self):
        root = pathlib.Path(self.directory)
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        first = path.lstrip("/").split("/", 1)[0]
        candidates = []
        # A language folder: a folder of the site root with a home page.
        if first and "." not in first and (root / first / "index.html").is_file():
            candidates.append(root / first / "404.html")
        candidates.append(root / "en" / "404.html")
        for page in candidates:
            if page.is_file():
                return page.read_bytes()
        return None

    def send_error(self, code, message=None, explain=None):
        body = self.not_found_body() if code == 404 else None
        if body is None:
            return super().send_error(code, message, explain)
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def start_server(root):
    handler = functools.partial(SiteHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    return server, thread


def http_get(url):
    """Status and body of a GET, also for error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.read()


# --- the browser -------------------------------------------------------------

def start_browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={DESKTOP[0]},{DESKTOP[1]}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(15)
    driver.set_script_timeout(30)
    return driver


# Paths (not whole URLs, with no query or fragment) of the search results.
JS_RESULT_PATHS = """
return Array.from(document.querySelectorAll('ol#results li a'))
  .map(a => new URL(a.href).pathname);
"""

# The text of the h1 after its span.num.
JS_TITLE = """
const h1 = document.querySelector('h1');
if (!h1) return null;
const c = h1.cloneNode(true);
c.querySelectorAll('.num').forEach(n => n.remove());
return c.textContent.replace(/\\s+/g, ' ').trim();
"""

JS_AXE_RUN = """
const done = arguments[arguments.length - 1];
const options = arguments[0];
axe.run(document, options).then(r => done({violations: r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    target: v.nodes.length ? String(v.nodes[0].target) : ''}))}))
  .catch(e => done({error: String(e)}));
"""

# Elements that stick out of the viewport sideways, outermost first.
JS_OVERFLOW = """
const w = document.documentElement.clientWidth, out = [];
for (const e of document.body.querySelectorAll('*')) {
  const r = e.getBoundingClientRect();
  // Partly outside: an element wholly outside (a skip link) is hidden on purpose.
  if (r.width && (r.right > w + 1 || r.left < -1) && r.left < w && r.right > 0) {
    if (out.some(o => o.el.contains(e))) continue;
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    if (e.classList.length) s += '.' + Array.from(e.classList).join('.');
    out.push({el: e, s: s + ` (${Math.round(r.left)}..${Math.round(r.right)})`});
  }
}
return {scroll: document.documentElement.scrollWidth, client: w,
        elements: out.slice(0, 5).map(o => o.s)};
"""


class Site:
    """What the tests share: the built site, its server and the browser."""

    def __init__(self, root, base, driver, out, report):
        self.root, self.base, self.d, self.out, self.report = root, base, driver, out, report
        self._axe = None

    def url(self, path):
        return self.base + path

    def get(self, path):
        self.d.get(self.url(path))

    def need(self, rel):
        """The built file html/<rel> must exist (a page of the contract)."""
        if not (self.root / rel).is_file():
            raise Fail(f"{rel} is not in the built site")

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def result_paths(self, path, want=None, timeout=WAIT):
        """Opens a search page and returns the result paths once `want`
        (a predicate on them) holds; fails with what was seen after timeout."""
        self.d.get(path if "://" in path else self.url(path))
        try:
            WebDriverWait(self.d, timeout, poll_frequency=0.05).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, "ol#results li a"))
        except TimeoutException:
            raise Fail(f"no 'ol#results li a' within {timeout} s on {path}") from None
        seen = []

        def ready(_):
            seen[:] = self.js(JS_RESULT_PATHS)
            return want is None or want(seen)
        try:
            WebDriverWait(self.d, 2, poll_frequency=0.05).until(ready)
        except TimeoutException:
            shown = ", ".join(seen[:5]) + (f", ... ({len(seen)} in all)" if len(seen) > 5 else "")
            raise Fail(f"results of {path} were: {shown}") from None
        return list(seen)

    def metrics(self, width, height, mobile=False):
        # Headless Chromium will not make a window narrower than 500 px, so
        # the viewport is set exactly through DevTools instead.
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def clear_metrics(self):
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def axe(self, options=None):
        if self._axe is None:
            if not AXE_JS.is_file():
                raise Fail(f"{AXE_JS} is missing: run npm ci --prefix tests/browser")
            self._axe = AXE_JS.read_text(encoding="utf-8")
        if not self.js("return typeof window.axe === 'object'"):
            self.js(self._axe)
        res = self.d.execute_async_script(JS_AXE_RUN, options or {"resultTypes": ["violations"]})
        if "error" in res:
            raise Fail(f"axe.run failed: {res['error']}")
        return res["violations"]

    def axe_verdict(self, label, violations):
        bad, minor = [], []
        for v in violations:
            text = f"{v['id']} ({v['impact']}) at {v['target']!r}" + (
                f" and {v['count'] - 1} more" if v["count"] > 1 else "")
            (bad if v["impact"] in ("serious", "critical") else minor).append(text)
        for text in minor:
            self.report.note(f"axe {label}: {text}")
        expect(not bad, "; ".join(bad))

    def comparison_page(self):
        if (self.root / "en/smtp/450-vs-550.html").is_file():
            return "en/smtp/450-vs-550.html"
        pages = sorted((self.root / "en/smtp").glob("*-vs-*.html"))
        if not pages:
            raise Fail("no en/smtp/*-vs-*.html in the built site")
        return pages[0].relative_to(self.root).as_posix()


# --- the tests ---------------------------------------------------------------

def t_language_switcher(s):
    s.get("/en/smtp/451.html")
    links = s.d.find_elements(By.CSS_SELECTOR, 'nav.langs a[hreflang="tr"]')
    expect(links, "no nav.langs a[hreflang=tr] on /en/smtp/451.html")
    links[0].click()
    try:
        WebDriverWait(s.d, WAIT).until(lambda d: d.current_url.endswith("/tr/smtp/451.html"))
    except TimeoutException:
        raise Fail(f"the link led to {s.d.current_url}") from None
    lang = s.js("return document.documentElement.getAttribute('lang')")
    expect(lang == "tr", f'<html lang="{lang}">, expected "tr"')
    h2 = s.js("return Array.from(document.querySelectorAll('h2'))"
              ".map(h => h.textContent.replace(/\\s+/g, ' ').trim())")
    expect("Nasıl Düzeltilir" in h2, f"no h2 'Nasıl Düzeltilir'; the h2 are {h2}")


def t_search_number(s):
    s.need("en/search.html")
    want = "/en/smtp-enhanced/x.1.1.html"
    paths = s.result_paths("/en/search.html?q=5.1.1", lambda p: p and p[0].endswith(want))
    expect(paths[0].endswith(want), f"first result {paths[0]}")


def t_search_bounce_line(s):
    s.need("en/search.html")
    q = urllib.parse.quote("550 5.1.1 <bob@example.org>: Recipient address rejected")
    want = ("/en/smtp/550.html", "/en/smtp-enhanced/x.1.1.html")
    s.result_paths(f"/en/search.html?q={q}",
                   lambda p: all(any(x.endswith(w) for x in p) for w in want))


def t_search_code(s):
    s.need("en/search.html")
    s.result_paths("/en/search.html?q=451",
                   lambda p: any(x.endswith("/en/smtp/451.html") for x in p))


def t_search_header_form(s):
    s.get("/en/smtp/451.html")
    boxes = s.d.find_elements(By.CSS_SELECTOR, "form[role=search] input[name=q]")
    expect(boxes, "no form[role=search] input[name=q] on /en/smtp/451.html")
    boxes[0].clear()
    boxes[0].send_keys("5.7.1")
    boxes[0].send_keys(Keys.ENTER)
    try:
        WebDriverWait(s.d, WAIT).until(
            lambda d: urllib.parse.urlsplit(d.current_url).path.endswith("/en/search.html"))
    except TimeoutException:
        raise Fail(f"submitting led to {s.d.current_url}") from None
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(s.d.current_url).query)
    expect(query.get("q") == ["5.7.1"], f"landed on {s.d.current_url}")
    want = "/en/smtp-enhanced/x.7.1.html"
    s.result_paths(s.d.current_url, lambda p: any(x.endswith(want) for x in p))


def distinctive_word(s, lang, title):
    """The word of `title` found in the fewest code titles of `lang`
    (read from the built pages), the longest of those on a tie."""
    words = [w for w in re.findall(r"\w+", title) if len(w) >= 3 and not w.isdigit()]
    if not words:
        raise Fail(f"no word to search in the title {title!r}")
    titles = []
    for page in (s.root / lang).glob("*/*.html"):
        if "-vs-" in page.name or page.name in ("index.html", "search.html", "404.html"):
            continue
        m = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
        if m:
            text = re.sub(r'<span class="num">.*?</span>', "", m.group(1), flags=re.S)
            titles.append(set(re.findall(r"\w+", html.unescape(re.sub(r"<[^>]+>", "", text)).casefold())))

    def rank(w):
        return (sum(w.casefold() in t for t in titles), -len(w))
    return min(words, key=rank)


def search_words(s, lang):
    s.need(f"{lang}/search.html")
    s.get(f"/{lang}/smtp-enhanced/x.1.1.html")
    title = s.js(JS_TITLE)
    expect(title, f"no h1 title on /{lang}/smtp-enhanced/x.1.1.html")
    word = distinctive_word(s, lang, title)
    s.report.note(f"{lang} title {title!r}: searching {word!r}")
    want = f"/{lang}/smtp-enhanced/x.1.1.html"
    s.result_paths(f"/{lang}/search.html?q={urllib.parse.quote(word)}",
                   lambda p: any(x.endswith(want) for x in p))


def t_search_from_disk(s):
    s.need("en/search.html")
    uri = (s.root / "en" / "search.html").as_uri() + "?q=5.1.1"
    want = "/en/smtp-enhanced/x.1.1.html"
    paths = s.result_paths(uri, lambda p: p and p[0].endswith(want))
    expect(paths[0].endswith(want), f"first result {paths[0]}")


JS_HEADER_GEOMETRY = """
const h = document.querySelector('header.site');
if (!h || !h.firstElementChild) return null;
const hr = h.getBoundingClientRect(), fr = h.firstElementChild.getBoundingClientRect();
const langs = document.querySelector('nav.langs');
const lr = langs ? langs.getBoundingClientRect() : null;
const items = Array.from(document.querySelectorAll('nav.langs li')).map(li => li.getBoundingClientRect().left);
return {hl: hr.left, hr: hr.right, fl: fr.left, fr: fr.right,
        langs: lr ? (lr.left + lr.right) / 2 : null, items: items,
        dir: document.documentElement.getAttribute('dir'),
        direction: getComputedStyle(document.body).direction};
"""


def t_arabic_rtl(s):
    s.need("ar/index.html")
    s.metrics(*DESKTOP)
    try:
        s.get("/en/index.html")
        en = s.js(JS_HEADER_GEOMETRY)
        s.get("/ar/index.html")
        ar = s.js(JS_HEADER_GEOMETRY)
    finally:
        s.clear_metrics()
    expect(en and ar, "no header.site with a child on the en or ar home page")
    expect(ar["dir"] == "rtl", f'document.documentElement.dir is "{ar["dir"]}"')
    expect(ar["direction"] == "rtl", f"the body's computed direction is {ar['direction']}")
    problems = []
    # The header's first child starts at the start edge: left in en, right in ar.
    if abs(en["fl"] - en["hl"]) > 2:
        problems.append(f"en: header's first child starts at x={en['fl']:.0f}, header at {en['hl']:.0f}")
    if abs(ar["fr"] - ar["hr"]) > 2:
        problems.append(f"ar: header's first child ends at x={ar['fr']:.0f}, "
                        f"header's right edge at {ar['hr']:.0f}")
    # The language switcher is on the other side of the header in ar.
    mid_en, mid_ar = (en["hl"] + en["hr"]) / 2, (ar["hl"] + ar["hr"]) / 2
    if en["langs"] is not None and ar["langs"] is not None:
        if (en["langs"] > mid_en) == (ar["langs"] > mid_ar):
            problems.append("nav.langs is on the same side of the header in en and ar")
    # Its items run right to left in ar.
    items = ar["items"]
    if len(items) >= 2 and not items[0] > items[1]:
        problems.append(f"ar: language items run left to right (x {items[0]:.0f}, {items[1]:.0f}, ...)")
    expect(not problems, "; ".join(problems))


def t_404_status(s, path, lang):
    s.need(f"{lang}/404.html")
    status, body = http_get(s.url(path))
    expect(status == 404, f"GET {path} gave status {status}")
    expect(re.search(rb'<html[^>]*\slang="' + lang.encode() + rb'"', body),
           f'the body of {path} has no <html lang="{lang}">')
    expect(body == (s.root / lang / "404.html").read_bytes(),
           f"the body of {path} is not {lang}/404.html")


JS_LINKS = """
return Array.from(document.querySelectorAll('a[href], link[href], script[src], img[src]'))
  .map(e => e.href || e.src);
"""


def check_404_links(s, path, lang):
    """Every same-site link of the 404 page, as rendered at `path`, resolves."""
    s.need(f"{lang}/404.html")
    s.get(path)
    here = s.d.current_url.split("#")[0]
    targets = sorted({u.split("#")[0] for u in s.js(JS_LINKS) if u.startswith(s.base + "/")}
                     - {here})
    broken = []
    for u in targets:
        status, _ = http_get(u)
        if status != 200:
            broken.append(f"{u[len(s.base):]} ({status})")
    home = {s.url(f"/{lang}/index.html"), s.url(f"/{lang}/")}
    return targets, broken, bool(home & set(targets))


def t_404_links(s):
    targets, broken, home = check_404_links(s, "/de/nothing.html", "de")
    expect(home, f"no link to /de/index.html among {[t[len(s.base):] for t in targets]}")
    expect(not broken, "links that do not resolve: " + ", ".join(broken))
    # A missing page deeper down gets the same body; relative links there
    # point elsewhere. Only a note: the contract is the page one level down.
    _, deep_broken, _ = check_404_links(s, "/de/smtp/nothing/at/all.html", "de")
    if deep_broken:
        s.report.note("404 page served at /de/smtp/nothing/at/all.html: links that do not "
                      "resolve there: " + ", ".join(deep_broken[:6]))


def t_axe(s, rel, query="", optional=False, results=False):
    if not (s.root / rel).is_file():
        if optional:
            raise Skip(f"{rel} is not built yet")
        raise Fail(f"{rel} is not in the built site")
    if results:
        s.result_paths(f"/{rel}{query}")
    else:
        s.get(f"/{rel}{query}")
    s.axe_verdict(rel + query, s.axe())


def screenshot(s, rel, name, size, query="", results=False):
    if not (s.root / rel).is_file():
        raise Fail(f"{rel} is not in the built site")
    target = s.out / name
    width, height = size
    phone = size == PHONE
    s.metrics(width, height, mobile=phone)
    try:
        if results:
            s.result_paths(f"/{rel}{query}")
        else:
            s.get(f"/{rel}{query}")
        full = s.js("return Math.max(document.body.scrollHeight, "
                    "document.documentElement.scrollHeight)")
        s.metrics(width, max(height, min(int(full), FULL_PAGE_MAX)), mobile=phone)
        if phone:
            o = s.js(JS_OVERFLOW)
            if o["scroll"] > o["client"]:
                s.report.note(f"{rel}{query} at {width} px: page is {o['scroll']} px wide; "
                              f"sticking out: {', '.join(o['elements']) or '?'}")
        expect(s.d.save_screenshot(str(target)), f"could not write {target}")
    finally:
        s.clear_metrics()
    with open(target, "rb") as f:
        expect(f.read(8) == b"\x89PNG\r\n\x1a\n", f"{target} is not a PNG")


JS_BG = "return getComputedStyle(document.body).backgroundColor"


def t_dark_mode(s):
    s.metrics(*DESKTOP)
    try:
        s.get("/en/smtp/451.html")
        light = s.js(JS_BG)
        s.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        expect(s.js("return matchMedia('(prefers-color-scheme: dark)').matches"),
               "prefers-color-scheme: dark was not emulated")
        dark = s.js(JS_BG)
        full = s.js("return Math.max(document.body.scrollHeight, "
                    "document.documentElement.scrollHeight)")
        s.metrics(DESKTOP[0], max(DESKTOP[1], min(int(full), FULL_PAGE_MAX)))
        s.d.save_screenshot(str(s.out / "code-dark.png"))
        expect(dark != light, f"the body's background is {light} in both light and dark mode")
        # The dark colours must keep text readable.
        s.axe_verdict("en/smtp/451.html (dark)",
                      s.axe({"runOnly": ["color-contrast"], "resultTypes": ["violations"]}))
    finally:
        s.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        s.clear_metrics()


def run_tests(s, only):
    r = s.report

    def test(name, fn, *args):
        if not only or any(o in name for o in only):
            r.run(name, fn, *args)

    test("language switcher: en/smtp/451 to tr", t_language_switcher, s)
    test("search: 5.1.1 gives smtp-enhanced/x.1.1 first", t_search_number, s)
    test("search: a bounce line gives smtp/550 and smtp-enhanced/x.1.1", t_search_bounce_line, s)
    test("search: 451 gives smtp/451", t_search_code, s)
    test("search: header form on en/smtp/451, 5.7.1", t_search_header_form, s)
    test("search: a word of the English title of x.1.1", search_words, s, "en")
    test("search: a word of the Turkish title of x.1.1", search_words, s, "tr")
    test("search: works from file:// (index shipped as a script)", t_search_from_disk, s)
    test("arabic: ar/index.html is right to left and mirrored", t_arabic_rtl, s)
    test("404: /en/no-such-page.html is 404 with lang=en", t_404_status, s,
         "/en/no-such-page.html", "en")
    test("404: /de/nothing.html is 404 with lang=de", t_404_status, s, "/de/nothing.html", "de")
    test("404: links of the page at /de/nothing.html resolve", t_404_links, s)
    compare = None
    try:
        compare = s.comparison_page()
    except Fail as e:
        r.note(str(e))
    for rel, query, kw in [
            ("en/index.html", "", {}),
            ("en/smtp/451.html", "", {}),
            (compare or "en/smtp/450-vs-550.html", "", {}),
            ("en/search.html", "?q=451", {"results": True}),
            ("ar/index.html", "", {}),
            ("tr/translations.html", "", {"optional": True}),
            ("en/404.html", "", {})]:
        test(f"axe: {rel}{query}", t_axe, s, rel, query, kw.get("optional", False),
             kw.get("results", False))
    for rel, query, stem, results in [
            ("en/smtp/451.html", "", "code", False),
            (compare or "en/smtp/450-vs-550.html", "", "compare", False),
            ("ar/index.html", "", "ar-home", False),
            ("tr/smtp/451.html", "", "tr-code", False),
            ("en/search.html", "?q=451", "search", True)]:
        for size, suffix in [(DESKTOP, "desktop"), (PHONE, "phone")]:
            name = f"{stem}-{suffix}.png"
            test(f"screenshot: {name} ({rel}{query}, {size[0]}x{size[1]})",
                 screenshot, s, rel, name, size, query, results)
    test("dark mode: en/smtp/451 has another background; screenshot code-dark.png",
         t_dark_mode, s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--codedoc", default="./codedoc", help="the binary to build the site with")
    ap.add_argument("--out", default="build/browser", help="folder for the screenshots")
    ap.add_argument("--keep", action="store_true", help="keep the built site and print where")
    ap.add_argument("--only", action="append", default=[],
                    help="run only the tests whose name contains this (repeatable)")
    args = ap.parse_args()

    started = time.monotonic()
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            print(f"test_browser.py: {path} is missing: apt-get install chromium chromium-driver",
                  file=sys.stderr)
            return 2
    if not AXE_JS.is_file():
        print(f"# {AXE_JS} is missing: run npm ci --prefix tests/browser", flush=True)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="codedoc-browser-"))
    profile = tempfile.mkdtemp(prefix="codedoc-chromium-")
    server = driver = None
    report = Report()
    try:
        try:
            root = build_site(args.codedoc, tmp)
        except (OSError, RuntimeError, subprocess.TimeoutExpired) as e:
            print(f"test_browser.py: {e}", file=sys.stderr)
            return 2
        server, _ = start_server(root)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            driver = start_browser(profile)
        except WebDriverException as e:
            print(f"test_browser.py: cannot start Chromium: {e.msg or e}", file=sys.stderr)
            return 2
        report.note(f"site built in {time.monotonic() - started:.1f} s, served at {base}; "
                    f"{driver.capabilities.get('browserVersion', '?')}")
        run_tests(Site(root, base, driver, out, report), args.only)
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            server.shutdown()
            server.server_close()
        shutil.rmtree(profile, ignore_errors=True)
        if args.keep:
            print(f"# built site kept in {tmp}", flush=True)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    total = report.passed + report.failed + report.skipped
    print(f"1..{total}")
    print(f"# {report.passed} passed, {report.failed} failed, {report.skipped} skipped "
          f"in {time.monotonic() - started:.1f} s; screenshots in {out}", flush=True)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
