# shellcheck shell=bash
# Shared helpers for the emulator fleet scripts (sourced, not run).
# Finds the Android SDK tools: $ANDROID_SDK_ROOT or $ANDROID_HOME, else ~/Android/Sdk.

shopt -s inherit_errexit

# Defaults shared by the scripts that source this file.
# shellcheck disable=SC2034
GOVAPP_PREFIX_DEFAULT=govapp
# shellcheck disable=SC2034
GOVAPP_SNAPSHOT_DEFAULT=govapp-clean

die() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

log() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
}

sdk_root() {
  printf '%s\n' "${ANDROID_SDK_ROOT:-${ANDROID_HOME:-$HOME/Android/Sdk}}"
}

# find_tool NAME: prints the path of adb, emulator, avdmanager or sdkmanager; fails when absent.
find_tool() {
  local name="$1" root candidate
  root="$(sdk_root)"
  for candidate in \
    "$root/platform-tools/$name" \
    "$root/emulator/$name" \
    "$root/cmdline-tools/latest/bin/$name" \
    "$root/tools/bin/$name"; do
    if [[ -x "$candidate" ]]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  command -v "$name"
}

# require_tool VAR NAME: sets the global VAR to the tool's path, or stops the script.
# (Call it at top level: `die` inside a command substitution would only end the subshell.)
require_tool() {
  local path
  path="$(find_tool "$2")" || die "$2 not found (Android SDK at $(sdk_root); set ANDROID_SDK_ROOT, then: sdkmanager \"platform-tools\" \"emulator\" \"cmdline-tools;latest\")"
  printf -v "$1" '%s' "$path"
}

# need_value OPTION VALUE: the option takes an argument.
need_value() {
  [[ $# -ge 2 && -n "$2" && "$2" != --* ]] || die "$1 needs a value (see --help)"
}

# is_uint VALUE
is_uint() {
  [[ "$1" =~ ^[0-9]+$ ]]
}

# The emulators adb sees, one serial per line (emulator-5554, …), online ones only.
# Needs ADB (require_tool ADB adb).
running_emulators() {
  "$ADB" devices | awk '$1 ~ /^emulator-[0-9]+$/ && $2 == "device" { print $1 }'
}

# boot_completed SERIAL: true once Android reports the boot finished.
boot_completed() {
  local v
  v="$("$ADB" -s "$1" shell getprop sys.boot_completed 2>/dev/null | tr -d '\r[:space:]')" || return 1
  [[ "$v" == "1" ]]
}

# wait_booted SERIAL TIMEOUT_SECONDS: waits for adb, then for sys.boot_completed=1.
wait_booted() {
  local serial="$1" timeout="$2" start
  start=$SECONDS
  if ! timeout "$timeout" "$ADB" -s "$serial" wait-for-device; then
    die "$serial: not visible to adb after ${timeout}s"
  fi
  until boot_completed "$serial"; do
    if (( SECONDS - start > timeout )); then
      die "$serial: sys.boot_completed not 1 after ${timeout}s"
    fi
    sleep 2
  done
}
