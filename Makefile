# SPDX-License-Identifier: GPL-3.0-or-later
# codedoc: plain make, objects in build/, libraries through pkg-config.

PACKAGE    = codedoc
VERSION    = 0.1.0

PREFIX    ?= /usr/local
prefix    ?= $(PREFIX)
exec_prefix ?= $(prefix)
bindir    ?= $(exec_prefix)/bin
datarootdir ?= $(prefix)/share
datadir   ?= $(datarootdir)
mandir    ?= $(datarootdir)/man
localedir ?= $(datarootdir)/locale
docdir    ?= $(datadir)/doc/$(PACKAGE)
DESTDIR   ?=

CC        ?= cc
PKG_CONFIG ?= pkg-config
WARN       = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wwrite-strings -Wformat=2
CFLAGS    ?= -O2 -g
ifdef CI
CFLAGS    += -Werror
endif
ifdef DEVELOPER
CFLAGS    += -Werror
endif
XML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null)
XML_LIBS   := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null)
ICU_CFLAGS := $(shell $(PKG_CONFIG) --cflags icu-i18n icu-uc 2>/dev/null)
ICU_LIBS   := $(shell $(PKG_CONFIG) --libs icu-i18n icu-uc 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
# CPPFLAGS, CFLAGS and LDFLAGS are the user's (a distribution's hardening
# flags from dpkg-buildflags come this way); ours go before them.
ALL_CPPFLAGS = -D_GNU_SOURCE $(XML_CFLAGS) $(ICU_CFLAGS) -DVERSION='"$(VERSION)"' \
               -DLOCALEDIR='"$(localedir)"' $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS)
LIBS       = $(XML_LIBS) $(ICU_LIBS) -lgettextpo -lpthread

OUT       ?= output
SOURCE_DATE_EPOCH ?=

LIB_SRC = src/util.c src/match.c src/model.c src/db_xml.c src/validate.c src/dbmsg.c src/escape.c \
          src/langvals.c src/plan.c src/cldr.c src/consistency.c \
          src/value.c src/tmpl.c src/plural.c src/catalog.c src/compare.c src/site.c \
          src/output.c src/pot.c src/stats.c src/explain.c src/app.c
LIB_OBJ = $(LIB_SRC:src/%.c=build/%.o) build/schema.o
TESTS   = test_escape test_tmpl test_db test_plural test_catalog test_output test_cldr test_match
TEST_BIN = $(TESTS:%=build/tests/%)

.PHONY: all site deps check unit e2e clean pot cli-pot update-po check-po install uninstall dist lint bench browser-check \
        fuzz fuzz-check check-sanitize check-hardening

# Language lists: words of the LINGUAS files, '#' starts a comment.
LINGUAS := $(shell sed 's/\#.*//' po/LINGUAS 2>/dev/null)
CLI_LINGUAS := $(shell sed 's/\#.*//' po/cli/LINGUAS 2>/dev/null)
CLI_MO = $(CLI_LINGUAS:%=build/locale/%/LC_MESSAGES/codedoc.mo)

all: codedoc $(CLI_MO) site

# The tool's own messages (domain "codedoc"), compiled for install and for
# the tests (CODEDOC_LOCALEDIR=build/locale).
build/locale/%/LC_MESSAGES/codedoc.mo: po/cli/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

codedoc: build/main.o $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The schema is compiled in: the one in a data folder is input like the data.
build/schema.c: data/registry.rng
	@mkdir -p $(@D)
	{ echo '/* Generated from data/registry.rng; do not edit. */'; \
	  echo 'extern const char codedoc_schema[];'; \
	  echo 'const char codedoc_schema[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' $<; echo ';'; } > $@.tmp && mv $@.tmp $@

build/schema.o: build/schema.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

build/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/tests/%: tests/unit/%.c tests/unit/testutil.h $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -Isrc -o $@ $< $(LIB_OBJ) $(LIBS) \
	  $(CMOCKA_LIBS)

# Renders the bundled database into $(OUT)/.
site: codedoc
	./codedoc build -o $(OUT)

deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends \
	  build-essential pkg-config libxml2-dev libxml2-utils libgettextpo-dev gettext libicu-dev \
	  libcmocka-dev mandoc groff-base man-db tidy cppcheck clang libclang-rt-14-dev \
	  binutils chromium chromium-driver python3-selenium
	npm ci --prefix tests/browser --no-audit --no-fund

check: lint unit e2e browser-check fuzz-check check-sanitize check-hardening

# The built site served on 127.0.0.1 and driven in headless Chromium
# (WebDriver), with axe-core for accessibility; screenshots in build/browser.
browser-check: codedoc
	/usr/bin/python3 tests/browser/test_browser.py --codedoc ./codedoc --out build/browser

unit: $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do ./$$t || fail=1; done; exit $$fail

e2e: codedoc $(CLI_MO) build/tests/test_site build/tests/test_help build/tests/test_scale \
     build/tests/test_package build/tests/test_hostile
	./build/tests/test_site
	./build/tests/test_help
	./build/tests/test_scale
	./build/tests/test_package
	./build/tests/test_hostile

build/tests/test_%: tests/e2e/test_%.c tests/e2e/shell.h $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -Isrc -Itests/unit -Itests/e2e -o $@ $< \
	  $(LIB_OBJ) $(LIBS) $(CMOCKA_LIBS)

pot: codedoc
	./codedoc pot -o po/codedoc.pot

update-po: pot
	@for l in $(LINGUAS); do \
	  msgmerge --quiet --previous --update --backup=none po/$$l.po po/codedoc.pot || exit 1; \
	done

# msgfmt's checks, then codedoc's own (placeholders, terms translated two
# ways, the glossary) with warnings as failures, as sphinx-build -W.
check-po: codedoc
	@for l in $(LINGUAS); do \
	  printf '%s: ' $$l; msgfmt --check --statistics -o /dev/null po/$$l.po || exit 1; \
	done
	@for l in $(CLI_LINGUAS); do \
	  printf 'cli/%s: ' $$l; msgfmt --check --statistics -o /dev/null po/cli/$$l.po || exit 1; \
	done
	./codedoc check --strict

# Regenerates the template of the tool's own messages.
cli-pot:
	xgettext --language=C --from-code=UTF-8 -k_ -kN_ --add-comments=TRANSLATORS: \
	  --package-name=$(PACKAGE) --package-version=$(VERSION) --msgid-bugs-address= \
	  --sort-by-file -o po/cli/codedoc.pot src/*.c
	@for l in $(CLI_LINGUAS); do \
	  msgmerge --quiet --previous --update --backup=none po/cli/$$l.po po/cli/codedoc.pot || exit 1; \
	done

bench: codedoc
	sh tests/bench/run.sh

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr -D__GNUC__ --std=c11 src

# GNU directory conventions; DESTDIR for staged installs.  Generated man
# pages go to mandir/[<lang>/]man7, the site to docdir/html: the files the
# build's manifest lists, never anything else found in $(OUT).
install: all
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(mandir)/man1 $(DESTDIR)$(docdir)
	install -m 755 codedoc $(DESTDIR)$(bindir)/codedoc
	install -m 644 doc/codedoc.1 $(DESTDIR)$(mandir)/man1/codedoc.1
	@for l in $(CLI_LINGUAS); do \
	  install -d $(DESTDIR)$(localedir)/$$l/LC_MESSAGES && \
	  install -m 644 build/locale/$$l/LC_MESSAGES/codedoc.mo \
	    $(DESTDIR)$(localedir)/$$l/LC_MESSAGES/codedoc.mo || exit 1; \
	done
	cut -f1 $(OUT)/.codedoc-manifest | sed -n 's|^man/||p' | while read f; do \
	  install -D -m 644 "$(OUT)/man/$$f" "$(DESTDIR)$(mandir)/$$f" || exit 1; done
	cut -f1 $(OUT)/.codedoc-manifest | sed -n 's|^html/||p' | while read f; do \
	  install -D -m 644 "$(OUT)/html/$$f" "$(DESTDIR)$(docdir)/html/$$f" || exit 1; done

# Removes exactly what install put there: the same build's manifest.
uninstall:
	rm -f $(DESTDIR)$(bindir)/codedoc $(DESTDIR)$(mandir)/man1/codedoc.1
	@for l in $(CLI_LINGUAS); do rm -f $(DESTDIR)$(localedir)/$$l/LC_MESSAGES/codedoc.mo; done
	cut -f1 $(OUT)/.codedoc-manifest | sed -n 's|^man/||p' | while read f; do \
	  rm -f "$(DESTDIR)$(mandir)/$$f"; done
	cut -f1 $(OUT)/.codedoc-manifest | sed -n 's|^html/||p' | while read f; do \
	  rm -f "$(DESTDIR)$(docdir)/html/$$f"; done
	-find $(DESTDIR)$(docdir) -depth -type d -empty -delete 2>/dev/null
	-for l in $$(cd $(OUT)/man && ls -d */ | grep -v '^man'); do \
	  rmdir $(DESTDIR)$(mandir)/$$l/man7 $(DESTDIR)$(mandir)/$$l 2>/dev/null; done; true

DIST_FILES = Makefile README.md COPYING .ci/run .gitignore output/README output/.gitignore \
             $(wildcard src/*.c src/*.h data/*.xml data/*.rng doc/*.1 po/LINGUAS po/*.po \
               po/*.pot po/glossary/*.po po/cli/LINGUAS po/cli/*.po po/cli/*.pot \
               tests/unit/*.c tests/unit/*.h \
               tests/e2e/*.c tests/e2e/*.h tests/bench/*.sh tests/bench/*.c tests/bench/*.py tests/fuzz/*.c tests/fuzz/*.h \
               tests/fuzz/*.supp tests/fixtures/*/*.xml tests/fixtures/*/*.sh \
               tests/e2e/*.js tests/browser/*.py tests/browser/*.json tests/browser/.gitignore) \
             $(shell find templates tests/hostile -type f | sort)
DIST_DATE ?= $(if $(SOURCE_DATE_EPOCH),$(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null || echo 0))

# A reproducible release tarball: sorted, owner-free, dated like the last commit.
dist:
	rm -rf build/$(PACKAGE)-$(VERSION)
	mkdir -p build/$(PACKAGE)-$(VERSION)
	tar -cf - $(DIST_FILES) | tar -xf - -C build/$(PACKAGE)-$(VERSION)
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$(DIST_DATE) \
	  -C build -cf - $(PACKAGE)-$(VERSION) | gzip -9n > $(PACKAGE)-$(VERSION).tar.gz
	rm -rf build/$(PACKAGE)-$(VERSION)

# ---- fuzzing (libFuzzer, Debian's clang) ----
# make fuzz runs each harness FUZZ_SECONDS; make check runs each briefly.
FUZZERS      = db catalog plural escape tmpl
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_FLAGS   = -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
               -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_BIN     = $(FUZZERS:%=build/fuzz/fuzz_%)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB_SRC) build/schema.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(ALL_CPPFLAGS) -Isrc -o $@ $< $(LIB_SRC) build/schema.c $(LIBS)

# Seed corpora from the real files.
build/fuzz/corpus: $(FUZZ_BIN)
	rm -rf $@ && mkdir -p $@/db $@/catalog $@/plural $@/escape $@/tmpl
	cp data/*.xml tests/fixtures/*/*.xml $@/db/
	for f in po/*.po po/cli/*.po; do head -n 300 $$f > $@/catalog/$$(echo $$f | tr / -); done
	i=0; for f in po/*.po; do i=$$((i+1)); \
	  sed -n 's/^"Plural-Forms: \(.*\)\\n"$$/\1/p' $$f > $@/plural/$$i; done
	for f in data/smtp.xml tests/fixtures/hostile/hostile.xml; do head -c 4000 $$f > $@/escape/$$(basename $$f); done
	for f in templates/html/*.html; do { printf h; cat $$f; } > $@/tmpl/$$(basename $$f); done
	for f in templates/man/*.7; do { printf m; cat $$f; } > $@/tmpl/$$(basename $$f).t; done

# -rss_limit_mb: a build's limits (input and page sizes) keep memory low.
fuzz: $(FUZZ_BIN) build/fuzz/corpus
	@for f in $(FUZZERS); do \
	  echo "fuzz_$$f: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp \
	  ./build/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -artifact_prefix=build/fuzz/crash-$$f- build/fuzz/corpus/$$f 2>&1 \
	    | grep -E '^#[0-9]+.*DONE|^Done|ERROR|SUMMARY' || exit 1; \
	  ! ls build/fuzz/crash-$$f-* 2>/dev/null | grep -v -- '-slow-unit-' || exit 1; \
	done

fuzz-check:
	$(MAKE) fuzz FUZZ_SECONDS=8

# ---- the whole suite under ASan and UBSan, in a copy of the tree ----
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
            -fno-omit-frame-pointer
check-sanitize:
	rm -rf build/san && mkdir -p build/san
	tar -cf - $(DIST_FILES) | tar -xf - -C build/san
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 CODEDOC_SANITIZED=1 \
	  $(MAKE) -C build/san CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	    all unit e2e
	rm -rf build/san

# A build with Debian's hardening flags: PIE, full RELRO, bind now,
# fortified calls, non-executable stack.
check-hardening:
	rm -rf build/hard && mkdir -p build/hard
	tar -cf - $(DIST_FILES) | tar -xf - -C build/hard
	DEB_BUILD_MAINT_OPTIONS=hardening=+all $(MAKE) -C build/hard \
	  CFLAGS="$$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CFLAGS)" \
	  CPPFLAGS="$$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CPPFLAGS)" \
	  LDFLAGS="$$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get LDFLAGS)" codedoc
	readelf -h build/hard/codedoc | grep -q 'Type:.*DYN'
	readelf -lW build/hard/codedoc | grep -q 'GNU_RELRO'
	readelf -dW build/hard/codedoc | grep -q 'BIND_NOW'
	readelf -lW build/hard/codedoc | grep 'GNU_STACK' | grep -qv 'RWE'
	readelf -sW build/hard/codedoc | grep -q '__[a-z]*_chk'
	rm -rf build/hard
	@echo "hardening: PIE, RELRO, BIND_NOW, NX stack, fortified calls"

clean:
	rm -rf build codedoc $(PACKAGE)-$(VERSION).tar.gz

-include $(LIB_OBJ:.o=.d) build/main.d
