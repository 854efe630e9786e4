#!/usr/bin/env bash
# Boots N headless emulators (one per AVD) on distinct ports, waits for them, writes devices.yaml.
set -euo pipefail
# shellcheck source=scripts/android-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/android-lib.sh"

usage() {
  cat <<'EOF'
usage: scripts/emulators-boot.sh [--count N] [options]

Boots <prefix>-0 … <prefix>-(N-1) headless (-no-window -no-audio -no-snapshot-save), each on its
own console port (5554, 5556, …; adb serial emulator-<port>), waits until every one has
sys.boot_completed=1, and writes a devices.yaml for `govapp batch --devices`.

  --count <n>          how many emulators (default 4)
  --prefix <name>      AVD name prefix (default govapp)
  --first-port <p>     console port of the first emulator, even, 5554..5682 (default 5554)
  --gpu <mode>         -gpu mode (default swiftshader_indirect: no host GPU needed)
  --cold               cold boot (-no-snapshot-load) instead of the quick-boot snapshot
  --timeout <s>        boot timeout per emulator in seconds (default 600)
  --log-dir <dir>      emulator logs and pid files (default ./emulator-logs)
  --devices-yaml <f>   where to write devices.yaml (default ./devices.yaml; "-" for none)
  --appium-url <URL>   appiumUrl written into devices.yaml (default http://127.0.0.1:4723)
  -h, --help           this help

Stop them with: scripts/emulators-stop.sh
EOF
}

count=4
prefix="$GOVAPP_PREFIX_DEFAULT"
first_port=5554
gpu="swiftshader_indirect"
cold=()
timeout_s=600
log_dir="./emulator-logs"
devices_yaml="./devices.yaml"
appium_url="http://127.0.0.1:4723"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) need_value "$@"; count="$2"; shift 2 ;;
    --prefix) need_value "$@"; prefix="$2"; shift 2 ;;
    --first-port) need_value "$@"; first_port="$2"; shift 2 ;;
    --gpu) need_value "$@"; gpu="$2"; shift 2 ;;
    --cold) cold=(-no-snapshot-load); shift ;;
    --timeout) need_value "$@"; timeout_s="$2"; shift 2 ;;
    --log-dir) need_value "$@"; log_dir="$2"; shift 2 ;;
    --devices-yaml) [[ $# -ge 2 ]] || die "--devices-yaml needs a value"; devices_yaml="$2"; shift 2 ;;
    --appium-url) need_value "$@"; appium_url="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

if ! is_uint "$count" || ! (( count >= 1 )); then
  die "--count: expected a positive number, got $count"
fi
if ! is_uint "$first_port" || ! (( first_port % 2 == 0 && first_port >= 5554 )); then
  die "--first-port: expected an even port ≥ 5554, got $first_port"
fi
last_port=$(( first_port + 2 * (count - 1) ))
(( last_port <= 5682 )) || die "ports $first_port..$last_port: the emulator console port must be ≤ 5682; use fewer emulators"
is_uint "$timeout_s" || die "--timeout: expected seconds, got $timeout_s"

require_tool EMULATOR emulator
require_tool ADB adb
mkdir -p "$log_dir"
"$ADB" start-server >/dev/null

known_avds="$("$EMULATOR" -list-avds)"
serials=()
for ((i = 0; i < count; i++)); do
  name="$prefix-$i"
  port=$(( first_port + 2 * i ))
  serial="emulator-$port"
  grep -qx "$name" <<<"$known_avds" || die "no AVD named $name (create them with scripts/avd-create.sh)"
  if "$ADB" devices | awk '{ print $1 }' | grep -qx "$serial"; then
    die "$serial is already running (stop it with scripts/emulators-stop.sh $serial)"
  fi
  log "booting $name as $serial"
  nohup "$EMULATOR" -avd "$name" -port "$port" \
    -no-window -no-audio -no-snapshot-save -no-boot-anim \
    -gpu "$gpu" -netdelay none -netspeed full "${cold[@]}" \
    >"$log_dir/$serial.log" 2>&1 &
  printf '%s\n' "$!" >"$log_dir/$serial.pid"
  serials+=("$serial")
done

for serial in "${serials[@]}"; do
  log "waiting for $serial to finish booting"
  wait_booted "$serial" "$timeout_s"
  # Wake and unlock the screen: crawls start from the launcher, not a lock screen.
  "$ADB" -s "$serial" shell input keyevent KEYCODE_WAKEUP >/dev/null 2>&1 || true
  "$ADB" -s "$serial" shell input keyevent 82 >/dev/null 2>&1 || true
  log "$serial booted"
done

if [[ "$devices_yaml" != "-" ]]; then
  {
    printf '# written by scripts/emulators-boot.sh; see docs/lab.md\n'
    printf 'appiumUrl: %s\n' "$appium_url"
    printf 'devices:\n'
    for ((i = 0; i < count; i++)); do
      printf '  - udid: %s\n    systemPort: %d\n    chromedriverPort: %d\n    mjpegServerPort: %d\n' \
        "${serials[$i]}" $(( 8200 + i )) $(( 9515 + i )) $(( 7810 + i ))
    done
  } >"$devices_yaml"
  log "wrote $devices_yaml"
fi
printf '%s\n' "${serials[@]}"
