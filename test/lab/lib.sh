# Shared functions of the real-peer lab scripts (start.sh, stop.sh, restart.sh).
# Sourced, not run. See docs/lab.md.
#
# Environment:
#   SIPSIMPLE_LAB_BASE_PORT  first port of the lab's block of 7 (default 15060)
#   SIPSIMPLE_LAB_DIR        folder for the lab's state (default: a new mktemp folder)
#   SIPSIMPLE_LAB_STATE_ROOT where "<base port>.dir" records which folder a lab uses
#                            (default /tmp/sipsimple-lab)
#   SIPSIMPLE_LAB_LOAD_USERS number of extra users load00001... (default 0)
#   SIPSIMPLE_LAB_DEBUG      Kamailio debug level (default 1; 3 logs every message)

LAB_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB_BASE_PORT="${SIPSIMPLE_LAB_BASE_PORT:-15060}"
LAB_STATE_ROOT="${SIPSIMPLE_LAB_STATE_ROOT:-/tmp/sipsimple-lab}"
LAB_DOMAIN="example.test"

if ! [[ "$LAB_BASE_PORT" =~ ^[0-9]+$ ]] || [ "$LAB_BASE_PORT" -lt 1024 ] || [ "$LAB_BASE_PORT" -gt 65528 ]; then
  echo "lab: SIPSIMPLE_LAB_BASE_PORT must be a number from 1024 to 65528, not '$LAB_BASE_PORT'" >&2
  exit 2
fi

LAB_PORT_SIP=$((LAB_BASE_PORT + 0))
LAB_PORT_TLS=$((LAB_BASE_PORT + 1))
LAB_PORT_WS=$((LAB_BASE_PORT + 2))
LAB_PORT_WSS=$((LAB_BASE_PORT + 3))
LAB_PORT_XCAP=$((LAB_BASE_PORT + 4))
LAB_PORT_MSRP=$((LAB_BASE_PORT + 5))
LAB_PORT_MSRPS=$((LAB_BASE_PORT + 6))

LAB_STATE_FILE="$LAB_STATE_ROOT/$LAB_BASE_PORT.dir"
LAB_LOCK_DIR="$LAB_STATE_ROOT/$LAB_BASE_PORT.lock"

lab_log() {
  echo "lab[$LAB_BASE_PORT]: $*" >&2
}

# The folder of the lab running on LAB_BASE_PORT, or nothing.
lab_recorded_dir() {
  if [ -n "${SIPSIMPLE_LAB_DIR:-}" ] && [ -f "$SIPSIMPLE_LAB_DIR/kamailio.pid" ]; then
    echo "$SIPSIMPLE_LAB_DIR"
  elif [ -f "$LAB_STATE_FILE" ]; then
    cat "$LAB_STATE_FILE"
  fi
}

# True when the Kamailio whose pid is recorded in folder $1 is alive.
lab_is_running() {
  local dir="$1" pid
  [ -n "$dir" ] && [ -f "$dir/kamailio.pid" ] || return 1
  pid="$(cat "$dir/kamailio.pid")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# Starts Kamailio on the rendered config in folder $1, in its own process group,
# and waits until its control socket answers and the SIP TCP port accepts.
lab_launch_kamailio() {
  local dir="$1" pid i
  mkdir -p "$dir/run"
  rm -f "$dir/run/kamailio_ctl"
  # db_sqlite sets no busy timeout, so concurrent writers get "database is locked":
  # preload a wrapper that sets one (test/lab/sqlite-busy-timeout.c).
  if [ ! -f "$dir/sqlite-busy-timeout.so" ]; then
    gcc -shared -fPIC -O2 -o "$dir/sqlite-busy-timeout.so" "$LAB_SCRIPTS/sqlite-busy-timeout.c" -ldl -l:libsqlite3.so.0 \
      || { lab_log "cannot build the SQLite busy-timeout wrapper"; return 1; }
  fi
  # -DD: stay in the foreground (children are still forked); -E: log to stderr.
  # setsid gives Kamailio its own process group so that stop.sh ends all of it.
  LD_PRELOAD="$dir/sqlite-busy-timeout.so" setsid kamailio -f "$dir/kamailio.cfg" -DD -E -m 128 -M 16 -Y "$dir/run" -w "$dir" \
    -P "$dir/run/kamailio.pidfile" >>"$dir/kamailio.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/kamailio.pid"
  for i in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      lab_log "Kamailio exited during start-up; last lines of $dir/kamailio.log:"
      tail -n 25 "$dir/kamailio.log" >&2
      rm -f "$dir/kamailio.pid"
      return 1
    fi
    if [ -S "$dir/run/kamailio_ctl" ] \
      && kamcmd -s "unix:$dir/run/kamailio_ctl" core.uptime >/dev/null 2>&1 \
      && (exec 3<>"/dev/tcp/127.0.0.1/$LAB_PORT_SIP") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  lab_log "Kamailio did not become ready in 10 s; see $dir/kamailio.log"
  lab_stop_kamailio "$dir"
  return 1
}

# Ends the Kamailio process group recorded in folder $1: TERM, then KILL after 10 s.
lab_stop_kamailio() {
  local dir="$1" pid i
  [ -f "$dir/kamailio.pid" ] || return 0
  pid="$(cat "$dir/kamailio.pid")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 -- "-$pid" 2>/dev/null; then
      lab_log "Kamailio (group $pid) ignored TERM for 10 s; sending KILL"
      kill -KILL -- "-$pid" 2>/dev/null || true
      # Killed processes linger until reaped: wait (bounded) until the group is gone.
      for i in $(seq 1 50); do
        kill -0 -- "-$pid" 2>/dev/null || break
        sleep 0.1
      done
    fi
  fi
  rm -f "$dir/kamailio.pid" "$dir/run/kamailio_ctl"
}
