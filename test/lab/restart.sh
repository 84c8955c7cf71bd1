#!/usr/bin/env bash
# Restarts Kamailio of the running lab on SIPSIMPLE_LAB_BASE_PORT with the same
# folder, configuration and database: registrations (kept in memory) are lost, as
# after a real server restart, so clients must recover on their own. See docs/lab.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="$(lab_recorded_dir)"
if [ -z "$dir" ] || [ ! -f "$dir/kamailio.cfg" ]; then
  lab_log "no lab to restart (start it with test/lab/start.sh)"
  exit 1
fi
lab_stop_kamailio "$dir"
lab_launch_kamailio "$dir"
lab_log "restarted in $dir"
