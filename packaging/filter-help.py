#!/usr/bin/env python3
"""Reads `schakel --experimental-dump-help` (JSON) on stdin and writes it without the
commands marked hidden (shouldDisplay false, e.g. `schakel dev`): generate-manual leaves
out hidden options but not hidden commands."""
import json
import sys


def prune(command):
    command["subcommands"] = [prune(c) for c in command.get("subcommands", []) if c.get("shouldDisplay", True)]
    return command


dump = json.load(sys.stdin)
prune(dump["command"])
json.dump(dump, sys.stdout)
