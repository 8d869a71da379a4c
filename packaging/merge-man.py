#!/usr/bin/env python3
"""Prints the man page generate-manual made (mdoc) with the hand-written sections of
packaging/schakel.1.in in place of its generated EXIT STATUS section (the hand-written
part brings its own), or before SEE ALSO / AUTHORS, or at the end."""
import re
import sys

generated, extra = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
lines = generated.splitlines()


def section(line):
    m = re.match(r'^\.Sh\s+"?([^"]*)"?\s*$', line)
    return m.group(1) if m else None


start = next((i for i, l in enumerate(lines) if section(l) == "EXIT STATUS"), None)
if start is not None:
    end = next((i for i in range(start + 1, len(lines)) if section(lines[i]) is not None), len(lines))
else:
    start = end = next((i for i, l in enumerate(lines) if section(l) in ("SEE ALSO", "AUTHORS")), len(lines))

# Value lists such as `signaal|aanmelding|...|afgesloten` are one word to troff, wider
# than an 80-column page: allow a line break after each `|` (\: breaks without a hyphen).
head = [re.sub(r"\|", r"|\\:", l) if l.startswith(".It ") and " Ar " in l else l for l in lines[:start]]
sys.stdout.write("\n".join(head + extra.rstrip("\n").splitlines() + lines[end:]) + "\n")
