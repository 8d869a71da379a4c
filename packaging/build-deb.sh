#!/usr/bin/env bash
# `make dist`: a release build of schakel with the Swift runtime linked statically, and a
# Debian package of it in dist/. What goes where and why: docs/DIST.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SCRATCH=${DIST_SCRATCH:-.build-dist}
OUT=${DIST_DIR:-dist}
version=$(packaging/version.sh)
arch=$(dpkg --print-architecture)
# Dates in the package (changelog, man page, file times) come from the last commit, so two
# builds of one commit give the same contents.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

say() { echo "dist: $*"; }
fail() { echo "dist: $*" >&2; exit 1; }

say "building schakel $version (release, static Swift runtime) in $SCRATCH"
# -z relro -z now: the whole GOT read-only after start-up (full RELRO, as Debian's hardening does).
"$SWIFT" build -c release --product schakel --static-swift-stdlib --scratch-path "$SCRATCH" \
    -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now
bin="$SCRATCH/release/schakel"
bundle="$SCRATCH/release/schakel_Core.resources/Resources"
[ -x "$bin" ] || fail "no binary at $bin"
[ -f "$bundle/strings/nl.json" ] || fail "no resource bundle at $bundle"

# The point of the static build: no Swift shared library may be needed at run time.
needed=$(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }')
if grep -E '^lib(swift|Foundation|dispatch|BlocksRuntime|icu)' <<<"$needed"; then
    fail "the binary still needs the Swift runtime's shared libraries (above)"
fi
[ "$("$bin" --version)" = "$version" ] || fail "schakel --version says '$("$bin" --version)', Version.swift says '$version'"

# --experimental-dump-help runs through generate-manual, built from the checkout of
# swift-argument-parser that the build just used (no network).
manual_tool="$SCRATCH/tools/debug/generate-manual"
if [ ! -x "$manual_tool" ]; then
    say "building generate-manual from swift-argument-parser"
    "$SWIFT" build --product generate-manual --package-path "$SCRATCH/checkouts/swift-argument-parser" \
        --scratch-path "$SCRATCH/tools"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/schakel-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debian"
root="$work/debian/schakel"

install -d "$root/usr/bin" "$root/usr/share/schakel/themes" "$root/usr/share/schakel/resources" \
    "$root/usr/share/man/man1" "$root/usr/share/doc/schakel" "$root/DEBIAN"
install -m 0755 "$bin" "$root/usr/bin/schakel"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/schakel"
install -m 0644 Themes/*.theme "$root/usr/share/schakel/themes/"
# The same files SwiftPM puts in its bundle, where an installed binary looks for them
# (ResourceFiles.installedRelativePath: ../share/schakel/resources from /usr/bin).
# (fixtures/README.md documents the fixture for developers; the program does not read it.)
cp -R "$bundle/." "$root/usr/share/schakel/resources/"
rm -f "$root/usr/share/schakel/resources/fixtures/README.md"

# Man page: the command reference generated from the English help, then the hand-written
# sections (environment, files, examples) from packaging/schakel.1.in.
# generate-manual runs the tool it is given with --experimental-dump-help; it gets a stand-in
# that prints schakel's English help without the hidden commands.
mkdir -p "$work/man"
SCHAKEL_LANG=en "$bin" --experimental-dump-help | packaging/filter-help.py > "$work/help.json"
printf '#!/bin/sh\nexec cat "%s"\n' "$work/help.json" > "$work/schakel"
chmod +x "$work/schakel"
"$manual_tool" "$work/schakel" --section 1 --date "$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)" \
    --output-directory "$work/man" >/dev/null
[ -f "$work/man/schakel.1" ] || fail "generate-manual wrote no schakel.1"
packaging/merge-man.py "$work/man/schakel.1" packaging/schakel.1.in > "$root/usr/share/man/man1/schakel.1"
gzip -9n "$root/usr/share/man/man1/schakel.1"

# Debian docs: copyright (with the license texts of what is linked in, from the sources
# built; Apache-2.0 itself is in /usr/share/common-licenses), the NOTICE files that
# Apache-2.0 asks to pass on, and the changelog of a native package.
{
    cat packaging/debian/copyright
    echo
    echo "GRDB.swift license (MIT), from the source built:"
    echo
    cat "$SCRATCH/checkouts/GRDB.swift/LICENSE"
} > "$root/usr/share/doc/schakel/copyright"
chmod 0644 "$root/usr/share/doc/schakel/copyright"
for dep in swift-crypto swift-asn1; do
    [ -f "$SCRATCH/checkouts/$dep/NOTICE.txt" ] || fail "no NOTICE.txt in $dep"
    install -m 0644 "$SCRATCH/checkouts/$dep/NOTICE.txt" "$root/usr/share/doc/schakel/NOTICE.$dep"
done
{
    echo "schakel ($version) unstable; urgency=medium"
    echo
    echo "  * Schakel $version, built from commit $commit."
    echo
    echo " -- $(sed -n 's/^Maintainer: //p' packaging/debian/control.in)  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} > "$root/usr/share/doc/schakel/changelog"
gzip -9n "$root/usr/share/doc/schakel/changelog"

# Depends: the shared libraries the binary still loads, as dpkg-shlibdeps reads them from
# the installed packages' shlibs/symbols files (libc6, libncursesw6, libsqlite3-0, ...).
printf 'Source: schakel\n\nPackage: schakel\nArchitecture: any\n' > "$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O debian/schakel/usr/bin/schakel | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || fail "dpkg-shlibdeps found no dependencies"

installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
    -e "s/@DEPENDS@/$depends/" packaging/debian/control.in > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 0755 {} +
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$OUT"
deb="$OUT/schakel_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
say "wrote $deb"
say "Depends: $depends"
if command -v lintian >/dev/null; then lintian --tag-display-limit 0 "$deb" || true; fi
