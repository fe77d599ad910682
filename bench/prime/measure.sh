#!/usr/bin/env bash
# `cairn prime` end to end, as a user runs it: the published cairn (process start-up, JIT, project load and
# expansion, the up-to-date checks, and any step that must run), on a copy of examples/flask-hello with pip
# installing from the offline wheelhouse. Prints the median (and range) of RUNS runs of:
#   start-up   : `cairn --version` (the floor: the runtime starting and cairn's entry point)
#   load       : `cairn expand-extensions` (start-up plus loading, validating and expanding the project)
#   no change  : `cairn prime` with nothing changed
#   app edit   : `cairn prime` after appending a comment to app.py
# Usage: bench/prime/measure.sh [RUNS [PUBLISH-OPTION...]]   (default 7 runs; needs scripts/setup to have run)
#   e.g. bench/prime/measure.sh 9 -r linux-x64 (Native AOT, as scripts/setup publishes cairn), or
#   bench/prime/measure.sh 9 -p:PublishAot=false (JIT), or
#   bench/prime/measure.sh 9 -p:PublishAot=false -p:PublishReadyToRun=true -r linux-x64 --self-contained false
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-7}
publish_options=("${@:2}")
publish="$repo/artifacts/prime-bench/cairn" # not scripts/setup's artifacts/cairn: the options differ per run

rm -rf "$publish" # publish keeps newer files it finds: a previous publish with other options would stay
dotnet publish "$repo/src/Cairn.Cli/Cairn.Cli.csproj" -c Release -v quiet -nologo -o "$publish" "${publish_options[@]}" >/dev/null
cairn() { "$publish/cairn" "$@"; }

wheelhouse=$(dotnet "$repo/tests/Cairn.Wheelhouse/bin/Release/net10.0/Cairn.Wheelhouse.dll" ubuntu@24.04)
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheelhouse"
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONSTRAINT PIP_TRUSTED_HOST

project=$(mktemp -d /tmp/cairn-prime-bench.XXXXXX)
trap 'cairn clean --project-dir "$project" >/dev/null 2>&1 || true; rm -rf "$project"' EXIT
cp -r "$repo/examples/flask-hello/." "$project/"

# Seconds taken by one run of the command, its output discarded (a failure stops the script).
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" >&2; exit 1; }
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

# "median (min-max)" of the numbers on stdin.
summary() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f s (%.2f-%.2f)", m, v[1], v[NR] }'; }

first=$(seconds cairn prime --project-dir "$project")
startup=$(for _ in $(seq "$runs"); do seconds cairn --version; done | summary)
load=$(for _ in $(seq "$runs"); do seconds cairn expand-extensions --project-dir "$project"; done | summary)
same=$(for _ in $(seq "$runs"); do seconds cairn prime --project-dir "$project"; done | summary)
edit=$(for i in $(seq "$runs"); do echo "# edit $i" >> "$project/app.py"; seconds cairn prime --project-dir "$project"; done | summary)

cat <<TABLE
| run (median of $runs, range) | wall time |
|---|---:|
| first \`cairn prime\` (environment and wheelhouse ready; one run) | ${first} s |
| \`cairn --version\` (start-up floor) | ${startup} |
| \`cairn expand-extensions\` (start-up, project load and expansion) | ${load} |
| \`cairn prime\`, nothing changed | ${same} |
| \`cairn prime\` after an app.py edit | ${edit} |
TABLE
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(date -u +%Y-%m-%d)"
