#!/usr/bin/env bash
# make bench: builds a generated archive with Bantin, cmark (the floor) and Hugo, side by side.
#
#   N=10000 RUNS=3 bash bench/run.sh       # sizes and repeats; medians are reported
#   SKIP_HUGO=1 bash bench/run.sh          # without the Hugo reference
#   SKIP_SERVE=1 SKIP_REAL=1 SKIP_IMPORT=1 # without the preview, the real corpus (bench/real.sh) or the import
#   N=300000 RUNS=1 COLD_ONLY=1 SKIP_HUGO=1 bash bench/run.sh   # the cost curve: cmark floor and cold build only
#
# Archives are generated once into bench/work/N (ignored by git) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
RUNS=${RUNS:-3}
WORK=${WORK:-bench/work}
SITE="$WORK/$N"

source bench/common.sh
need_apt /usr/bin/time time
need_apt cmark cmark
find_hugo

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

start_trash "$WORK"
if [ "$N" -gt 20000 ]; then
  # Outputs of 100,000+ articles take tens of GB each: deleted, and those runs pay ext4's cost.
  aside() { rm -rf "$@"; }
fi

echo "== $N articles, $MB MB of Markdown bodies, $(nproc) cores, $(date -u +%Y-%m-%d)"
if [ "$(stat -c %s "$SITE/bodies.md")" -gt 900000000 ]; then
  # cmark refuses to hold more than 1 GB: past that, the floor is cmark over parts of the same text, one after
  # the other, still one process at a time on one core; split hands each part to cmark on a pipe (no copy on disk).
  SETUP="" measure "cmark floor" split -C 800M --filter='cmark > /dev/null' "$SITE/bodies.md"
else
  SETUP="" measure "cmark floor" cmark "$SITE/bodies.md"
fi
SETUP="aside $WORK/out-bantin-$N" measure "bantin cold" "$BANTIN" build --site "$SITE/bantin" --output "$WORK/out-bantin-$N" --quiet --no-cache
pages=$(find "$WORK/out-bantin-$N" -name '*.html' | wc -l)
echo "   bantin wrote $pages HTML pages; $(python3 -c "print('%.0f' % ($MB / $bantincold_wall))") MB/s of Markdown"
# The other half of the floor: creating Bantin's own output tree (the same files, folders and bytes) with cp -r,
# from a source already in the page cache, into a folder that does not exist yet.
if [ "$N" -gt 100000 ]; then
  # A copy of 20 GB of output would need that much disk again: above 100,000 articles the curve gives cmark alone.
  echo "   output copy: not run above 100,000 articles (it needs the output's size again on disk)"
else
  SETUP="aside $WORK/copy-$N" measure "output copy (cp -r)" cp -r "$WORK/out-bantin-$N" "$WORK/copy-$N"
  python3 - "$cmarkfloor_wall" "$outputcopycpr_wall" "$bantincold_wall" <<'PY'
import sys
cmark, copy, bantin = map(float, sys.argv[1:])
floor = cmark + copy
print("   floor = cmark + output copy = %.2f s; bantin cold = %.2f× the floor (target ≤ 1.5×: %s)"
      % (floor, bantin / floor, "met" if bantin <= 1.5 * floor else "not met"))
PY
fi
if [ -n "${COLD_ONLY:-}" ]; then
  python3 -c "print('   bantin / cmark floor: %.2f×; %.2f ms per article' % ($bantincold_wall / $cmarkfloor_wall, 1000 * $bantincold_wall / $N))"
  exit 0
fi
if [ -n "$HUGO" ]; then
  SETUP="aside $WORK/out-hugo-$N" measure "hugo" "$HUGO" --source "$SITE/hugo" --destination "$(abs "$WORK/out-hugo-$N")" --quiet
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
  search_index_sizes "$OUT"
  search_queries "$OUT" "chi thi 19" "cải cách hành chính" "Cần Thơ cải cách hành chính" "\"phòng, chống tham nhũng\"" "tu dien bien"
fi
if [ -z "${SKIP_SERVE:-}" ]; then
  echo "== preview: save → reload, requests per second (bench/serve.py)"
  need_apt wrk wrk
  python3 bench/serve.py "$SITE/bantin" --edits "${EDITS:-20}" --port "$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")"
fi
echo "== recogniser and cmark wrapper, one core"
.build/release/bantin-bench recogniser "$SITE/bodies.md" 5
.build/release/bantin-bench markdown "$SITE/bodies.md" 3
echo "== the real corpus against Hugo (bench/real.sh)"
if [ -n "${SKIP_REAL:-}" ]; then echo "   skipped (SKIP_REAL)"; elif [ -f ../shared/corpus/vn-news-2017.tar.xz ]; then RUNS=$RUNS bash bench/real.sh; else echo "   ../shared/corpus/vn-news-2017.tar.xz is not there: skipped"; fi
[ -n "${SKIP_IMPORT:-}" ] && exit 0
echo "== import of the real corpus (bench/import.sh)"
if [ -f ../shared/corpus/vn-news-2017.tar.xz ]; then bash bench/import.sh; else echo "   ../shared/corpus/vn-news-2017.tar.xz is not there: skipped"; fi
