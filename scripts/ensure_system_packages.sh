#!/usr/bin/env bash
# Installs the Debian packages that are missing. Each argument is COMMAND:PACKAGE (a
# program: installed when the command is missing) or PACKAGE alone (a library or fonts:
# installed when Debian's package database does not list it).
# Only root can install; anyone else is told what is missing and the tests that need
# it will fail with a clear message.
set -euo pipefail
missing=()
for pair in "$@"; do
  if [[ "$pair" == *:* ]]; then
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  elif ! dpkg-query -W -f='${Status}' "$pair" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$pair")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${missing[*]} (install them with apt-get as root)." >&2
  exit 0
fi
echo "Installing ${missing[*]} from Debian's packages."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
