#!/usr/bin/env bash
# Measures the published pebble: binary size, the shared libraries and newest glibc symbol version it needs, time
# from exec to two services started, resident memory with two services running, and CPU used while idle for 60 s. Usage: bench/pebble/measure.sh [path/to/pebble]
# (default artifacts/payload/pebble, which scripts/setup publishes). Prints one "name: value" line per figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-artifacts/payload/pebble}")
idle=${IDLE_SECONDS:-60}
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
mkdir -p "$dir/layers"
cat > "$dir/layers/001-bench.yaml" <<YAML
services:
    one:
        override: replace
        startup: enabled
        command: /bin/sh -c 'date +%s%N > $dir/one; exec sleep 1000'
    two:
        override: replace
        startup: enabled
        command: /bin/sh -c 'date +%s%N > $dir/two; exec sleep 1000'
YAML

echo "binary: $(stat -c %s "$bin") bytes ($(du -h "$bin" | cut -f1))"
echo "shared libraries: $(ldd "$bin" | awk '{print $1}' | tr '\n' ' ')"
# The newest GLIBC_x.y the binary binds a symbol to decides the oldest glibc (so base) it runs on.
echo "highest GLIBC symbol version: $(readelf -V -W "$bin" | grep -o 'GLIBC_[0-9.]*[0-9]' | sort -uV | tail -n1)"
start=$(date +%s%N)
PEBBLE=$dir "$bin" run >"$dir/out" 2>"$dir/err" &
pid=$!
while [ ! -s "$dir/one" ] || [ ! -s "$dir/two" ]; do sleep 0.005; done
last=$(( $(cat "$dir/one") > $(cat "$dir/two") ? $(cat "$dir/one") : $(cat "$dir/two") ))
echo "exec to both services running: $(( (last - start) / 1000000 )) ms"
while ! grep -q "Started default services" "$dir/err"; do sleep 0.01; done
echo "exec to autostart change done (includes upstream's 1 s okay window): $(( ($(date +%s%N) - start) / 1000000 )) ms"
sleep 1
echo "resident memory with two services: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
sleep "$idle"
after=$(ticks)
hz=$(getconf CLK_TCK)
echo "CPU while idle for ${idle} s: $(( (after - before) * 1000 / hz )) ms"
