#!/usr/bin/env bash
# Starts the real-peer lab: Kamailio as registrar, presence server, RLS, XCAP server
# and MSRP relay on loopback ports, with its state in a temporary folder.
# Prints that folder on stdout (its lab.env and lab.json describe the lab).
# Exit codes: 0 started, 1 failed, 2 bad environment, 3 a lab already runs on this base port.
# See docs/lab.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for tool in kamailio kamcmd sqlite3 openssl setsid; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    lab_log "'$tool' is missing: install the packages listed in .ci/debian-packages"
    exit 2
  fi
done

mkdir -p "$LAB_STATE_ROOT"
# One lab per base port: the lock folder is created atomically and names its owner
# (this script while it starts the lab, then Kamailio through the recorded folder).
take_lock() {
  mkdir "$LAB_LOCK_DIR" 2>/dev/null && echo "$$" >"$LAB_LOCK_DIR/owner"
}
if ! take_lock; then
  old_dir="$(lab_recorded_dir)"
  owner="$(cat "$LAB_LOCK_DIR/owner" 2>/dev/null || true)"
  if lab_is_running "$old_dir"; then
    lab_log "already running in $old_dir (stop it with test/lab/stop.sh)"
    exit 3
  fi
  if { [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; } \
    || { [ -z "$owner" ] && [ -z "$(find "$LAB_LOCK_DIR" -maxdepth 0 -mmin +1 2>/dev/null)" ]; }; then
    lab_log "another lab is starting on this base port"
    exit 3
  fi
  # A lab that died without stop.sh left its lock behind: take it over.
  lab_log "removing the stale lock of a lab that is no longer running"
  rm -rf "$LAB_LOCK_DIR"
  take_lock || { lab_log "another lab took this base port"; exit 3; }
fi

created_dir=0
if [ -n "${SIPSIMPLE_LAB_DIR:-}" ]; then
  LAB_DIR="$SIPSIMPLE_LAB_DIR"
  mkdir -p "$LAB_DIR"
else
  LAB_DIR="$(mktemp -d "${TMPDIR:-/tmp}/sipsimple-lab.XXXXXX")"
  created_dir=1
fi
LAB_DIR="$(cd "$LAB_DIR" && pwd)"
echo "$created_dir" >"$LAB_DIR/created"
echo "$LAB_DIR" >"$LAB_STATE_FILE"

fail() {
  lab_log "$*"
  if [ "$created_dir" = 1 ] && [ "${SIPSIMPLE_LAB_KEEP:-0}" != 1 ]; then
    rm -rf "$LAB_DIR"
  fi
  rm -rf "$LAB_LOCK_DIR" "$LAB_STATE_FILE"
  exit 1
}

# ---- throwaway CA and server certificate (valid for example.test, localhost, 127.0.0.1, ::1)
tls_dir="$LAB_DIR/tls"
mkdir -p "$tls_dir"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
  -subj "/CN=sipsimple lab CA" -keyout "$tls_dir/ca.key" -out "$tls_dir/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  2>"$LAB_DIR/openssl.log" || fail "openssl could not make the CA; see $LAB_DIR/openssl.log"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=$LAB_DOMAIN" -keyout "$tls_dir/server.key" -out "$tls_dir/server.csr" \
  2>>"$LAB_DIR/openssl.log" || fail "openssl could not make the server key"
cat >"$tls_dir/server.ext" <<EOF
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:$LAB_DOMAIN,DNS:localhost,IP:127.0.0.1,IP:::1
EOF
openssl x509 -req -in "$tls_dir/server.csr" -CA "$tls_dir/ca.pem" -CAkey "$tls_dir/ca.key" \
  -CAcreateserial -days 30 -extfile "$tls_dir/server.ext" -out "$tls_dir/server.pem" \
  2>>"$LAB_DIR/openssl.log" || fail "openssl could not sign the server certificate"

cat >"$LAB_DIR/tls.cfg" <<EOF
[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = $tls_dir/server.key
certificate = $tls_dir/server.pem
ca_list = $tls_dir/ca.pem

[client:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
EOF

# ---- SQLite database: subscriber, presence and xcap tables, and the users
schema_dir=/usr/share/kamailio/db_sqlite
rm -f "$LAB_DIR/lab.db"
{
  cat "$schema_dir/standard-create.sql" "$schema_dir/auth_db-create.sql" "$schema_dir/presence-create.sql"
  echo "INSERT INTO subscriber (username, domain, password, ha1, ha1b) VALUES"
  echo "  ('alice', '$LAB_DOMAIN', 'alice-secret', '', ''),"
  echo "  ('bob', '$LAB_DOMAIN', 'bob-secret', '', ''),"
  echo "  ('carol', '$LAB_DOMAIN', 'carol-secret', '', '');"
  load_users="${SIPSIMPLE_LAB_LOAD_USERS:-0}"
  if [ "$load_users" -gt 0 ]; then
    echo "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $load_users)"
    echo "INSERT INTO subscriber (username, domain, password, ha1, ha1b)"
    echo "  SELECT printf('load%05d', i), '$LAB_DOMAIN', 'load-secret', '', '' FROM n;"
  fi
} | sqlite3 "$LAB_DIR/lab.db" || fail "sqlite3 could not create $LAB_DIR/lab.db"
sqlite3 "$LAB_DIR/lab.db" "PRAGMA journal_mode=WAL;" >/dev/null

# ---- db_text folder for the pua and rls tables
mkdir -p "$LAB_DIR/dbtext"
for table in version pua rls_presentity rls_watchers; do
  cp /usr/share/kamailio/dbtext/kamailio/$table "$LAB_DIR/dbtext/$table"
done

# ---- Kamailio configuration
secret="$(openssl rand -hex 16)"
sed -e "s|@@DIR@@|$LAB_DIR|g" \
  -e "s|@@DOMAIN@@|$LAB_DOMAIN|g" \
  -e "s|@@DEBUG@@|${SIPSIMPLE_LAB_DEBUG:-1}|g" \
  -e "s|@@SECRET@@|$secret|g" \
  -e "s|@@PORT_SIP@@|$LAB_PORT_SIP|g" \
  -e "s|@@PORT_TLS@@|$LAB_PORT_TLS|g" \
  -e "s|@@PORT_WS@@|$LAB_PORT_WS|g" \
  -e "s|@@PORT_WSS@@|$LAB_PORT_WSS|g" \
  -e "s|@@PORT_XCAP@@|$LAB_PORT_XCAP|g" \
  -e "s|@@PORT_MSRP@@|$LAB_PORT_MSRP|g" \
  -e "s|@@PORT_MSRPS@@|$LAB_PORT_MSRPS|g" \
  "$LAB_SCRIPTS/kamailio.cfg.in" >"$LAB_DIR/kamailio.cfg"
if ! kamailio -c -f "$LAB_DIR/kamailio.cfg" >"$LAB_DIR/config-check.log" 2>&1; then
  tail -n 25 "$LAB_DIR/config-check.log" >&2
  fail "Kamailio rejected $LAB_DIR/kamailio.cfg"
fi

# ---- descriptions of the lab for scripts (lab.env) and for test/lab/lab.ts (lab.json)
cat >"$LAB_DIR/lab.env" <<EOF
SIPSIMPLE_LAB_DIR=$LAB_DIR
SIPSIMPLE_LAB_BASE_PORT=$LAB_BASE_PORT
SIPSIMPLE_LAB_DOMAIN=$LAB_DOMAIN
SIPSIMPLE_LAB_PORT_SIP=$LAB_PORT_SIP
SIPSIMPLE_LAB_PORT_TLS=$LAB_PORT_TLS
SIPSIMPLE_LAB_PORT_WS=$LAB_PORT_WS
SIPSIMPLE_LAB_PORT_WSS=$LAB_PORT_WSS
SIPSIMPLE_LAB_PORT_XCAP=$LAB_PORT_XCAP
SIPSIMPLE_LAB_PORT_MSRP=$LAB_PORT_MSRP
SIPSIMPLE_LAB_PORT_MSRPS=$LAB_PORT_MSRPS
SIPSIMPLE_LAB_CA=$tls_dir/ca.pem
SIPSIMPLE_LAB_CTL=unix:$LAB_DIR/run/kamailio_ctl
EOF
cat >"$LAB_DIR/lab.json" <<EOF
{
  "dir": "$LAB_DIR",
  "basePort": $LAB_BASE_PORT,
  "domain": "$LAB_DOMAIN",
  "ports": {
    "sip": $LAB_PORT_SIP, "tls": $LAB_PORT_TLS, "ws": $LAB_PORT_WS, "wss": $LAB_PORT_WSS,
    "xcap": $LAB_PORT_XCAP, "msrp": $LAB_PORT_MSRP, "msrps": $LAB_PORT_MSRPS
  },
  "caFile": "$tls_dir/ca.pem",
  "ctlSocket": "unix:$LAB_DIR/run/kamailio_ctl",
  "logFile": "$LAB_DIR/kamailio.log",
  "loadUsers": ${SIPSIMPLE_LAB_LOAD_USERS:-0}
}
EOF

lab_launch_kamailio "$LAB_DIR" || fail "Kamailio did not start"
lab_log "running in $LAB_DIR (SIP udp/tcp $LAB_PORT_SIP, tls $LAB_PORT_TLS, ws $LAB_PORT_WS, wss $LAB_PORT_WSS, xcap http $LAB_PORT_XCAP, msrp $LAB_PORT_MSRP, msrps $LAB_PORT_MSRPS)"
echo "$LAB_DIR"
