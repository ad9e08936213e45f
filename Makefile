# Bantin — the two commands a newcomer needs are `make site` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/bantin

.PHONY: site test build deps bench bench-serve bench-import serve clean help documents-report fuzz bench-hostile

help:
	@echo "make site   build Bantin (release) and render Content/ into Output/"
	@echo "make test   run the test suite"
	@echo "make serve  preview the site at http://127.0.0.1:8080/, rebuilding as you edit"
	@echo "make bench  run the benchmarks (slow; not part of make test)"
	@echo "make documents-report  how documents are identified on the real corpus (../shared/corpus/citing/)"
	@echo "make fuzz   run each libFuzzer target FUZZ_SECONDS seconds (default 30; Linux)"

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

clean:
	rm -rf .build Output/* .bantin-cache
