#!/usr/bin/env bash
# Saves or restores a named "clean" snapshot of running emulators (reset between apps).
set -euo pipefail
# shellcheck source=scripts/android-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/android-lib.sh"

usage() {
  cat <<'EOF'
usage: scripts/emulator-snapshot.sh (save | load | list | delete) (--serial S … | --all) [--name N]

Named snapshots through the emulator console (adb emu avd snapshot …):

  save     store the current state, e.g. right after boot, APK installs and one Appium session
           (so the UiAutomator2 server is already installed) — the clean state for every app
  load     go back to it and wait until Android answers again: the reset between two apps
  list     the snapshots of each emulator
  delete   remove the snapshot

  --serial <S>    an emulator (repeat for several), e.g. emulator-5554
  --all           every running emulator
  --name <N>      snapshot name (default govapp-clean)
  --timeout <s>   how long load waits for the device (default 120)
  -h, --help      this help

Emulators booted by scripts/emulators-boot.sh use -no-snapshot-save: what a crawl changes is never
saved on exit, and named snapshots saved here stay as they are. As a per-lease reset in a batch,
put in devices.yaml:  reset: "scripts/emulator-snapshot.sh load --serial {udid}"
EOF
}

[[ $# -gt 0 ]] || { usage >&2; exit 2; }
case "$1" in
  -h | --help) usage; exit 0 ;;
  save | load | list | delete) action="$1"; shift ;;
  *) die "unknown action: $1 (expected save, load, list or delete)" ;;
esac

serials=()
all=0
name="$GOVAPP_SNAPSHOT_DEFAULT"
timeout_s=120
while [[ $# -gt 0 ]]; do
  case "$1" in
    --serial) need_value "$@"; serials+=("$2"); shift 2 ;;
    --all) all=1; shift ;;
    --name) need_value "$@"; name="$2"; shift 2 ;;
    --timeout) need_value "$@"; timeout_s="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || die "--name: letters, digits, . _ - only"
is_uint "$timeout_s" || die "--timeout: expected seconds, got $timeout_s"
require_tool ADB adb
if (( all )); then
  mapfile -t serials < <(running_emulators)
fi
[[ ${#serials[@]} -gt 0 ]] || die "no emulator: give --serial S or --all"


# emu SERIAL ARGS…: one emulator console command; the console answers OK or KO: <reason>.
emu() {
  local serial="$1" out
  shift
  out="$("$ADB" -s "$serial" emu "$@" 2>&1)" || die "$serial: adb emu $* failed: $out"
  if grep -q '^KO' <<<"$out"; then
    die "$serial: adb emu $*: $(grep '^KO' <<<"$out" | head -n 1)"
  fi
  printf '%s\n' "$out"
}

for serial in "${serials[@]}"; do
  [[ "$serial" == emulator-* ]] || die "$serial: snapshots exist only on emulators"
  case "$action" in
    save)
      emu "$serial" avd snapshot save "$name" >/dev/null
      log "$serial: saved snapshot $name"
      ;;
    load)
      emu "$serial" avd snapshot load "$name" >/dev/null
      wait_booted "$serial" "$timeout_s"
      log "$serial: restored snapshot $name"
      ;;
    list)
      printf '== %s\n' "$serial"
      emu "$serial" avd snapshot list | grep -v '^OK$' || true
      ;;
    delete)
      emu "$serial" avd snapshot delete "$name" >/dev/null
      log "$serial: deleted snapshot $name"
      ;;
  esac
done
