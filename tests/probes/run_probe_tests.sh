#!/usr/bin/env bash
# Runs the [netns] probe tests of tekigo_collector_tests against real servers, all inside a
# fresh network namespace of their own, on loopback addresses only: no packet can leave it.
#
#   tests/probes/run_probe_tests.sh build/tests/tekigo_collector_tests
#
# The namespace holds (addresses are 127.0.0.x on its own `lo`):
#   dnsmasq  127.0.0.1:5353   sec.ccr.ncc.go.jp → 127.0.0.10, dropped.tekigo.test → 127.0.0.20,
#                             alias2.tekigo.test → alias.tekigo.test → target.tekigo.test (CNAMEs)
#                             → 127.0.0.12 and ::1; other names under tekigo.test: NXDOMAIN;
#                             names elsewhere: REFUSED (no upstream)
#   dnsmasq  127.0.0.53:53    the same data, for the resolv.conf test (which lists the dead
#                             127.0.0.54 first)
#   hosts file                mio.ccr.ncc.go.jp → 127.0.0.11 (nothing listens there), v6.tekigo.test → ::1
#   openssl s_server          TLS on TCP 127.0.0.10:443, DTLS 1.2 (-listen: HelloVerifyRequest) on UDP 127.0.0.10:443
#   charon (strongSwan)       IKEv2 on UDP 500/4500 (all addresses); one connection for local
#                             127.0.0.10 with proposal aes256gcm16-prfsha256-x25519 (what the probe
#                             offers): a full IKE_SA_INIT response there, NO_PROPOSAL_CHOSEN elsewhere
#   nftables                  drops UDP 4500 and 7000 and TCP 443 to 127.0.0.20 (filtered)
#   connect_proxy.py          HTTP proxy on 127.0.0.1:3128 answering CONNECT only for
#                             proxy-only.tekigo.test:443 (403 for anything else)
# The test reads the paths and endpoints from TEKIGO_PROBE_* variables; without them the
# [netns] tests skip, so a plain unit run needs no root.
#
# Exit 77 (ctest SKIP_RETURN_CODE) when not root or when network namespaces are unavailable
# (`ip netns add` fails, or `ip netns exec` cannot enter the namespace, as in a chroot whose /
# is not a mount point).
# A missing server program is a skip on a developer machine and a failure in CI (CI=true),
# where scripts/install-deps.sh installs them. Set TEKIGO_PROBE_PCAP=file.pcap to record the
# namespace's loopback traffic with tcpdump (how the byte-exact test inputs were captured).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"  # dnsmasq, nft and ip live there

tests_bin=${1:?usage: run_probe_tests.sh PATH/TO/tekigo_collector_tests [catch2 args]}
shift
here=$(cd "$(dirname "$0")" && pwd)

skip() {
  echo "run_probe_tests: SKIP: $*" >&2
  exit 77
}
missing_tool() {
  if [ "${CI:-}" = "true" ]; then
    echo "run_probe_tests: FAIL: $* (scripts/install-deps.sh test installs it)" >&2
    exit 1
  fi
  skip "$* (run scripts/install-deps.sh test)"
}

[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces, nftables and charon"
command -v ip >/dev/null 2>&1 || skip "ip (iproute2) is not installed"
[ -x "$tests_bin" ] || { echo "run_probe_tests: no test binary at $tests_bin" >&2; exit 1; }

charon=""
for c in /usr/lib/ipsec/charon /usr/libexec/ipsec/charon /usr/lib/strongswan/charon; do
  if [ -x "$c" ]; then charon=$c; break; fi
done
[ -n "$charon" ] || missing_tool "strongSwan's charon is not installed (strongswan-charon)"
for tool in dnsmasq:dnsmasq-base openssl:openssl swanctl:strongswan-swanctl ss:iproute2 unshare:util-linux; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing_tool "${tool%%:*} is not installed (${tool#*:})"
done
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3 || true)
[ -n "$python" ] || missing_tool "python3 is not installed"
firewall=""
if command -v nft >/dev/null 2>&1; then
  firewall=nft
elif command -v iptables >/dev/null 2>&1; then
  firewall=iptables
else
  missing_tool "neither nft (nftables) nor iptables is installed"
fi

ns="tekigo-probe-$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/tekigo-probe.XXXXXX")
pids=()
ns_created=0
status=1

cleanup() {
  local rc=$?
  set +e
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for _ in $(seq 1 20); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  if [ "$ns_created" -eq 1 ]; then
    # Anything still running in the namespace was started by this script.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
    ip netns delete "$ns" 2>/dev/null
  fi
  wait 2>/dev/null
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then
    for log in "$work"/*.log; do
      [ -s "$log" ] || continue
      echo "---- $(basename "$log") (last 25 lines)" >&2
      tail -n 25 "$log" >&2
    done
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

in_ns() { ip netns exec "$ns" "$@"; }
# Servers stop by themselves after this long even if the cleanup below never runs (a hard
# kill of this script): nothing outlives a test run for long.
life=(timeout --kill-after=5 300)

# Waits up to 10 s for a check to pass.
wait_for() {
  local what=$1
  shift
  for _ in $(seq 1 100); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "run_probe_tests: $what did not come up" >&2
  return 1
}
listening() {  # listening tcp|udp ADDR:PORT
  local flag=-Hltn
  [ "$1" = udp ] && flag=-Hlun
  in_ns ss "$flag" | awk '{print $4}' | grep -qx -- "$2"
}

# Namespaces left by an earlier run that was killed hard (its PID is gone): remove them.
for old in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^tekigo-probe-[0-9]+$' || true); do
  if ! kill -0 "${old#tekigo-probe-}" 2>/dev/null; then
    for pid in $(ip netns pids "$old" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns delete "$old" 2>/dev/null || true
  fi
done

ip netns add "$ns" 2>"$work/netns.log" || skip "cannot create a network namespace: $(cat "$work/netns.log")"
ns_created=1
# Creating a namespace is not enough: `ip netns exec` also makes / a slave mount and mounts
# /sys in a mount namespace of its own, which fails where / is not a mount point (a plain
# chroot: "mount --make-rslave /: Invalid argument"). The cleanup trap deletes the namespace.
if ! ip netns exec "$ns" true 2>"$work/netns-exec.log"; then
  skip "cannot enter the network namespace (ip netns exec $ns true failed): $(tr '\n' ' ' <"$work/netns-exec.log")"
fi
in_ns ip link set lo up
for a in 10 11 12 20 53; do in_ns ip addr add "127.0.0.$a/32" dev lo; done

# ---- firewall: the dropped ports ------------------------------------------------------------
if [ "$firewall" = nft ]; then
  in_ns nft -f - <<'EOF'
table inet tekigo_probe {
  chain input {
    type filter hook input priority 0; policy accept;
    ip daddr 127.0.0.20 udp dport { 4500, 7000 } drop
    ip daddr 127.0.0.20 tcp dport 443 drop
  }
}
EOF
else
  in_ns iptables -A INPUT -d 127.0.0.20 -p udp --dport 4500 -j DROP
  in_ns iptables -A INPUT -d 127.0.0.20 -p udp --dport 7000 -j DROP
  in_ns iptables -A INPUT -d 127.0.0.20 -p tcp --dport 443 -j DROP
fi

if [ -n "${TEKIGO_PROBE_PCAP:-}" ] && command -v tcpdump >/dev/null 2>&1; then
  in_ns "${life[@]}" tcpdump -i lo -U -s 0 -w "$TEKIGO_PROBE_PCAP" >"$work/tcpdump.log" 2>&1 &
  pids+=($!)
  sleep 0.5
fi

# ---- files: hosts, resolv.conf, certificate -------------------------------------------------
cat >"$work/hosts" <<'EOF'
# tekigo probe test hosts file
127.0.0.1	localhost
127.0.0.11	mio.ccr.ncc.go.jp mio   # nothing listens on 127.0.0.11
::1	v6.tekigo.test
EOF
cat >"$work/resolv.conf" <<'EOF'
# tekigo probe test resolv.conf: the first server is dead (port unreachable)
nameserver 127.0.0.54
nameserver 127.0.0.53
options timeout:1 attempts:2
EOF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj "/CN=sec.ccr.ncc.go.jp" -addext "subjectAltName=DNS:sec.ccr.ncc.go.jp" \
  -keyout "$work/key.pem" -out "$work/cert.pem" >"$work/openssl-req.log" 2>&1

# ---- dnsmasq ----------------------------------------------------------------------------------
dns_data=(
  --address=/sec.ccr.ncc.go.jp/127.0.0.10
  --address=/dropped.tekigo.test/127.0.0.20
  --host-record=target.tekigo.test,127.0.0.12,::1
  --cname=alias.tekigo.test,target.tekigo.test
  --cname=alias2.tekigo.test,alias.tekigo.test
  --local=/tekigo.test/
)
start_dnsmasq() {  # start_dnsmasq NAME ADDRESS PORT
  in_ns "${life[@]}" dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll \
    --bind-interfaces --listen-address="$2" --port="$3" --pid-file="$work/$1.pid" \
    --user=root --group=root --log-queries --log-facility="$work/$1.log" "${dns_data[@]}" \
    >"$work/$1.out.log" 2>&1 &
  pids+=($!)
}
start_dnsmasq dnsmasq 127.0.0.1 5353
start_dnsmasq dnsmasq-53 127.0.0.53 53

# ---- TLS and DTLS servers --------------------------------------------------------------------
# s_server's standard input must stay open: at end of input the DTLS server stops answering
# new clients after the first. A FIFO that this script holds open (fd 3) never ends.
mkfifo "$work/stdin.fifo"
exec 3<>"$work/stdin.fifo"
in_ns "${life[@]}" openssl s_server -accept 127.0.0.10:443 -cert "$work/cert.pem" -key "$work/key.pem" \
  -quiet <"$work/stdin.fifo" >"$work/tls.log" 2>&1 &
pids+=($!)
# -listen: every ClientHello without a cookie gets a stateless HelloVerifyRequest.
in_ns "${life[@]}" openssl s_server -dtls1_2 -listen -accept 127.0.0.10:443 -cert "$work/cert.pem" \
  -key "$work/key.pem" -quiet <"$work/stdin.fifo" >"$work/dtls.log" 2>&1 &
pids+=($!)

# ---- charon -----------------------------------------------------------------------------------
mkdir -p "$work/swanctl"
cat >"$work/strongswan.conf" <<EOF
# Only this file configures this charon: nothing from /etc/strongswan* is included.
charon {
  load = random nonce openssl aes sha1 sha2 hmac gcm pem pkcs1 x509 pubkey kernel-netlink socket-default vici
  dos_protection = no
  install_routes = no
  install_virtual_ip = no
  port = 500
  port_nat_t = 4500
  plugins {
    vici {
      socket = unix://$work/charon.vici
    }
  }
  filelog {
    charon {
      path = $work/charon.log
      append = no
      flush_line = yes
      default = 1
      ike = 2
      net = 1
    }
  }
  syslog {
  }
}
swanctl {
  load = pem pkcs1 x509 pubkey openssl random
}
EOF
cat >"$work/swanctl/swanctl.conf" <<'EOF'
connections {
  tekigo-probe {
    version = 2
    local_addrs = 127.0.0.10
    remote_addrs = %any
    proposals = aes256gcm16-prfsha256-x25519, aes256-sha256-x25519
    local {
      auth = psk
      id = sec.ccr.ncc.go.jp
    }
    remote {
      auth = psk
    }
  }
}
secrets {
  ike-probe {
    secret = "only-for-the-probe-test-never-used"
  }
}
EOF
# charon writes /var/run/charon.pid: give it a private /run so that it neither clashes with
# nor touches a system charon.
in_ns "${life[@]}" env STRONGSWAN_CONF="$work/strongswan.conf" \
  unshare --mount sh -c 'mount -t tmpfs tekigo-run /run && exec "$0"' "$charon" \
  >"$work/charon.out.log" 2>&1 &
pids+=($!)
wait_for "charon's vici socket" test -S "$work/charon.vici"
in_ns env STRONGSWAN_CONF="$work/strongswan.conf" SWANCTL_DIR="$work/swanctl" \
  swanctl --load-all --uri "unix://$work/charon.vici" >"$work/swanctl.log" 2>&1

# ---- CONNECT proxy -----------------------------------------------------------------------------
in_ns "$python" "$here/connect_proxy.py" --listen 127.0.0.1:3128 --lifetime 120 \
  --allow proxy-only.tekigo.test:443=127.0.0.10:443 >"$work/proxy.log" 2>&1 &
pids+=($!)

wait_for "dnsmasq on 127.0.0.1:5353" listening udp 127.0.0.1:5353
wait_for "dnsmasq on 127.0.0.53:53" listening udp 127.0.0.53:53
wait_for "the TLS server" listening tcp 127.0.0.10:443
wait_for "the DTLS server" listening udp 127.0.0.10:443
wait_for "charon on UDP 500" listening udp 0.0.0.0:500
wait_for "charon on UDP 4500" listening udp 0.0.0.0:4500
wait_for "the proxy" listening tcp 127.0.0.1:3128

echo "run_probe_tests: servers up in namespace $ns; running the [netns] tests"
start=$(date +%s%N)
set +e
in_ns env \
  TEKIGO_PROBE_NETNS="$ns" \
  TEKIGO_PROBE_NAMESERVER=127.0.0.1:5353 \
  TEKIGO_PROBE_RESOLV_CONF="$work/resolv.conf" \
  TEKIGO_PROBE_HOSTS="$work/hosts" \
  TEKIGO_PROBE_PROXY=http://127.0.0.1:3128 \
  "$tests_bin" "[netns]" "$@"
status=$?
set -e
echo "run_probe_tests: tests took $(( ($(date +%s%N) - start) / 1000000 )) ms, exit $status"
exit "$status"
