#!/usr/bin/env bash
# Prints the program's version from its one source, Sources/App/Support/Version.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
v=$(sed -n 's/^ *static let current = "\([0-9][0-9A-Za-z.+~-]*\)"$/\1/p' Sources/App/Support/Version.swift)
[ -n "$v" ] || { echo "version.sh: no version in Sources/App/Support/Version.swift" >&2; exit 1; }
echo "$v"
