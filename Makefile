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
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(XML_CFLAGS) \
             -DVERSION='"$(VERSION)"' -DLOCALEDIR='"$(localedir)"' $(CFLAGS)
LIBS       = $(XML_LIBS) -lgettextpo -lpthread

OUT       ?= output
SOURCE_DATE_EPOCH ?=

LIB_SRC = src/util.c src/model.c src/db_xml.c src/validate.c src/dbmsg.c src/escape.c \
          src/value.c src/tmpl.c src/plural.c src/catalog.c src/compare.c src/site.c \
          src/output.c src/pot.c src/stats.c src/app.c
LIB_OBJ = $(LIB_SRC:src/%.c=build/%.o)
TESTS   = test_escape test_tmpl test_db test_plural test_catalog test_output
TEST_BIN = $(TESTS:%=build/tests/%)

.PHONY: all site deps check unit e2e clean pot update-po check-po install uninstall dist lint bench

all: codedoc site

codedoc: build/main.o $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

build/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) $(LIBS) $(CMOCKA_LIBS)

# Renders the bundled database into $(OUT)/.
site: codedoc
	./codedoc build -o $(OUT)

deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends \
	  build-essential pkg-config libxml2-dev libxml2-utils libgettextpo-dev gettext \
	  libcmocka-dev mandoc groff-base man-db tidy cppcheck

check: lint unit e2e

unit: $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do ./$$t || fail=1; done; exit $$fail

e2e: codedoc build/tests/test_site
	./build/tests/test_site

build/tests/test_site: tests/e2e/test_site.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -Itests/unit -o $@ $< $(LIB_OBJ) $(LIBS) $(CMOCKA_LIBS)

pot: codedoc
	./codedoc pot -o po/codedoc.pot

update-po: pot
	@for l in $$(cat po/LINGUAS); do \
	  msgmerge --quiet --previous --update --backup=none po/$$l.po po/codedoc.pot || exit 1; \
	done

check-po:
	@for l in $$(cat po/LINGUAS); do \
	  printf '%s: ' $$l; msgfmt --check --statistics -o /dev/null po/$$l.po || exit 1; \
	done

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr -D__GNUC__ --std=c11 src

clean:
	rm -rf build codedoc

-include $(LIB_OBJ:.o=.d) build/main.d
