#!/usr/bin/env bash
# cairn pack against a Dockerfile built with podman build, side by side in one run, with the same base
# (cairn's cached ubuntu@24.04 tar, imported into podman) and the same offline wheelhouse, on two projects:
#   example : examples/flask-hello with gevent in its requirements
#   larger  : the same app importing a dozen dependencies (flask, gevent, SQLAlchemy, alembic, psycopg2 and theirs),
#             with libpq5 staged (cairn) or installed (Dockerfile)
# Rows:
#   cold       : nothing of the project built before (cairn: the base and build environment cached;
#                podman: the base image present, --no-cache)
#   no change  : the same command again (median of 5)
#   app edit   : after appending a comment to app.py (median of 5, an edit before each)
#   run to "ok": from `podman run -d` to the first "ok" from 127.0.0.1:8000 (median of 3)
#   image size : podman image inspect; .rock size: the archive cairn writes (gzip layers)
# The ratio is cairn's figure over podman's. Writes the figures to docs/performance.md (the "pack" section) and
# prints them. Usage: bench/pack/run.sh [example|larger|all]. Needs scripts/setup to have run.
set -euo pipefail
shopt -s inherit_errexit # a failing pack or build inside $(...) stops the run
repo=$(cd "$(dirname "$0")/../.." && pwd)
which=${1:-all}
export CONTAINERS_CONF="$repo/scripts/containers.conf"
cairn() { "$repo/artifacts/cairn/cairn" "$@"; } # as scripts/setup publishes it (Native AOT)
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc | xargs printf '%.2f'; }
wheels() { dotnet "$repo/tests/Cairn.Wheelhouse/bin/Release/net10.0/Cairn.Wheelhouse.dll" ubuntu@24.04 "$@"; }
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONSTRAINT
export PIP_NO_INDEX=1

work=$(mktemp -d /tmp/cairn-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# The same base for podman: the tar cairn made, imported once.
base_tar=$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/cairn/bases/ubuntu-24.04-*/base.tar | head -n1)
podman image exists localhost/cairn-bench-base:noble || podman import -q "$base_tar" localhost/cairn-bench-base:noble >/dev/null

runs=5
# The median of $runs timings of "$@" (seconds).
median() { for _ in $(seq "$runs"); do t=$(now); "$@" >/dev/null; since "$t"; echo; done | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
ratio() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }
mb() { echo "scale=1; $1 / 1000000" | bc | sed 's/^\./0./'; }

# Seconds from `podman run -d` to the first "ok" on 127.0.0.1:8000, the container removed after. Port 8000 is the
# integration tests' too: take their lock.
answer() {
  local t id
  t=$(now)
  id=$(podman run -d --network host "$1")
  local answered=""
  for _ in $(seq 3000); do
    if curl -sf --max-time 1 http://127.0.0.1:8000/ 2>/dev/null | grep -q ok; then answered=1; break; fi
    sleep 0.01
  done
  [ -n "$answered" ] && since "$t"
  podman rm -f -t 0 "$id" >/dev/null
  [ -n "$answered" ] || { echo "$1 did not answer on 127.0.0.1:8000" >&2; return 1; }
}
answers() { for _ in 1 2 3; do answer "$1"; echo; done | sort -n | sed -n 2p; }

# bench PROJECT: prints one table.
bench() {
  local name=$1 src="$work/$1/cairn" dock="$work/$1/docker" wheelhouse packages=""
  mkdir -p "$src" "$dock"
  cp -r "$repo/examples/flask-hello/." "$src/"
  if [ "$name" = larger ]; then
    wheelhouse=$(wheels --with python3-sqlalchemy,python3-alembic,python3-psycopg2)
    printf 'Flask\ngevent\nSQLAlchemy\nalembic\npsycopg2\n' > "$src/requirements.txt"
    # Imported at start-up, so run-to-answer loads them.
    sed -i '1i import alembic, psycopg2, sqlalchemy  # noqa: F401' "$src/app.py"
    printf '\nparts:\n  runtime-debs:\n    plugin: nil\n    stage-packages:\n      - libpq5\n' >> "$src/rockcraft.yaml"
    packages=libpq5
  else
    wheelhouse=$(wheels)
    printf 'Flask\ngevent\n' > "$src/requirements.txt"
  fi
  export PIP_FIND_LINKS="$wheelhouse"
  cp "$src/app.py" "$src/requirements.txt" "$repo/bench/pack/Dockerfile" "$dock/"
  cp -r "$wheelhouse" "$dock/wheels"

  pack() { cairn pack --project-dir "$src" --output "$work/$name/out" 2>/dev/null; }
  edit_and_pack() { echo "# edit" >> "$src/app.py"; pack; }
  cairn clean --project-dir "$src" 2>/dev/null || true
  local t rock
  t=$(now); rock=$(pack); local cairn_cold; cairn_cold=$(since "$t")
  local cairn_same; cairn_same=$(median pack)
  local cairn_edit; cairn_edit=$(median edit_and_pack)

  local docker_image="localhost/cairn-bench-docker-$name:latest" rock_image="localhost/cairn-bench-rock-$name:latest"
  build() { podman build -q --network host --build-arg "PACKAGES=$packages" -t "$docker_image" "$@" "$dock" >/dev/null; }
  edit_and_build() { echo "# edit" >> "$dock/app.py"; build; }
  t=$(now); build --no-cache; local docker_cold; docker_cold=$(since "$t")
  local docker_same; docker_same=$(median build)
  local docker_edit; docker_edit=$(median edit_and_build)

  skopeo --insecure-policy copy -q "oci-archive:$rock" "containers-storage:$rock_image"
  local cairn_answer docker_answer
  exec 9>/tmp/cairn-integration.lock
  flock 9
  cairn_answer=$(answers "$rock_image")
  docker_answer=$(answers "$docker_image")
  flock -u 9
  local rock_size docker_size rock_file
  rock_size=$(podman image inspect --format '{{.Size}}' "$rock_image")
  docker_size=$(podman image inspect --format '{{.Size}}' "$docker_image")
  rock_file=$(stat -c %s "$rock")
  podman rmi -f "$rock_image" "$docker_image" >/dev/null

  cat <<TABLE
| $name | cairn pack | podman build (Dockerfile) | ratio |
|---|---:|---:|---:|
| cold (base present, project never built) | ${cairn_cold} s | ${docker_cold} s | $(ratio "$cairn_cold" "$docker_cold") |
| no change (median of $runs) | ${cairn_same} s | ${docker_same} s | $(ratio "$cairn_same" "$docker_same") |
| after an app.py edit (median of $runs) | ${cairn_edit} s | ${docker_edit} s | $(ratio "$cairn_edit" "$docker_edit") |
| \`podman run\` to the first "ok" (median of 3) | ${cairn_answer} s | ${docker_answer} s | $(ratio "$cairn_answer" "$docker_answer") |
| image size (podman image inspect) | $(mb "$rock_size") MB | $(mb "$docker_size") MB | $(ratio "$rock_size" "$docker_size") |
| archive size (.rock, gzip layers) | $(mb "$rock_file") MB | | |
TABLE
}

tables=""
for project in example larger; do
  [ "$which" = all ] || [ "$which" = "$project" ] || continue
  tables+="$(bench "$project")"$'\n\n'
done
echo "$tables"
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)
machine="$cpu, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average $load_before before the run, $(cut -d' ' -f1-3 /proc/loadavg) after; $(date -u +%Y-%m-%d), cairn $(git -C "$repo" rev-parse --short HEAD)"
python3 - "$repo/docs/performance.md" "$machine" "$tables" <<'PY'
import sys, re
path, machine, tables = sys.argv[1], sys.argv[2], sys.argv[3].strip()
text = open(path).read()
section = f"## pack: cairn against a Dockerfile (bench/pack/run.sh)\n\nMachine: {machine}.\n\n{tables}\n"
pattern = re.compile(r"## pack: cairn against a Dockerfile.*?(?=\n## |\Z)", re.S)
text = pattern.sub(lambda _: section.rstrip("\n") + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
