#!/usr/bin/env bash
# Runs the CI files `bantin new site` writes — .github/workflows/bantin.yml and .gitlab-ci.yml — as their runners
# would, against a local tarball: BANTIN_DOWNLOAD points at it (file://, as a repository or CI/CD variable would
# point at a published one). Each job runs twice in a fresh copy of the site with no Swift in its environment, the
# cache's paths carried from the first run to the second as actions/cache and GitLab's cache do; the second build
# must read no article and write only the files of static/ (a checkout gives them new stamps).
# Usage: scripts/exercise-ci-steps.sh [bantin-VERSION-linux-ARCH.tar.gz]   (default: the tarball of make dist)
set -euo pipefail
cd "$(dirname "$0")/.."

tarball="${1:-}"
if [ -z "$tarball" ]; then tarball="$(make -s dist | tail -n 1)"; fi
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"
test -f "$tarball" || { echo "error: $tarball: no such tarball; make dist makes one" >&2; exit 1; }
python3 -c "import yaml" 2>/dev/null || { echo "error: python3's yaml module is missing (pip install pyyaml)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The site, made by the tarball's own bantin.
mkdir -p "$work/unpacked"
tar -xzf "$tarball" -C "$work/unpacked" --strip-components=1
"$work/unpacked/bin/bantin" new site "$work/site" --title "Kho tin thử" >/dev/null
# What the build copies from static/ (a .gitkeep, which holds the empty folder in git, is not published).
statics=$(find "$work/site/static" -type f ! -name .gitkeep ! -name .DS_Store | wc -l)

# Each job as a list of steps, one per line: `run<TAB>file` (a shell script written to `file`), `cache<TAB>path…`,
# `checkout`, `pages<TAB>folder`. Written by Python from the YAML, so what runs is exactly what the file says.
plan() { # $1: ci file, $2: github|gitlab, $3: folder for the step scripts
  python3 - "$@" <<'EOF'
import os, sys, yaml
path, kind, out = sys.argv[1:4]
doc = yaml.safe_load(open(path, encoding="utf-8"))
os.makedirs(out, exist_ok=True)
n = 0
def script(text):
    global n
    n += 1
    f = os.path.join(out, "step-%02d.sh" % n)
    open(f, "w", encoding="utf-8").write(text if text.endswith("\n") else text + "\n")
    print("run\t" + f)
if kind == "github":
    env = doc.get("env", {})
    assert "vars.BANTIN_DOWNLOAD" in env["BANTIN_DOWNLOAD"], "BANTIN_DOWNLOAD is not taken from the repository variable"
    job = doc["jobs"]["build"]
    assert job.get("defaults", {}).get("run", {}).get("shell") == "bash", "steps should run under bash (pipefail)"
    for step in job["steps"]:
        uses = step.get("uses", "")
        if uses.startswith("actions/checkout@"): print("checkout")
        elif uses.startswith("actions/cache@"): print("cache\t" + " ".join(step["with"]["path"].split()))
        elif uses.startswith("actions/upload-pages-artifact@"): print("pages\t" + step["with"]["path"])
        elif "run" in step: script(step["run"])
        else: raise SystemExit("a step this script does not know: %r" % step)
else:
    job = doc["pages"]
    assert "BANTIN_DOWNLOAD" in doc.get("variables", {}), "BANTIN_DOWNLOAD is not a variable"
    print("checkout")
    print("cache\t" + " ".join(job["cache"]["paths"]))
    # A GitLab job's before_script and script run in one shell, line by line, stopping at the first failure.
    script("\n".join(job["before_script"] + job["script"]))
    print("pages\t" + " ".join(job["artifacts"]["paths"]))
EOF
}

# Runs one job of the plan in a fresh copy of the site; $1 ci kind, $2 run number, $3 plan file, $4 cache store.
run_job() {
  local kind="$1" run="$2" plan="$3" store="$4"
  # The workspace is at the same path in both runs, as a runner's is (the cache is tied to the site's and output's
  # paths); the temporary folder, where Bantin is unpacked, is new.
  local root="$work/$kind-$run" ws="$work/$kind/workspace" log="$work/$kind-$run/log"
  rm -rf "$ws" && mkdir -p "$root/tmp" "$root/home"
  : >"$root/github_path"
  # The checkout: the site's files as git has them (Output/ and .bantin-cache/ are in its .gitignore), new mtimes.
  mkdir -p "$ws" && (cd "$work/site" && tar --exclude=./Output --exclude=./.bantin-cache -cf - .) | tar -xmf - -C "$ws"
  local cache_paths=""
  while IFS=$'\t' read -r what arg; do
    case "$what" in
      checkout) ;;
      cache)
        cache_paths="$arg"
        for p in $arg; do p="${p%/}"; if [ -e "$store/$p" ]; then cp -a "$store/$p" "$ws/$p"; fi; done ;;
      run)
        local extra="" script="$arg"
        while read -r line; do extra="$extra$line:"; done <"$root/github_path"
        if ! (cd "$ws" && env -i "PATH=$extra/usr/bin:/bin" "HOME=$root/home" "TMPDIR=$root/tmp" LANG=C.UTF-8 CI=true \
          "BANTIN_DOWNLOAD=file://$tarball" "RUNNER_TEMP=$root/tmp" "GITHUB_PATH=$root/github_path" "GITHUB_WORKSPACE=$ws" \
          "CI_PROJECT_DIR=$ws" bash --noprofile --norc -eo pipefail "$script") 2>&1 | tee -a "$log" | sed "s/^/  $kind $run │ /"; then
          echo "error: a $kind step failed; it was:" >&2; cat "$script" >&2; exit 1
        fi ;;
      pages)
        for p in $arg; do test -f "$ws/$p/index.html" || { echo "error: $kind publishes $p, which has no index.html" >&2; exit 1; }; done ;;
    esac
  done <"$plan"
  # The job's end: the cache's paths saved for the next run.
  rm -rf "$store" && mkdir -p "$store"
  for p in $cache_paths; do p="${p%/}"; if [ -e "$ws/$p" ]; then cp -a "$ws/$p" "$store/$p"; fi; done
  LAST_LOG="$log"
}

for kind in github gitlab; do
  file=".github/workflows/bantin.yml"; [ "$kind" = gitlab ] && file=".gitlab-ci.yml"
  plan "$work/site/$file" "$kind" "$work/$kind-steps" >"$work/$kind.plan"
  echo "== $file: $(grep -c . "$work/$kind.plan") steps, run twice"
  run_job "$kind" 1 "$work/$kind.plan" "$work/$kind-cache"
  grep -q "^Built 1 article" "$LAST_LOG" || { echo "error: the first $kind run built no article" >&2; exit 1; }
  run_job "$kind" 2 "$work/$kind.plan" "$work/$kind-cache"
  # Nothing read; written again only the files of static/, whose stamps a checkout renews (they are copied, not read).
  grep -q "0 articles read, $statics files\{0,1\} written" "$LAST_LOG" \
    || { echo; echo "error: the second $kind run did not build from the kept cache and Output/" >&2; exit 1; }
done
echo "exercise-ci-steps: both CI files ran twice against $(basename "$tarball"); the second runs read nothing and wrote only static/ again"
