#!/usr/bin/env bash
# Creates N AVDs (govapp-0 … govapp-N-1) from one system image, for a fleet of headless emulators.
set -euo pipefail
# shellcheck source=scripts/android-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/android-lib.sh"

usage() {
  cat <<'EOF'
usage: scripts/avd-create.sh --image <sdk id> [--count N] [options]

Creates N Android Virtual Devices from one system image: <prefix>-0 … <prefix>-(N-1).
One AVD per emulator, so every emulator has its own data and snapshots.

  --image <id>        system image, e.g. "system-images;android-34;google_apis;x86_64"
  --count <n>         how many AVDs (default 4)
  --prefix <name>     AVD name prefix (default govapp)
  --device <id>       hardware profile (default pixel_6; see: avdmanager list device -c)
  --ram <MB>          guest RAM (default 2048)
  --data <MB>         data partition size (default 4096)
  --install           install the image, emulator and platform-tools with sdkmanager first
                      (accepts the SDK licenses)
  --force             replace AVDs of the same name
  -h, --help          this help

Needs the Android SDK command-line tools (ANDROID_SDK_ROOT or ANDROID_HOME).
Next: scripts/emulators-boot.sh --count N
EOF
}

image=""
count=4
prefix="$GOVAPP_PREFIX_DEFAULT"
device="pixel_6"
ram=2048
data=4096
install=0
force=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --image) need_value "$@"; image="$2"; shift 2 ;;
    --count) need_value "$@"; count="$2"; shift 2 ;;
    --prefix) need_value "$@"; prefix="$2"; shift 2 ;;
    --device) need_value "$@"; device="$2"; shift 2 ;;
    --ram) need_value "$@"; ram="$2"; shift 2 ;;
    --data) need_value "$@"; data="$2"; shift 2 ;;
    --install) install=1; shift ;;
    --force) force=(--force); shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

[[ -n "$image" ]] || die "--image is required, e.g. --image \"system-images;android-34;google_apis;x86_64\""
[[ "$image" == system-images\;* ]] || die "--image: expected system-images;android-<api>;<tag>;<abi>, got $image"
if ! is_uint "$count" || ! (( count >= 1 && count <= 64 )); then
  die "--count: expected 1..64, got $count"
fi
is_uint "$ram" || die "--ram: expected megabytes, got $ram"
is_uint "$data" || die "--data: expected megabytes, got $data"
[[ "$prefix" =~ ^[A-Za-z0-9._-]+$ ]] || die "--prefix: letters, digits, . _ - only"

root="$(sdk_root)"
if (( install )); then
  require_tool SDKMANAGER sdkmanager
  log "accepting SDK licenses and installing $image"
  yes | "$SDKMANAGER" --licenses >/dev/null || true
  "$SDKMANAGER" --install "platform-tools" "emulator" "$image"
fi

image_dir="$root/${image//;//}"
[[ -d "$image_dir" ]] || die "system image not installed: $image_dir (run with --install, or: sdkmanager \"$image\")"

require_tool AVDMANAGER avdmanager
avd_home="${ANDROID_AVD_HOME:-${ANDROID_USER_HOME:-$HOME/.android}/avd}"

# set_ini FILE KEY VALUE: replaces or appends KEY=VALUE in an AVD config.ini.
set_ini() {
  local file="$1" key="$2" value="$3"
  if grep -q "^${key}=" "$file"; then
    sed -i.bak "s|^${key}=.*|${key}=${value}|" "$file" && rm -f "$file.bak"
  else
    printf '%s=%s\n' "$key" "$value" >>"$file"
  fi
}

for ((i = 0; i < count; i++)); do
  name="$prefix-$i"
  log "creating AVD $name ($image, $device)"
  # avdmanager asks whether to create a custom hardware profile: answer no.
  echo no | "$AVDMANAGER" --silent create avd --name "$name" --package "$image" --device "$device" "${force[@]}"
  config="$avd_home/$name.avd/config.ini"
  [[ -f "$config" ]] || die "$config was not created"
  set_ini "$config" hw.ramSize "$ram"
  set_ini "$config" disk.dataPartition.size "${data}M"
  set_ini "$config" hw.keyboard yes
  set_ini "$config" hw.audioInput no
  set_ini "$config" hw.audioOutput no
done

log "created $count AVDs: $prefix-0 … $prefix-$((count - 1))"
