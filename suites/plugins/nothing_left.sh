#!/bin/sh
# Fails if a process whose command line starts with "$1" is still running (after fpconform
# exited); with --kill, kills what it finds too (on a target where such a process escapes).
found=
for f in /proc/[0-9]*/cmdline; do
  line=$(tr '\000' ' ' < "$f" 2>/dev/null)
  case "$line" in
    "$1"*) pid=${f#/proc/}; found="$found ${pid%/cmdline}" ;;
  esac
done
[ -z "$found" ] && exit 0
echo "still running:$found ($1)"
[ "$2" = "--kill" ] && kill -9 $found
exit 1
