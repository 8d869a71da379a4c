#!/usr/bin/env bash
# `make dist-test`: unpacks the Debian package from `make dist` into a fresh directory tree
# (no Swift toolchain, no checkout, no build directory on the way) and runs the installed
# binary from there with a minimal environment: PATH, HOME and TERM only.
# Usage: .ci/dist-test.sh [path/to/schakel_VERSION_ARCH.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(packaging/version.sh)
deb=${1:-dist/schakel_${version}_$(dpkg --print-architecture).deb}
[ -f "$deb" ] || { echo "dist-test: no package at $deb (run make dist)" >&2; exit 1; }
deb=$(readlink -f "$deb")

t=$(mktemp -d "${TMPDIR:-/tmp}/schakel-dist-test.XXXXXX")
sock="schakel-dist-test-$$"
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$t"; }
trap cleanup EXIT

checks=0
ok() { echo "ok    $*"; checks=$((checks + 1)); }
fail() { echo "FAIL  $*" >&2; exit 1; }
contains() { grep -qF -- "$2" <<<"$1"; }
# The same, with runs of spaces and line breaks read as one space (help text is wrapped).
contains_text() { contains "$(tr -s ' \n' '  ' <<<"$1")" "$(tr -s ' \n' '  ' <<<"$2")"; }

# --- the package itself ---------------------------------------------------------------
control=$(dpkg-deb --field "$deb")
field() { sed -n "s/^$1: //p" <<<"$control"; }
[ "$(field Package)" = schakel ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), Version.swift says $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture: $(field Architecture)"
depends=$(field Depends)
for p in libc6 libncursesw6 libsqlite3-0; do contains "$depends" "$p" || fail "Depends lacks $p: $depends"; done
contains "$depends" swift && fail "Depends names a Swift package: $depends"
ok "control: schakel $version $(field Architecture), Depends: $depends"

listing=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/schakel ./usr/share/schakel/themes/standaard.theme ./usr/share/schakel/themes/mono.theme \
         ./usr/share/schakel/resources/strings/nl.json ./usr/share/schakel/resources/strings/en.json \
         ./usr/share/schakel/resources/reference/regions.json ./usr/share/schakel/resources/fixtures/names.json \
         ./usr/share/man/man1/schakel.1.gz ./usr/share/doc/schakel/copyright ./usr/share/doc/schakel/changelog.gz; do
    grep -qE " $f\$" <<<"$listing" || fail "package lacks $f"
done
awk '{ print $2 }' <<<"$listing" | grep -v '^root/root$' && fail "files not owned by root/root (above)"
ok "contents: binary, themes, strings and reference data, man page, copyright, changelog; all root/root"

# --- install into a clean tree --------------------------------------------------------
root="$t/root"
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/schakel"
libs=$(ldd "$bin")
contains "$libs" "not found" && fail "missing libraries: $libs"
grep -E 'lib(swift|Foundation|dispatch|BlocksRuntime)' <<<"$libs" && fail "the Swift runtime is linked dynamically (above)"
# Every library the binary names itself comes from a package in Depends.
for lib in $(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }'); do
    # "libx.so.N => /path (addr)", or "/path/ld-linux....so.2 (addr)" for the loader.
    path=$(awk -v l="$lib" '$1 == l { print $3 } $1 ~ ("/" l "$") { print $1 }' <<<"$libs" | head -1)
    pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -n "$pkg" ] || fail "no package owns $lib ($path)"
    sed 's/ *([^)]*)//g; s/, */\n/g' <<<"$depends" | grep -qxF "$pkg" || fail "$lib comes from $pkg, which is not in Depends: $depends"
done
ok "ldd: no libswift*, nothing missing; each NEEDED library's package is in Depends"

home="$t/home" work="$t/work"
mkdir -p "$home" "$work"
# PATH has the installed bin first; no LD_LIBRARY_PATH, no LANG, no SCHAKEL_* variables.
# The working directory is outside any checkout, so no Themes/ is found by walking up.
run() { (cd "$work" && env -i PATH="$root/usr/bin:/usr/bin:/bin" HOME="$home" TERM=xterm-256color "$@"); }
[ "$(run sh -c 'command -v schakel')" = "$bin" ] || fail "PATH does not find the installed schakel"

catalog() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$root/usr/share/schakel/resources/strings/$1.json" "$2"; }
out=$(run schakel --help) || fail "schakel --help exited $?"
contains_text "$out" "$(catalog nl help.schakel.abstract)" || fail "Dutch help lacks its abstract: $out"
contains "$out" "help.schakel" && fail "help shows string keys, not strings"
ok "schakel --help: Dutch strings"
out=$(run schakel --lang en --help) || fail "schakel --lang en --help exited $?"
contains_text "$out" "$(catalog en help.schakel.abstract)" || fail "English help lacks its abstract: $out"
ok "schakel --lang en --help: English strings"
[ "$(run schakel --version)" = "$version" ] || fail "schakel --version: $(run schakel --version)"
ok "schakel --version: $version"

# The strings come from the installed tree, not from a build directory on this machine:
# a changed copy of the tree shows the change.
cp -a "$root" "$t/marked"
python3 - "$t/marked/usr/share/schakel/resources/strings/nl.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p)); d["help.schakel.abstract"] = "MARKER-installed-strings"
json.dump(d, open(p, "w"), ensure_ascii=False)
PY
out=$( (cd "$work" && env -i PATH="$t/marked/usr/bin:/usr/bin:/bin" HOME="$home" TERM=xterm-256color schakel --help) )
contains "$out" "MARKER-installed-strings" || fail "the installed binary does not read /usr/share/schakel/resources"
ok "strings are read from ../share/schakel/resources of the installed binary"

# Man page: renders, and carries both the generated reference and the hand-written part.
man_text=$(MANWIDTH=80 man -l "$root/usr/share/man/man1/schakel.1.gz" 2>"$t/man.err" | col -b)
[ ! -s "$t/man.err" ] || fail "man -l warned: $(cat "$t/man.err")"
for s in "SCHAKEL(1)" "NAME" "SYNOPSIS" "ENVIRONMENT" "SCHAKEL_STORE" "FILES" "/usr/share/schakel/themes" "demo"; do
    contains "$man_text" "$s" || fail "man page lacks '$s'"
done
warnings=$(zcat "$root/usr/share/man/man1/schakel.1.gz" | groff -mandoc -Tutf8 -ww -z 2>&1) || true
[ -z "$warnings" ] || fail "groff warnings: $warnings"
ok "man -l renders schakel(1) without warnings"

# --- commands on stores --------------------------------------------------------------
out=$(run schakel demo --store "$t/demo") || fail "schakel demo exited $?: $out"
[ -f "$t/demo/schakel.sqlite" ] || fail "schakel demo made no store: $out"
ok "schakel demo --store: $(head -1 <<<"$out")"
printf 'demo\n' > "$t/demo-pass"
out=$(run schakel check --store "$t/demo" --passphrase-file "$t/demo-pass") || fail "schakel check exited $?: $out"
ok "schakel check on the demo store"
printf 'Tien paarden in de wei 2026\n' > "$t/own-pass"
out=$(run schakel init --store "$t/own" --passphrase-file "$t/own-pass" --name "Test Coordinator" --organisation "Testorganisatie") \
    || fail "schakel init exited $?: $out"
out=$(run schakel check --store "$t/own" --passphrase-file "$t/own-pass") || fail "schakel check on a new store exited $?: $out"
ok "schakel init, then check on the new store"

# --- the full-screen interface in tmux -----------------------------------------------
if ! command -v tmux >/dev/null; then fail "tmux is not installed (make dist-test installs it)"; fi
tm() { tmux -L "$sock" "$@"; }
screen() { tm capture-pane -p -t "$1"; }
wait_for() { # session, description, text...
    local s=$1 what=$2; shift 2
    for _ in $(seq 1 150); do
        local scr all=1; scr=$(screen "$s" 2>/dev/null || true)
        for x in "$@"; do contains "$scr" "$x" || all=0; done
        [ $all = 1 ] && { printf '%s' "$scr"; return 0; }
        sleep 0.2
    done
    echo "timed out waiting for $what; the screen was:" >&2; screen "$s" >&2 || true; return 1
}
open_ui() { # session, tree
    tm -f /dev/null new-session -d -s "$1" -x 120 -y 40 -c "$work" \
        "env -i PATH='$2/usr/bin:/usr/bin:/bin' HOME='$home' TERM=tmux-256color schakel --store '$t/demo'"
    tm set-option -g remain-on-exit on >/dev/null
    wait_for "$1" "the unlock screen" "$(catalog nl unlock.passphrase)" >/dev/null
    tm send-keys -t "$1" -l demo
    tm send-keys -t "$1" Enter
    wait_for "$1" "the caseload" "$(catalog nl caseload.view.mine)" "MH-"
}
# SGR sequences in the pane that set a foreground or background colour.
colour_count() {
    tm capture-pane -p -e -t "$1" | python3 -c '
import re, sys
n = 0
for params in re.findall(r"\x1b\[([0-9;:]*)m", sys.stdin.read()):
    p = [int(x) if x.isdigit() else 0 for x in re.split("[;:]", params)]
    n += any(30 <= v <= 49 and v not in (39, 49) or 90 <= v <= 107 for v in p)
print(n)'
}
no_themes=$(catalog nl ui.noThemes)
scr=$(open_ui installed "$root") || fail "the interface did not open"
contains "$scr" "$no_themes" && fail "the installed binary found no themes: $scr"
[ "$(colour_count installed)" -gt 0 ] || fail "the caseload is drawn without colour"
tm kill-session -t installed
ok "TUI in tmux: unlocks the demo store, shows the caseload in colour, themes found"

# The same check fails when the themes are not installed (so it can fail at all).
rm -rf "$t/marked/usr/share/schakel/themes"
scr=$(open_ui nothemes "$t/marked") || fail "the interface did not open without themes"
contains "$scr" "$no_themes" || fail "without installed themes the warning '$no_themes' did not show"
[ "$(colour_count nothemes)" -eq 0 ] || fail "without themes the caseload still has colour"
tm kill-session -t nothemes
ok "without /usr/share/schakel/themes the interface says so (control)"

echo "dist-test: all $checks checks passed for $(basename "$deb")"
