#!/usr/bin/env bash
# Our age writer against `age -r` on the same 1 GiB of random bytes, median of 5 runs each
# (hyperfine). Target: at least 0.8x age's throughput. Prints one Markdown table row.
# Both write to /dev/null: on this machine the disk's speed varies by ±30% between runs and
# would decide the ratio; reading the (cached) payload, encrypting and writing out remain.
set -euo pipefail
cache=${1:-.bench-cache}
bin=${2:-.build/release/schakel}
mkdir -p "$cache"
payload="$cache/age-payload-1GiB"
[ -f "$payload" ] || head -c 1073741824 /dev/urandom > "$payload"
key="$cache/age-bench.key"
[ -f "$key" ] || age-keygen -o "$key" 2>/dev/null
recipient=$(age-keygen -y "$key")
json="$cache/age-hyperfine.json"
hyperfine --runs 5 --warmup 1 --style none --export-json "$json" \
  -n schakel "$bin dev age-encrypt --to $recipient --in $payload --out - > /dev/null" \
  -n age "age -r $recipient $payload > /dev/null" >/dev/null
python3 - "$json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ours, theirs = r["schakel"]["median"], r["age"]["median"]
mib = 1024
print(f"| Encrypt 1 GiB to an X25519 recipient, output to /dev/null: our age writer / `age -r` (median of 5, hyperfine) "
      f"| {mib/ours:.0f} / {mib/theirs:.0f} MiB/s = {theirs/ours:.2f}× | ≥ 0.8× |")
PY
