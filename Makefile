# Bantin — the two commands a newcomer needs are `make site` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/bantin

.PHONY: site test build deps bench bench-serve serve clean help

help:
	@echo "make site   build Bantin (release) and render Content/ into Output/"
	@echo "make test   run the test suite"
	@echo "make serve  preview the site at http://127.0.0.1:8080/, rebuilding as you edit"
	@echo "make bench  run the benchmarks (slow; not part of make test)"

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

clean:
	rm -rf .build Output/* .bantin-cache
