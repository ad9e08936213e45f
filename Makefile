# Bantin — the two commands a newcomer needs are `make site` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/bantin

.PHONY: site test build deps bench bench-serve bench-import serve clean help documents-report fuzz bench-hostile static install dist

help:
	@echo "make site   build Bantin (release) and render Content/ into Output/"
	@echo "make test   run the test suite"
	@echo "make serve  preview the site at http://127.0.0.1:8080/, rebuilding as you edit"
	@echo "make bench  run the benchmarks (slow; not part of make test)"
	@echo "make documents-report  how documents are identified on the real corpus (../shared/corpus/citing/)"
	@echo "make fuzz   run each libFuzzer target FUZZ_SECONDS seconds (default 30; Linux)"
	@echo "make install PREFIX=/usr/local  install bantin, built to run without Swift (runtime and libcmark linked in)"
	@echo "make dist   the same binary and README as .build/dist/bantin-VERSION-linux-ARCH.tar.gz (what CI downloads)"

## deps: libcmark-dev and pkg-config, installed with apt-get when missing.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark; then \
	  exit 0; \
	fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "error: libcmark is missing and this system has no apt-get."; \
	  echo "Install cmark's development files and pkg-config yourself (Homebrew: brew install cmark pkg-config; Fedora: dnf install cmark-devel pkgconf), then run make again."; \
	  exit 1; \
	fi; \
	SUDO=""; if [ "$$(id -u)" != "0" ]; then SUDO="sudo"; fi; \
	echo "Installing libcmark-dev and pkg-config with apt-get…"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libcmark-dev pkg-config >/dev/null && \
	pkg-config --exists libcmark || { echo "error: libcmark is still not found by pkg-config after installing libcmark-dev."; exit 1; }

build: deps
	$(SWIFT) build -c release --product bantin

site: build
	$(RELEASE_BIN) build --site .
	@echo "The archive is in Output/. To look at it: python3 -m http.server -d Output 8080, then open http://localhost:8080/"

serve: build
	$(RELEASE_BIN) serve --site .

test: deps
	$(SWIFT) test

bench: build
	bash bench/run.sh

## bench-serve: the preview benchmark alone, on the generated archive of N articles (default 10000).
bench-serve: build
	@test -f bench/work/$${N:-10000}/bodies.md || python3 bench/generate.py $${N:-10000} bench/work/$${N:-10000}
	python3 bench/serve.py bench/work/$${N:-10000}/bantin

## documents-report: builds ../shared/corpus/citing/ and reports documents split over pages and unresolved references.
documents-report: build
	python3 scripts/documents-report.py $(RELEASE_BIN)

## bench-import: bantin import of the 35,373 real articles of ../shared/corpus/vn-news-2017.tar.xz (RUNS=3).
bench-import: build
	bash bench/import.sh

## fuzz: each libFuzzer target for FUZZ_SECONDS (default 30), one after the other, from the seeds in Fuzz/corpus/;
## new inputs go to .build/fuzz/corpus/, crashes to .build/fuzz/crashes/. Linux, Swift's -sanitize=fuzzer.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?= FuzzFrontMatter FuzzTemplates FuzzMarkup FuzzRecogniser FuzzImport
FUZZ_FLAGS := --build-path .build/fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld \
	-Xcc -fsanitize=fuzzer-no-link,address
fuzz: deps
	@for t in $(FUZZ_TARGETS); do $(SWIFT) build $(FUZZ_FLAGS) --product $$t || exit 1; done
	@mkdir -p .build/fuzz/crashes
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build/fuzz/corpus/$$t; \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  .build/fuzz/debug/$$t .build/fuzz/corpus/$$t Fuzz/corpus/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -artifact_prefix=.build/fuzz/crashes/$$t- -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ *DONE|Done|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" ; \
	  test $${PIPESTATUS[0]} -eq 0 || { echo "$$t found a crash: see .build/fuzz/crashes/"; exit 1; }; \
	done

## bench-hostile: adversarial inputs at 1, 2, 4 and 8 MB (see BENCHMARKS.md, "Hostile input").
bench-hostile: build
	bash bench/adversarial.sh

## static: the release binary with the Swift runtime (--static-swift-stdlib) and libcmark linked in, so it runs on a
## machine without Swift. SwiftPM puts pkg-config's `-L/usr/lib/<arch>` first, where libcmark.so wins over libcmark.a;
## a libcmark.pc of our own names a folder holding only the archive, so every -lcmark finds it. Both settings change
## how every module is compiled, so this build has its own folder: `make build` and `make install` never undo each
## other's work.
STATIC_BUILD := .build/static
STATIC_BIN := $(STATIC_BUILD)/release/bantin
STATIC_DIR := $(CURDIR)/$(STATIC_BUILD)/link
static: deps
	@libdir="$$(pkg-config --variable=libdir libcmark)"; \
	if [ ! -f "$$libdir/libcmark.a" ]; then \
	  echo "error: $$libdir/libcmark.a is missing: make install links libcmark statically; Debian's and Ubuntu's libcmark-dev ship it (apt-get install libcmark-dev)."; \
	  exit 1; \
	fi; \
	mkdir -p "$(STATIC_DIR)" && ln -sf "$$libdir/libcmark.a" "$(STATIC_DIR)/libcmark.a" && \
	printf 'Name: libcmark\nDescription: libcmark, linked statically by make install\nVersion: %s\nLibs: -L%s -lcmark\nCflags: %s\n' \
	  "$$(pkg-config --modversion libcmark)" "$(STATIC_DIR)" "$$(pkg-config --cflags libcmark)" > "$(STATIC_DIR)/libcmark.pc"
	PKG_CONFIG_PATH="$(STATIC_DIR)$${PKG_CONFIG_PATH:+:$$PKG_CONFIG_PATH}" $(SWIFT) build -c release --product bantin --static-swift-stdlib --scratch-path $(STATIC_BUILD)
	@if ldd $(STATIC_BIN) | grep -E "libswift|libFoundation|libdispatch|libBlocksRuntime|libcmark"; then \
	  echo "error: $(STATIC_BIN) still needs the shared libraries above; make install would not run without Swift."; exit 1; \
	fi

## install: bantin in $(DESTDIR)$(PREFIX)/bin, stripped (64 MB instead of 90: the symbols only name frames in a crash report).
PREFIX ?= /usr/local
install: static
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 -s $(STATIC_BIN) "$(DESTDIR)$(PREFIX)/bin/bantin"
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/bantin ($$($(STATIC_BIN) --version)); it needs: $$(readelf -d $(STATIC_BIN) | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' ')"

## dist: bantin-VERSION-linux-ARCH.tar.gz in .build/dist/ — bin/bantin and README.md in one folder, the same bytes
## for the same binary (sorted names, fixed owner and times, gzip -n). The last line printed is its path.
dist: static
	@v="$$($(STATIC_BIN) --version)"; name="bantin-$$v-linux-$$(uname -m)"; d=.build/dist; \
	rm -rf "$$d/$$name" "$$d/$$name.tar.gz" && mkdir -p "$$d/$$name/bin" && \
	install -m 755 -s $(STATIC_BIN) "$$d/$$name/bin/bantin" && install -m 644 README.md "$$d/$$name/README.md" && \
	tar -C "$$d" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - "$$name" | gzip -n > "$$d/$$name.tar.gz" && \
	rm -rf "$$d/$$name" && echo "$$d/$$name.tar.gz"

clean:
	rm -rf .build Output/* .bantin-cache
