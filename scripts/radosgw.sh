#!/usr/bin/env bash
# A real S3 server for the tests: a single-node Ceph cluster (one monitor, one memstore OSD,
# no cephx) with radosgw on loopback. Everything lives under one folder; nothing is installed
# system-wide except by `install`.
#   scripts/radosgw.sh install        apt-get the Debian packages (radosgw ceph-mon ceph-osd)
#   scripts/radosgw.sh start DIR      start it; prints `export …` lines for the test environment
#   scripts/radosgw.sh stop DIR       stop every daemon started from DIR and remove DIR
#   scripts/radosgw.sh run CMD...     start in a temp folder, run CMD with the AWS_* variables set, stop
set -euo pipefail
cmd=${1:-}
dir=${2:-}
PORT=${RGW_PORT:-7480}
ACCESS=llmpackertest
SECRET=llmpackertestsecret0123456789

case "$cmd" in
install)
  if command -v radosgw >/dev/null && command -v ceph-mon >/dev/null && command -v ceph-osd >/dev/null; then exit 0; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends radosgw ceph-mon ceph-osd >/dev/null
  ;;
start)
  [ -n "$dir" ] || { echo "usage: $0 start DIR" >&2; exit 2; }
  mkdir -p "$dir"/{mon,osd0,rgw,run,log}
  dir=$(cd "$dir" && pwd)
  fsid=$(cat /proc/sys/kernel/random/uuid)
  conf="$dir/ceph.conf"
  cat >"$conf" <<CONF
[global]
fsid = $fsid
mon_host = v1:127.0.0.1:${MON_PORT:-6789}
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
auth_allow_insecure_global_id_reclaim = true
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
osd_crush_chooseleaf_type = 0
run_dir = $dir/run
log_file = $dir/log/\$name.log
pid_file = $dir/run/\$name.pid
admin_socket = $dir/run/\$name.asok
keyring = $dir/keyring
ms_bind_ipv4 = true
ms_bind_ipv6 = false
public_addr = 127.0.0.1
[mon]
mon_data = $dir/mon
mon_cluster_log_file = $dir/log/cluster.log
[osd]
osd_data = $dir/osd0
osd_objectstore = memstore
memstore_device_bytes = 2147483648
osd_max_object_name_len = 460
osd_max_object_namespace_len = 64
[client.rgw]
rgw_frontends = beast endpoint=127.0.0.1:$PORT
rgw_data = $dir/rgw
rgw_dns_name = localhost
CONF
  ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  monmaptool --create --add a 127.0.0.1:${MON_PORT:-6789} --fsid "$fsid" "$dir/monmap" >/dev/null
  ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/keyring"
  ceph-mon -c "$conf" -i a
  osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  ceph -c "$conf" osd create "$osd_uuid" >/dev/null
  ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid" 2>/dev/null
  ceph-osd -c "$conf" -i 0 2>/dev/null
  radosgw -c "$conf" -n client.rgw
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then break; fi
    sleep 0.5
  done
  radosgw-admin -c "$conf" user create --uid=llmpacker --display-name=llmpacker \
    --access-key="$ACCESS" --secret-key="$SECRET" >/dev/null
  echo "export AWS_ACCESS_KEY_ID=$ACCESS AWS_SECRET_ACCESS_KEY=$SECRET AWS_REGION=us-east-1 AWS_ENDPOINT_URL=http://127.0.0.1:$PORT"
  ;;
stop)
  [ -n "$dir" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
  for pidf in "$dir"/run/*.pid; do
    [ -f "$pidf" ] && kill "$(cat "$pidf")" 2>/dev/null || true
  done
  sleep 1
  for pidf in "$dir"/run/*.pid; do
    [ -f "$pidf" ] && kill -9 "$(cat "$pidf")" 2>/dev/null || true
  done
  rm -rf "$dir"
  ;;
run)
  shift
  [ $# -gt 0 ] || { echo "usage: $0 run CMD..." >&2; exit 2; }
  command -v radosgw >/dev/null || { echo "radosgw is not installed: run '$0 install' first (as root)" >&2; exit 2; }
  # A single-node cluster now and then fails its first start (an OSD reporting the wrong fsid):
  # up to three fresh tries, each in its own folder, before giving up with the last error.
  tmp=""
  trap '[ -n "$tmp" ] && bash "$0" stop "$tmp"' EXIT
  for try in 1 2 3; do
    tmp=$(mktemp -d /tmp/llmp-radosgw.XXXXXX)
    # An assignment, not `eval "$(…)"`: a server that did not start is noticed here, instead of
    # running the command without the AWS_* variables.
    if exports=$(bash "$0" start "$tmp"); then break; fi
    echo "radosgw did not start (try $try of 3)" >&2
    bash "$0" stop "$tmp"
    tmp=""
    [ "$try" -lt 3 ] || exit 1
  done
  eval "$exports"
  "$@"
  ;;
*)
  echo "usage: $0 install | start DIR | stop DIR | run CMD..." >&2; exit 2 ;;
esac
