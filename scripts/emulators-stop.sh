#!/usr/bin/env bash
# Stops emulators through their console (adb emu kill).
set -euo pipefail
# shellcheck source=scripts/android-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/android-lib.sh"

usage() {
  cat <<'EOF'
usage: scripts/emulators-stop.sh [--all | serial …]

Stops the given emulators (default: all running ones) with adb emu kill, and waits until adb no
longer lists them. With -no-snapshot-save (scripts/emulators-boot.sh) nothing is saved on exit.

  --all          every running emulator (the default)
  --timeout <s>  how long to wait for each to go away (default 60)
  -h, --help     this help
EOF
}

serials=()
timeout_s=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --all) shift ;;
    --timeout) need_value "$@"; timeout_s="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option: $1 (see --help)" ;;
    *) serials+=("$1"); shift ;;
  esac
done
is_uint "$timeout_s" || die "--timeout: expected seconds, got $timeout_s"
require_tool ADB adb
if [[ ${#serials[@]} -eq 0 ]]; then
  mapfile -t serials < <(running_emulators)
  [[ ${#serials[@]} -gt 0 ]] || { log "no emulator running"; exit 0; }
fi

for serial in "${serials[@]}"; do
  "$ADB" -s "$serial" emu kill >/dev/null 2>&1 || log "$serial: adb emu kill failed (already gone?)"
done
for serial in "${serials[@]}"; do
  start=$SECONDS
  while "$ADB" devices | awk '{ print $1 }' | grep -qx "$serial"; do
    (( SECONDS - start < timeout_s )) || die "$serial still listed by adb after ${timeout_s}s"
    sleep 1
  done
  log "$serial stopped"
done
