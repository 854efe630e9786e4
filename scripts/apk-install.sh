#!/usr/bin/env bash
# Installs APKs (or split-APK directories) on one, several or all running emulators.
set -euo pipefail
# shellcheck source=scripts/android-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/android-lib.sh"

usage() {
  cat <<'EOF'
usage: scripts/apk-install.sh (--serial S … | --all) <app.apk | split-apk-dir> …

Installs each APK on each device (adb install -r: keeps data when replacing). A directory is a
split APK set and goes in with adb install-multiple. Runtime permissions are NOT granted (-g is
not used): permission prompts are part of what a crawl records.

  --serial <S>   a device (repeat for several), e.g. emulator-5554
  --all          every running emulator
  -h, --help     this help
EOF
}

serials=()
all=0
apks=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --serial) need_value "$@"; serials+=("$2"); shift 2 ;;
    --all) all=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option: $1 (see --help)" ;;
    *) apks+=("$1"); shift ;;
  esac
done

[[ ${#apks[@]} -gt 0 ]] || die "no APK given (see --help)"
require_tool ADB adb
if (( all )); then
  mapfile -t serials < <(running_emulators)
fi
[[ ${#serials[@]} -gt 0 ]] || die "no device: give --serial S or --all"

for apk in "${apks[@]}"; do
  [[ -e "$apk" ]] || die "$apk: no such file or directory"
done

failed=0
for serial in "${serials[@]}"; do
  for apk in "${apks[@]}"; do
    if [[ -d "$apk" ]]; then
      parts=()
      while IFS= read -r -d '' f; do parts+=("$f"); done < <(find "$apk" -maxdepth 1 -name '*.apk' -print0 | sort -z)
      [[ ${#parts[@]} -gt 0 ]] || die "$apk: no .apk files in the directory"
      log "$serial: install-multiple ${#parts[@]} splits from $apk"
      "$ADB" -s "$serial" install-multiple -r "${parts[@]}" || { log "$serial: FAILED $apk"; failed=1; }
    else
      log "$serial: install $apk"
      "$ADB" -s "$serial" install -r "$apk" || { log "$serial: FAILED $apk"; failed=1; }
    fi
  done
done
exit "$failed"
