#!/usr/bin/env bash
# Stops the real-peer lab on SIPSIMPLE_LAB_BASE_PORT (default 15060): ends Kamailio's
# whole process group and removes the lab's folder if start.sh created it
# (set SIPSIMPLE_LAB_KEEP=1 to keep it, e.g. to read kamailio.log).
# Stopping a lab that is not running is not an error. See docs/lab.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="$(lab_recorded_dir)"
if [ -z "$dir" ]; then
  rm -rf "$LAB_LOCK_DIR"
  lab_log "not running"
  exit 0
fi
lab_stop_kamailio "$dir"
if [ -f "$dir/created" ] && [ "$(cat "$dir/created")" = 1 ] && [ "${SIPSIMPLE_LAB_KEEP:-0}" != 1 ]; then
  rm -rf "$dir"
fi
rm -rf "$LAB_LOCK_DIR" "$LAB_STATE_FILE"
lab_log "stopped"
