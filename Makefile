# Bantin — the two commands a newcomer needs are `make site` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/bantin

.PHONY: site test build deps theme bench bench-serve bench-import serve clean help documents-report

help:
	@echo "make site   build Bantin (release) and render Content/ into Output/"
	@echo "make test   run the test suite"
	@echo "make serve  preview the site at http://127.0.0.1:8080/, rebuilding as you edit"
	@echo "make bench  run the benchmarks (slow; not part of make test)"
	@echo "make documents-report  how documents are identified on the real corpus (../shared/corpus/citing/)"

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

## theme: embeds Templates/ into the binary's default theme.
theme:
	@python3 scripts/embed-theme.py

build: deps theme
	$(SWIFT) build -c release --product bantin

site: build
	$(RELEASE_BIN) build --site .
	@echo "The archive is in Output/. To look at it: python3 -m http.server -d Output 8080, then open http://localhost:8080/"

serve: build
	$(RELEASE_BIN) serve --site .

test: deps theme
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

clean:
	rm -rf .build Output/* .bantin-cache
