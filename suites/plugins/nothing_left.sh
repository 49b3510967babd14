#!/bin/sh
# Fails if a process whose command line starts with "$1" is still running (after fpconform exits).
for f in /proc/[0-9]*/cmdline; do
  tr '\000' ' ' < "$f" 2>/dev/null
  echo
done | grep "^$1" && { echo "still running: $1"; exit 1; }
exit 0
