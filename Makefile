# cirt: national CIRT readiness assessments.
#
#   make            build ./cirt (installs missing Debian packages first)
#   make demo       sample assessments, their reports and a comparison
#   make test       build with warnings as errors and run every test
#   make asan       run the whole test suite under ASan and UBSan
#   make deps       install (as root) or name the missing Debian packages
#   make report-png the summary page of a sample report, for the README
#   make install    PREFIX=/usr/local DESTDIR=
#   make fuzz       libFuzzer on four targets, FUZZ_SECONDS each (60)
#   make bench      time cirt on 194 countries x 3 cycles against the budget
#   make lint       cppcheck and clang-tidy; make format / format-check
#   V=1             show the full commands

VERSION = 0.1.0

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/cirt
MANDIR = $(PREFIX)/share/man
LOCALEDIR = $(PREFIX)/share/locale

O ?= build
PKG_CONFIG ?= pkg-config

# Every Debian package the build, the tests and the demo need.
DEB_PACKAGES = make gcc clang pkg-config libc6-dev \
	libxml2-dev libxml2-utils libsqlite3-dev libhpdf-dev nettle-dev \
	libjansson-dev libsodium-dev libedit-dev libharfbuzz-dev fonts-dejavu-core fonts-droid-fallback fonts-freefont-ttf libfribidi-dev libunistring-dev libcmocka-dev xxd \
	libclang-rt-14-dev valgrind libzip-dev libcairo2-dev libreoffice-writer-nogui unzip iso-codes gettext \
	sqlite3 tmux util-linux poppler-utils qpdf python3 \
	libmicrohttpd-dev chromium chromium-driver python3-selenium \
	cppcheck clang-tidy clang-format

PC_MODULES = libxml-2.0 sqlite3 nettle jansson libedit libsodium fribidi
# HarfBuzz too is compiled against and opened when a font is first subset
# (src/subset.c): nine libraries no session or listing needs.
LAZY_MODULES = harfbuzz-subset harfbuzz
# libmicrohttpd (and the GnuTLS it brings) is opened by cirt serve alone
# (src/web.c).
WEB_MODULES = libmicrohttpd
# The Word renderer's libraries: compiled against, but opened at run time
# (src/docx_libs.c) by the one command that needs them, so that no other
# start-up pays for loading them and what they bring.
DOCX_MODULES = libzip cairo cairo-ft freetype2
PC_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PC_MODULES) $(LAZY_MODULES) $(WEB_MODULES) $(DOCX_MODULES) 2>/dev/null)
PC_LIBS := $(shell $(PKG_CONFIG) --libs $(PC_MODULES) 2>/dev/null)
DOCX_LIBS := $(shell $(PKG_CONFIG) --libs $(DOCX_MODULES) 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

WARNINGS = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wcast-qual -Wwrite-strings -Wundef \
	-Wvla -Wpointer-arith -Wold-style-definition -Wimplicit-fallthrough
ifeq ($(WERROR),1)
WARNINGS += -Werror
endif
ifeq ($(FUZZ),1)
SAN_FLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
endif
ifeq ($(SANITIZE),1)
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
endif

# The project's flags first; the user's CFLAGS and LDFLAGS add to them.
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -O2 -g $(WARNINGS) $(SAN_FLAGS) \
	$(PC_CFLAGS) -Isrc -DCIRT_VERSION='"$(VERSION)"' \
	-DCIRT_DATADIR='"$(DATADIR)"' -DCIRT_LOCALEDIR='"$(LOCALEDIR)"' -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
# libunistring (display widths, line breaks) ships no .pc file
LIBS = $(PC_LIBS) -lhpdf -lunistring -lm

ifeq ($(O),build)
BIN = cirt
else
BIN = $(O)/cirt
endif

# Modules shared by the program and the unit tests.
LIB_SRC = src/answer.c src/attachment.c src/bidi.c src/chain.c src/engine.c src/keys.c src/compare.c src/condition.c src/country.c src/csv.c src/diag.c src/editor.c src/error.c \
	src/exchange.c src/file.c src/fonts.c src/hash.c src/html.c src/json.c src/i18n.c src/lineedit.c src/pdf.c src/questionnaire.c src/qcache.c src/bytes.c src/recommend.c src/report.c src/doc.c src/render_pdf.c src/render_docx.c src/docx_libs.c src/dynlib.c src/score.c src/score_kept.c src/session.c \
	src/store.c src/store_chain.c src/store_score.c src/store_writer.c src/subset.c \
	src/term.c src/utf8.c src/width.c src/xmalloc.c
CMD_SRC = src/cmd.c src/cmd_answers.c src/cmd_assessments.c src/cmd_attach.c \
	src/cmd_attachments.c src/cmd_compare.c src/cmd_conflicts.c \
	src/cmd_export.c src/cmd_countries.c src/cmd_discard.c src/cmd_interviews.c src/cmd_keys.c \
	src/cmd_finalize.c src/cmd_findings.c src/cmd_import.c src/cmd_merge.c src/cmd_report.c src/cmd_run.c src/cmd_score.c src/cmd_serve.c src/cmd_show.c src/cmd_validate.c \
	src/cmd_verify.c src/main.c src/web.c src/web_assets.c src/web_pages.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(O)/%.o) $(O)/gen/schema.o $(O)/gen/countries.o
CMD_OBJ = $(CMD_SRC:src/%.c=$(O)/%.o) $(O)/gen/assets.o
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(O)/tools/%)

ifeq ($(V),1)
Q =
say = @true
else
Q = @
say = @printf '  %-6s %s\n'
endif

.PHONY: po all deps demo report-png check test asan fuzz fuzz-build lint-clang-tidy valgrind bench install uninstall clean lint lint-cppcheck \
	format format-check unit-tests FORCE
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory $(BIN)

# Install what is missing when root; otherwise name the exact command.
deps:
	@missing=""; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
		echo "make deps: not a Debian system; make sure these are installed: $(DEB_PACKAGES)"; \
		exit 0; \
	fi; \
	for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q '^install ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "make deps: installing$$missing"; \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "make deps: missing Debian packages; install them with:"; \
		echo "  sudo apt-get install -y --no-install-recommends$$missing"; \
		exit 1; \
	fi

# cirt's own words: po/LANG.po compiled into LANG/LC_MESSAGES/cirt.mo
# beside the program (src/i18n.c finds them there, or where make install
# puts them). A broken catalogue stops the build; an incomplete one makes
# cirt refuse that language, and tests/cli/languages.sh fail.
PO = $(wildcard po/*.po)
MO = $(PO:po/%.po=$(O)/locale/%/LC_MESSAGES/cirt.mo)

$(O)/locale/%/LC_MESSAGES/cirt.mo: po/%.po
	@mkdir -p $(@D)
	$(say) MSGFMT $<
	$(Q)msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# Refresh the template and merge it into every language (make po).
po:
	xgettext --from-code=UTF-8 --no-wrap --add-comments=TRANSLATORS: -k -kN_ -kNC_:1c,2 \
		-kNN_:1,2 --flag=N_:1:no-c-format --flag=NC_:2:no-c-format --flag=NN_:1:no-c-format \
		--flag=NN_:2:no-c-format --package-name=cirt --package-version=$(VERSION) -o po/cirt.pot src/i18n.c
	@for f in $(PO); do msgmerge --quiet --update --backup=none --no-wrap --no-fuzzy-matching "$$f" po/cirt.pot; done

$(BIN): $(LIB_OBJ) $(CMD_OBJ) $(MO)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(LIB_OBJ) $(CMD_OBJ) $(LIBS)

$(O)/%.o: src/%.c $(O)/.flags
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The schema is built into the binary.
$(O)/gen/schema.c: questionnaires/questionnaire.xsd
	@mkdir -p $(@D)
	$(say) GEN $@
	$(Q){ echo '#include "schema.h"'; \
	  echo 'const unsigned char questionnaire_xsd[] = {'; \
	  xxd -i < $<; \
	  echo '};'; \
	  echo 'const size_t questionnaire_xsd_len = sizeof(questionnaire_xsd);'; \
	} > $@.tmp && mv $@.tmp $@

# So are the web pages' stylesheet and script (cirt serve).
$(O)/gen/assets.c: src/web/app.css src/web/app.js
	@mkdir -p $(@D)
	$(say) GEN $@
	$(Q){ echo '#include <stddef.h>'; \
	  echo 'extern const unsigned char web_app_css[], web_app_js[];'; \
	  echo 'extern const size_t web_app_css_len, web_app_js_len;'; \
	  echo 'const unsigned char web_app_css[] = {'; xxd -i < src/web/app.css; echo '};'; \
	  echo 'const size_t web_app_css_len = sizeof(web_app_css);'; \
	  echo 'const unsigned char web_app_js[] = {'; xxd -i < src/web/app.js; echo '};'; \
	  echo 'const size_t web_app_js_len = sizeof(web_app_js);'; \
	} > $@.tmp && mv $@.tmp $@

# So is the country register: codes and ITU regions are cirt's own, member
# states' names come from iso-codes; a bad row or region stops the build.
ISO_3166 = /usr/share/iso-codes/json/iso_3166-1.json
$(O)/gen/countries.c: questionnaires/countries.csv src/gen_countries.py
	@mkdir -p $(@D)
	$(say) GEN $@
	$(Q)python3 src/gen_countries.py questionnaires/countries.csv $(ISO_3166) > $@.tmp && mv $@.tmp $@

$(O)/gen/%.o: $(O)/gen/%.c $(O)/.flags
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/tests/%: tests/unit/%.c $(LIB_OBJ) $(O)/.flags
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJ) \
		$(CMOCKA_LIBS) $(LIBS) $(DOCX_LIBS)

# Tools the end-to-end tests use (never installed).
$(O)/tools/%: tests/tools/%.c $(LIB_OBJ) $(O)/.flags
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

# libFuzzer targets, built with clang into build/fuzz.
FUZZ_TARGETS = questionnaire condition csv bundle answer database model html
FUZZ_SECONDS ?= 60

$(O)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_OBJ) $(O)/.flags
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(LIB_OBJ) $(LIBS)

fuzz-build:
	@$(MAKE) --no-print-directory O=build/fuzz CC=clang FUZZ=1 \
		$(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

# Fuzz each target for FUZZ_SECONDS (60 by default), starting from the seed
# corpus; new inputs go to build/fuzz/work-TARGET, never into the sources.
fuzz: deps fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz/work-$$t; \
		echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
		build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-print_final_stats=1 build/fuzz/work-$$t tests/fuzz/corpus/$$t || exit 1; \
	done

# Rebuild everything when the flags change (e.g. WERROR, SANITIZE, CC).
$(O)/.flags: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(LIBS)' | cmp -s - $@ \
		|| echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(LIBS)' > $@

# Build with warnings as errors and run every test, without `deps`.
check:
	@$(MAKE) --no-print-directory WERROR=1 $(BIN) $(UNIT_BIN) $(TOOL_BIN)
	@CIRT="$(abspath $(BIN))" UNIT_DIR="$(abspath $(O)/tests)" CIRT_TOOLS="$(abspath $(O)/tools)" \
		STATIC_CHECKS="$(STATIC_CHECKS)" sh tests/run.sh

test: deps
	@$(MAKE) --no-print-directory check STATIC_CHECKS=1

# The end-to-end tests with every cirt run under Valgrind's memcheck (slow;
# the timing-bound fault suites are left to make test and make asan).
valgrind: deps
	@$(MAKE) --no-print-directory O=build/valgrind build/valgrind/cirt build/valgrind/tools/bundle-sign \
		build/valgrind/tools/docx-sample
	@mkdir -p build/valgrind
	@printf '#!/bin/sh\nexec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --track-fds=no "%s" "$$@"\n' \
		"$(abspath build/valgrind/cirt)" >build/valgrind/cirt-memcheck
	@chmod +x build/valgrind/cirt-memcheck
	@CIRT="$(abspath build/valgrind/cirt-memcheck)" UNIT_DIR=/nonexistent \
		CIRT_TOOLS="$(abspath build/valgrind/tools)" \
		CIRT_BINARY="$(abspath build/valgrind/cirt)" \
		SKIP_SUITES="cli/faults cli/session-faults cli/make" sh tests/run.sh

# Speed and size against the budget in docs/PERFORMANCE.md (not in make test).
bench: deps
	@$(MAKE) --no-print-directory $(BIN) $(O)/tools/bundle-sign
	@python3 tests/bench/bench.py

asan: deps
	@$(MAKE) --no-print-directory check O=build/asan SANITIZE=1 STATIC_CHECKS=0

# What a new user runs first: sample assessments of the fictional countries
# (ISO user-assigned codes XA to XF) over two cycles in demo/demo.db (some
# final, so that the reports have means to compare with, some drafts), their
# reports and a comparison, all in demo/ (DEMO_DIR), a folder make demo
# owns: it marks it as its own and remakes what it made there, and refuses
# a folder that holds anything else, so it never overwrites a user's file.
# The 2026 assessments also carry the team's meetings (CC-YEAR.session, a
# piped interview whose answers name their meeting; the CSV then adds the
# rest) and its summary and findings (CC-YEAR.findings/PILLAR.txt).
DEMO_Q = questionnaires/cirt-readiness.xml
DEMO_DIR ?= demo
DEMO_MARK = .made-by-make-demo
DEMO_CIRT = $(if $(filter /%,$(BIN)),$(BIN),./$(BIN))
# Each region's fictional country also gets its 2026 report in the
# region's language: the six official languages of the ITU in all.
DEMO_LANGS = XA:fr XB:es XC:ar XD:zh XE:ru
DEMO_FILES = $(DEMO_MARK) demo.db demo.db-wal demo.db-shm demo.db-journal comparison.pdf \
	$(notdir $(patsubst %.csv,%.pdf,$(wildcard tests/fixtures/demo/*.csv))) \
	$(foreach a,$(DEMO_LANGS),$(word 1,$(subst :, ,$(a)))-2026.$(word 2,$(subst :, ,$(a))).pdf)
demo: all
	@d='$(DEMO_DIR)'; \
	if [ -e "$$d" ] && [ ! -d "$$d" ]; then \
		echo "make demo: '$$d' is not a folder; move it away, or name another with DEMO_DIR=" >&2; \
		exit 1; \
	fi; \
	others=""; \
	for f in "$$d"/* "$$d"/.[!.]* "$$d"/..?*; do \
		[ -e "$$f" ] || [ -L "$$f" ] || continue; \
		n=$${f##*/}; \
		if [ -f "$$d/$(DEMO_MARK)" ]; then \
			case " $(DEMO_FILES) " in *" $$n "*) continue ;; esac; \
		fi; \
		others="$$others '$$n'"; \
	done; \
	if [ -n "$$others" ]; then \
		echo "make demo: '$$d' holds files make demo did not make:$$others;" >&2; \
		echo "  make demo writes only into a folder of its own: move them away, or name" >&2; \
		echo "  another folder with DEMO_DIR=" >&2; \
		exit 1; \
	fi; \
	mkdir -p "$$d" && \
	for n in $(DEMO_FILES); do rm -f "$$d/$$n" || exit 1; done && \
	echo "This folder is made by make demo, which remakes what it made here and" >"$$d/$(DEMO_MARK)" && \
	echo "refuses to run while it holds anything else." >>"$$d/$(DEMO_MARK)"
	@for f in tests/fixtures/demo/*.session; do \
		[ -f "$$f" ] || continue; \
		b=$$(basename $$f .session); \
		CIRT_ASSESSOR="cirt demo" $(DEMO_CIRT) run --yes --country $${b%-*} --cycle $${b#*-} \
			--db $(DEMO_DIR)/demo.db --questionnaire $(DEMO_Q) <$$f >/dev/null || exit 1; \
	done
	@for f in tests/fixtures/demo/*.csv; do \
		b=$$(basename $$f .csv); \
		CIRT_ASSESSOR="cirt demo" $(DEMO_CIRT) import --yes $$f --country $${b%-*} --cycle $${b#*-} \
			--db $(DEMO_DIR)/demo.db --questionnaire $(DEMO_Q) >/dev/null || exit 1; \
	done
	@for d in tests/fixtures/demo/*.findings; do \
		[ -d "$$d" ] || continue; \
		b=$$(basename $$d .findings); \
		for f in $$d/*.txt; do \
			k=$$(basename $$f .txt); \
			case $$k in summary) p= ;; *) p="--pillar $$k" ;; esac; \
			CIRT_ASSESSOR="cirt demo" $(DEMO_CIRT) findings --country $${b%-*} --cycle $${b#*-} \
				$$p --file $$f --db $(DEMO_DIR)/demo.db --questionnaire $(DEMO_Q) >/dev/null || exit 1; \
		done; \
	done
	@for a in XA-2025 XB-2025 XC-2025 XE-2025 XB-2026 XD-2026 XF-2026; do \
		$(DEMO_CIRT) finalize --country $${a%-*} --cycle $${a#*-} --db $(DEMO_DIR)/demo.db \
			--questionnaire $(DEMO_Q) >/dev/null || exit 1; \
	done
	@$(DEMO_CIRT) assessments --db $(DEMO_DIR)/demo.db --questionnaire $(DEMO_Q)
	@echo
	@$(DEMO_CIRT) report --all --db $(DEMO_DIR)/demo.db --questionnaire $(DEMO_Q) -o $(DEMO_DIR)
	@for a in $(DEMO_LANGS); do \
		c=$${a%:*}; l=$${a#*:}; \
		$(DEMO_CIRT) report --country $$c --cycle 2026 --lang $$l --db $(DEMO_DIR)/demo.db \
			--questionnaire $(DEMO_Q) -o $(DEMO_DIR)/$$c-2026.$$l.pdf || exit 1; \
	done
	@$(DEMO_CIRT) compare --db $(DEMO_DIR)/demo.db --questionnaire $(DEMO_Q) --sensitivity \
		-o $(DEMO_DIR)/comparison.pdf
	@echo
	@echo "Sample data for fictional countries: $(DEMO_DIR)/demo.db, the country reports and"
	@echo "$(DEMO_DIR)/comparison.pdf above (make demo remakes them; keep your own files"
	@echo "elsewhere). Start a real assessment with, for example:"
	@echo "  $(DEMO_CIRT) run --country KE --assessor \"Your Name\""

# The summary page of a sample report, as the picture in the README.
report-png: all
	@rm -rf $(O)/report-png && mkdir -p $(O)/report-png docs
	@./$(BIN) import tests/fixtures/readiness-answers-sample.csv --country XB \
		--db $(O)/report-png/sample.db --questionnaire questionnaires/cirt-readiness.xml >/dev/null
	@SOURCE_DATE_EPOCH=1767225600 ./$(BIN) report --country XB --db $(O)/report-png/sample.db \
		--questionnaire questionnaires/cirt-readiness.xml -o $(O)/report-png/XB.pdf >/dev/null
	@pdftoppm -r 60 -png -f 2 -l 2 -singlefile $(O)/report-png/XB.pdf docs/report-summary \
		2>/dev/null
	@echo docs/report-summary.png

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/questionnaires $(DESTDIR)$(MANDIR)/man1
	install -m 0644 cirt.1 $(DESTDIR)$(MANDIR)/man1/cirt.1
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/cirt
	for f in $(MO); do l=$${f#$(O)/locale/}; l=$${l%%/*}; \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 0644 $$f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/cirt.mo; done
	install -m 0644 questionnaires/*.xml questionnaires/questionnaire.xsd \
		questionnaires/countries.csv questionnaires/FORMAT.md \
		$(DESTDIR)$(DATADIR)/questionnaires/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cirt $(DESTDIR)$(MANDIR)/man1/cirt.1 \
		$(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/cirt.mo
	rm -rf $(DESTDIR)$(DATADIR)

unit-tests: $(UNIT_BIN)

lint: lint-cppcheck lint-clang-tidy

# The checks and why some are left out: .clang-tidy.
lint-clang-tidy:
	clang-tidy --quiet $(LIB_SRC) $(CMD_SRC) -- -std=c11 -D_DEFAULT_SOURCE -Isrc \
		$(PC_CFLAGS) -DCIRT_VERSION='"$(VERSION)"' -DCIRT_DATADIR='"$(DATADIR)"' \
		-DCIRT_LOCALEDIR='"$(LOCALEDIR)"'

lint-cppcheck:
	cppcheck --quiet --error-exitcode=1 --enable=warning,style,performance,portability \
		--std=c11 --inline-suppr --suppress=missingIncludeSystem \
		-D__GNUC__ -Isrc src tests/unit

format:
	clang-format -i src/*.c src/*.h tests/unit/*.c

format-check:
	clang-format --dry-run --Werror src/*.c src/*.h tests/unit/*.c

clean:
	rm -rf build cirt

-include $(wildcard $(O)/*.d $(O)/gen/*.d $(O)/tests/*.d)

# Screenshots of cirt serve for the documentation, docs/screenshots/web-*.png:
# a sample database made from make demo's fixtures (no reports), served and
# shown at 1280x800 in a headless Chromium, in English and in Arabic (left
# out, saying so, while cirt's Arabic is incomplete).
.PHONY: screenshots
screenshots: all
	@CIRT="$(abspath $(BIN))" ROOT="$(CURDIR)" /usr/bin/python3 tests/web/screenshots.py
