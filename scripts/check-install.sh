#!/usr/bin/env bash
# make install into a prefix (a temporary one, or $1, kept for the caller), then the installed binary used as on a
# machine without Swift: nothing of Swift's or cmark's among the shared libraries it loads, and a new site started,
# built, checked and previewed with an environment that holds no Swift (env -i, PATH=/usr/bin:/bin).
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
prefix="${1:-$work/prefix}"

make install PREFIX="$prefix"
bin="$prefix/bin/bantin"

echo "== shared libraries of $bin"
ldd "$bin"
if ldd "$bin" | grep -E "libswift|libFoundation|libdispatch|libBlocksRuntime|libcmark|not found"; then
  echo "error: the installed binary still needs the libraries above" >&2
  exit 1
fi

# No Swift anywhere the binary could look: a bare environment, and no swift on its PATH.
bare=(env -i "PATH=$prefix/bin:/usr/bin:/bin" "HOME=$work/home" "TMPDIR=$work/tmp" LANG=C.UTF-8)
mkdir -p "$work/home" "$work/tmp"
if "${bare[@]}" sh -c 'command -v swift'; then
  echo "error: swift is on PATH=/usr/bin:/bin here; the check would prove nothing" >&2
  exit 1
fi

cd "$work"
"${bare[@]}" bantin new site x --title "Kho tin thử"
"${bare[@]}" bantin build --site x
test -f x/Output/index.html
test -f x/Output/van-ban/chi-thi-05-ct-tw-2016/index.html
"${bare[@]}" bantin check --strict --site x
(cd x && "${bare[@]}" bantin new article "Hội nghị sơ kết 6 tháng" && "${bare[@]}" bantin build --drafts)

# The preview: starts, answers one request with the home page, stops on SIGTERM.
port=$((20000 + RANDOM % 20000))
"${bare[@]}" bantin serve --site x --port "$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
page=""
for _ in $(seq 1 100); do
  page="$(curl -fsS "http://127.0.0.1:$port/" 2>/dev/null || true)"
  case "$page" in *"Kho tin thử"*) break ;; esac
  sleep 0.1
done
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
case "$page" in
  *"Kho tin thử"*) echo "bantin serve answered http://127.0.0.1:$port/ with the home page" ;;
  *) echo "error: bantin serve did not answer with the home page; its log:" >&2; cat "$work/serve.log" >&2; exit 1 ;;
esac
echo "check-install: the installed binary runs without Swift ($(du -h "$bin" | cut -f1), $("$bin" --version))"
