#!/usr/bin/env bash
# cairn pack against a Dockerfile built with podman build, side by side in one run, with the same base
# (cairn's cached ubuntu@24.04 tar, imported into podman) and the same offline wheelhouse. Writes the
# figures to docs/performance.md (the "pack" section) and prints them.
#   cold       : nothing of the project built before (cairn: the base and build environment cached;
#                podman: the base image present, --no-cache)
#   no change  : the same command again (median of 5)
#   app edit   : after appending a comment to app.py (median of 5, an edit before each)
# Needs scripts/setup to have run.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export CONTAINERS_CONF="$repo/scripts/containers.conf"
cairn() { "$repo/artifacts/cairn/cairn" "$@"; } # as scripts/setup publishes it (Native AOT)
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc | xargs printf '%.2f'; }

wheelhouse=$(dotnet "$repo/tests/Cairn.Wheelhouse/bin/Release/net10.0/Cairn.Wheelhouse.dll" ubuntu@24.04)
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheelhouse"
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONSTRAINT

work=$(mktemp -d /tmp/cairn-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cairn" "$work/docker"
cp -r "$repo/examples/flask-hello/." "$work/cairn/"
printf 'Flask\ngevent\n' > "$work/cairn/requirements.txt"
cp "$work/cairn/app.py" "$work/cairn/requirements.txt" "$repo/bench/pack/Dockerfile" "$work/docker/"
cp -r "$wheelhouse" "$work/docker/wheels"

# The same base for podman: the tar cairn made, imported once.
base_tar=$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/cairn/bases/ubuntu-24.04-*/base.tar | head -n1)
podman image exists localhost/cairn-bench-base:noble || podman import -q "$base_tar" localhost/cairn-bench-base:noble >/dev/null

# The median of $runs timings of "$@" (seconds).
runs=5
median() { for _ in $(seq "$runs"); do t=$(now); "$@" >/dev/null; since "$t"; echo; done | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

pack() { cairn pack --project-dir "$work/cairn" --output "$work/out" 2>/dev/null; }
edit_and_pack() { echo "# edit" >> "$work/cairn/app.py"; pack; }
cairn clean --project-dir "$work/cairn" 2>/dev/null || true
t=$(now); rock=$(pack); cairn_cold=$(since "$t")
cairn_same=$(median pack)
cairn_edit=$(median edit_and_pack)

build() { podman build -q --network host -t localhost/cairn-bench-docker:latest "$@" "$work/docker" >/dev/null; }
edit_and_build() { echo "# edit" >> "$work/docker/app.py"; build; }
t=$(now); build --no-cache; docker_cold=$(since "$t")
docker_same=$(median build)
docker_edit=$(median edit_and_build)

image=localhost/cairn-bench-rock:latest
skopeo --insecure-policy copy -q "oci-archive:$rock" "containers-storage:$image"
rock_size=$(podman image inspect --format '{{.Size}}' "$image")
docker_size=$(podman image inspect --format '{{.Size}}' localhost/cairn-bench-docker:latest)
rock_file=$(stat -c %s "$rock")
podman rmi -f "$image" localhost/cairn-bench-docker:latest >/dev/null

mb() { echo "scale=1; $1 / 1000000" | bc; }
table=$(cat <<TABLE
| | cairn pack | podman build (Dockerfile) |
|---|---:|---:|
| cold (base present, project never built) | ${cairn_cold} s | ${docker_cold} s |
| no change (median of $runs) | ${cairn_same} s | ${docker_same} s |
| after an app.py edit (median of $runs) | ${cairn_edit} s | ${docker_edit} s |
| image size (podman image inspect) | $(mb "$rock_size") MB | $(mb "$docker_size") MB |
| archive size (.rock, gzip layers) | $(mb "$rock_file") MB | |
TABLE
)
echo "$table"
machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start of the write-up, $(date -u +%Y-%m-%d)"
python3 - "$repo/docs/performance.md" "$machine" "$table" <<'PY'
import sys, re
path, machine, table = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
section = f"## pack: cairn against a Dockerfile (bench/pack/run.sh)\n\nMachine: {machine}.\n\n{table}\n"
pattern = re.compile(r"## pack: cairn against a Dockerfile.*?(?=\n## |\Z)", re.S)
text = pattern.sub(section.rstrip("\n") + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
