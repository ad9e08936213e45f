#!/usr/bin/env bash
# Hostile input: the worst patterns we found for front matter, the Markup wrapper (with every reference linked, as
# a build does) and search words, at 1, 2, 4 and 8 MB, one core, release build. Prints a Markdown table: the median
# of ROUNDS runs (default 3) in CPU seconds (the machine is shared: wall time mostly measures the other builds), and
# the ratio of each size to the one before (about 2 means linear).
# The nested-emphasis row also times `cmark --smart` on the same file. A run over LIMIT seconds (default 120) is
# cut and shown as "> LIMIT".
#
#   bash bench/adversarial.sh            (or: make bench-hostile)
#   SIZES="1 2" ROUNDS=1 bash bench/adversarial.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1 2 4 8"}
ROUNDS=${ROUNDS:-3}
LIMIT=${LIMIT:-120}
WORK=bench/work/adversarial
swift build -c release --product bantin-bench >/dev/null
BENCH=.build/release/bantin-bench
bytes=()
for s in $SIZES; do bytes+=($((s * 1048576))); done
python3 bench/adversarial.py "$WORK" "${bytes[@]}"

mode_of() {
  case $1 in fm-*) echo frontmatter ;; md-*) echo linked ;; search-*) echo search ;; esac
}

# cmark --smart on one file: median of ROUNDS, CPU seconds (user + system) as for bantin-bench.
cmark_time() {
  python3 - "$1" "$ROUNDS" <<'PY'
import resource, subprocess, sys
times = []
for _ in range(int(sys.argv[2])):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["cmark", "--smart", sys.argv[1]], stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print("%.3f" % sorted(times)[len(times) // 2])
PY
}

header="| pattern | outcome |"
rule="|---|---|"
for s in $SIZES; do header+=" $s MB |"; rule+="---:|"; done
header+=" doublings |"
rule+="---|"
echo "$header"
echo "$rule"
patterns=$(python3 -c "import sys; sys.path.insert(0, 'bench'); import adversarial; print(' '.join(adversarial.PATTERNS))")
for p in $patterns; do
  row="| \`$p\` |"
  cells=""
  ratios=""
  prev=""
  outcome=""
  for b in "${bytes[@]}"; do
    if out=$(timeout "$LIMIT" "$BENCH" "$(mode_of "$p")" "$WORK/$p-$b.md" "$ROUNDS" 2>&1); then
      t=${out%% *}
      outcome=${out#* }
      cells+=" $t |"
      if [ -n "$prev" ]; then ratios+=$(python3 -c "print('%.1f× ' % ($t / max($prev, 0.0005)))"); fi
      prev=$t
    else
      cells+=" > $LIMIT |"
      prev=""
    fi
  done
  echo "$row ${outcome} |$cells ${ratios}|"
  if [ "$p" = md-nested-emphasis ] && command -v cmark >/dev/null; then
    row="| \`$p\`, the wrapper without the recogniser | |"
    for b in "${bytes[@]}"; do
      out=$(BENCH_NO_RECOGNISER=1 timeout "$LIMIT" "$BENCH" linked "$WORK/$p-$b.md" "$ROUNDS" 2>&1) && row+=" ${out%% *} |" || row+=" > $LIMIT |"
    done
    echo "$row |"
    row="| \`$p\`, \`cmark --smart\` alone | |"
    for b in "${bytes[@]}"; do row+=" $(cmark_time "$WORK/$p-$b.md") |"; done
    echo "$row |"
  fi
done
