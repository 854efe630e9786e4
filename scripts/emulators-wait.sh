#!/usr/bin/env bash
# Waits until emulators have finished booting (sys.boot_completed=1).
set -euo pipefail
# shellcheck source=scripts/android-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/android-lib.sh"

usage() {
  cat <<'EOF'
usage: scripts/emulators-wait.sh [--timeout S] [serial …]

Waits until each emulator (default: every emulator-* adb lists) is visible to adb and reports
sys.boot_completed=1; exits non-zero naming the first that does not within the timeout.

  --timeout <s>   per emulator, in seconds (default 600)
  -h, --help      this help
EOF
}

timeout_s=600
serials=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --timeout) need_value "$@"; timeout_s="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option: $1 (see --help)" ;;
    *) serials+=("$1"); shift ;;
  esac
done
is_uint "$timeout_s" || die "--timeout: expected seconds, got $timeout_s"

require_tool ADB adb
if [[ ${#serials[@]} -eq 0 ]]; then
  # Offline emulators are still booting: list every emulator serial, whatever its state.
  mapfile -t serials < <("$ADB" devices | awk '$1 ~ /^emulator-[0-9]+$/ { print $1 }')
  [[ ${#serials[@]} -gt 0 ]] || die "adb lists no emulator"
fi

for serial in "${serials[@]}"; do
  wait_booted "$serial" "$timeout_s"
  log "$serial booted"
done
