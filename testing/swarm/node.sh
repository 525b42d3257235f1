#!/usr/bin/env bash
# One Docker Swarm test node on this machine: its own network namespace, hostname and dockerd.
#
#   node.sh up CLUSTER INDEX     create (or restart, keeping its data) node INDEX of CLUSTER
#   node.sh kill CLUSTER INDEX   hard stop, like a power cut: every process of the node killed,
#                                its mounts and network namespace gone, its data root kept
#   node.sh down CLUSTER INDEX   kill, then delete the node (and the cluster once it has no node)
#   node.sh sweep                remove clusters whose owner process is gone (tests killed with -9)
#
# Layout: CLUSTER is pt-sw-XXXXXX. All state lives in $PT_SW_ROOT/CLUSTER (default /var/lib/pt-sw):
# owner (pid and start time of the process that owns the cluster, from $PT_SW_OWNER or our parent),
# subnet (10.99.N: the cluster's private /24, bridge at .1), n<INDEX>/ (data root, exec root,
# docker.sock, dockerd.log). In the root namespace: bridge ptsw-XXXXXX holding 10.99.N.1, one veth
# ptsw-XXXXXX-<INDEX> per node, one iptables FORWARD rule (comment = CLUSTER) letting bridged
# traffic pass (docker's FORWARD policy is DROP and bridged packets go through iptables here).
# Each node: netns CLUSTER-INDEX with eth0 = 10.99.N.(10+INDEX), a UTS namespace whose hostname is
# CLUSTER-INDEX, a freezer cgroup CLUSTER-INDEX holding dockerd, its containerd, shims and
# containers (dockerd's --cgroup-parent), which is how `kill` finds every process of the node.
# The machine's own dockerd (/var/run/docker.sock) is never touched. Needs root, iproute2,
# util-linux (nsenter, unshare), iptables, docker.io, and a kernel with bridge, veth and vxlan.
set -euo pipefail

ROOT=${PT_SW_ROOT:-/var/lib/pt-sw}
FREEZER=/sys/fs/cgroup/freezer

die() { echo "node.sh: $*" >&2; exit 1; }

check_cluster() { [[ $1 =~ ^pt-sw-[a-z0-9]{6}$ ]] || die "cluster name must be pt-sw-XXXXXX: $1"; }
check_index() { [[ $1 =~ ^[0-9]{1,2}$ ]] || die "node index must be 0-99: $1"; }

bridge_of() { echo "ptsw-${1#pt-sw-}"; }
veth_of() { echo "ptsw-${1#pt-sw-}-$2"; }
starttime() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null || true; }

# The cluster-wide part, made once under a lock: directory, owner, subnet, bridge, FORWARD rule.
ensure_cluster() {
  local c=$1 dir=$ROOT/$1 br
  br=$(bridge_of "$c")
  mkdir -p "$ROOT"
  exec 9>"$ROOT/.lock"
  flock 9
  mkdir -p "$dir"
  if [ ! -f "$dir/owner" ]; then
    local owner=${PT_SW_OWNER:-$PPID}
    echo "$owner $(starttime "$owner")" >"$dir/owner"
  fi
  if [ ! -f "$dir/subnet" ]; then
    local n used
    used=$(cat "$ROOT"/*/subnet 2>/dev/null || true)
    for n in $(seq 100 250); do
      grep -qx "10.99.$n" <<<"$used" && continue
      ip -4 route show | grep -q "^10\.99\.$n\." && continue
      echo "10.99.$n" >"$dir/subnet"
      break
    done
    [ -f "$dir/subnet" ] || die "no free 10.99.N.0/24 subnet"
  fi
  if ! ip link show "$br" >/dev/null 2>&1; then
    ip link add "$br" type bridge
    ip addr add "$(cat "$dir/subnet").1/24" dev "$br"
    ip link set "$br" up
  fi
  iptables -C FORWARD -i "$br" -o "$br" -m comment --comment "$c" -j ACCEPT 2>/dev/null \
    || iptables -I FORWARD -i "$br" -o "$br" -m comment --comment "$c" -j ACCEPT
  flock -u 9
}

up() {
  local c=$1 i=$2 ns=$1-$2 dir=$ROOT/$1/n$2 veth addr
  ensure_cluster "$c"
  veth=$(veth_of "$c" "$i")
  addr=$(cat "$ROOT/$c/subnet").$((10 + i))
  mkdir -p "$dir"
  if [ -f "$dir/dockerd.pid" ] && kill -0 "$(cat "$dir/dockerd.pid")" 2>/dev/null; then
    die "node $ns is already up"
  fi
  # No default route on purpose: nothing outside the cluster answers, and an unreachable network
  # fails at once where a silent one makes every registry lookup (image pull, digest) hang ~20 s.
  if [ ! -e "/var/run/netns/$ns" ]; then
    ip netns add "$ns"
    ip link add "$veth" type veth peer name "$veth-p"
    ip link set "$veth-p" netns "$ns"
    ip link set "$veth" master "$(bridge_of "$c")" up
    ip netns exec "$ns" sh -e -c "ip link set '$veth-p' name eth0; ip addr add $addr/24 dev eth0
      ip link set eth0 up; ip link set lo up"
  fi
  mkdir -p "$FREEZER/$ns"
  # kill may leave the node's (empty) cgroup FROZEN: dockerd would freeze as it joins it
  echo THAWED >"$FREEZER/$ns/freezer.state"
  echo '{}' >"$dir/daemon.json"
  # nsenter --net only (ip netns exec would remount /sys, and dockerd then finds no devices cgroup).
  # The subshell joins the node's cgroup before exec, so dockerd and all its children stay there.
  setsid nsenter --net="/var/run/netns/$ns" unshare --uts sh -c "
      echo \$\$ >'$FREEZER/$ns/cgroup.procs'; hostname '$ns'
      exec dockerd --data-root '$dir/data' --exec-root '$dir/exec' --pidfile '$dir/dockerd.pid' \
        --config-file '$dir/daemon.json' -H 'unix://$dir/docker.sock' --cgroup-parent '/$ns' \
        --userland-proxy=false --swarm-default-advertise-addr '$addr'" \
    </dev/null >>"$dir/dockerd.log" 2>&1 &
  local t
  for t in $(seq 1 300); do
    env -u DOCKER_CONTEXT docker -H "unix://$dir/docker.sock" info >/dev/null 2>&1 && { echo "$addr"; return; }
    kill -0 $! 2>/dev/null || break
    sleep 0.1
  done
  tail -n 20 "$dir/dockerd.log" >&2
  die "dockerd of $ns did not answer"
}

# Every pid in the node's cgroup tree.
node_pids() { cat $(find "$FREEZER/$1" -name cgroup.procs 2>/dev/null) 2>/dev/null || true; }

kill_node() {
  local c=$1 i=$2 ns=$1-$2 dir=$ROOT/$1/n$2 pids t
  if [ -d "$FREEZER/$ns" ]; then
    echo FROZEN >"$FREEZER/$ns/freezer.state" 2>/dev/null || true
    for t in $(seq 1 100); do
      pids=$(node_pids "$ns")
      [ -z "$pids" ] && break
      kill -9 $pids 2>/dev/null || true
      echo THAWED >"$FREEZER/$ns/freezer.state" 2>/dev/null || true
      sleep 0.05
    done
    echo THAWED >"$FREEZER/$ns/freezer.state" 2>/dev/null || true
    find "$FREEZER/$ns" -mindepth 1 -depth -type d -exec rmdir {} + 2>/dev/null || true
  fi
  # Belt and braces: anything still running from the node's directory (e.g. before the cgroup).
  pkill -9 -f -- "$dir/" 2>/dev/null || true
  # Deepest mounts first; -l because a dying process may still hold one for a moment.
  awk -v d="$dir/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo | sort -r \
    | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  ip netns del "$ns" 2>/dev/null || true
  ip link del "$(veth_of "$c" "$i")" 2>/dev/null || true
  # The exec root is runtime state (tmpfs on a real machine): a rebooted node starts without it,
  # otherwise dockerd trips over the dead network namespaces it recorded there.
  rm -rf --one-file-system "$dir/exec" "$dir/dockerd.pid" "$dir/docker.sock"
}

down() {
  local c=$1 i=$2 ns=$1-$2 dir=$ROOT/$1/n$2
  kill_node "$c" "$i"
  rmdir "$FREEZER/$ns" 2>/dev/null || true
  rm -rf --one-file-system "$dir"
  # The cluster goes with its last node.
  if ! compgen -G "$ROOT/$c/n*" >/dev/null; then
    local br
    br=$(bridge_of "$c")
    ip link del "$br" 2>/dev/null || true
    while iptables -D FORWARD -i "$br" -o "$br" -m comment --comment "$c" -j ACCEPT 2>/dev/null; do :; done
    rm -rf --one-file-system "${ROOT:?}/$c"
  fi
}

owner_alive() {
  local pid st
  read -r pid st <"$ROOT/$1/owner" 2>/dev/null || return 1
  [ -n "$pid" ] && [ "$(starttime "$pid")" = "$st" ]
}

sweep() {
  local dir c n
  for dir in "$ROOT"/pt-sw-*; do
    [ -d "$dir" ] || continue
    c=${dir##*/}
    owner_alive "$c" && continue
    # A cluster being made right now may not have its owner file yet.
    [ -f "$dir/owner" ] || [ -n "$(find "$dir" -maxdepth 0 -mmin +5)" ] || continue
    echo "node.sh: sweeping $c (owner gone)" >&2
    for n in "$dir"/n*; do [ -d "$n" ] && down "$c" "${n##*/n}"; done
    down "$c" 0 2>/dev/null || true  # no node dir left: still removes bridge, rule, directory
  done
}

case "${1:-}" in
  up | kill | down)
    [ $# -eq 3 ] || die "usage: $0 $1 CLUSTER INDEX"
    check_cluster "$2"; check_index "$3"
    if [ "$1" = kill ]; then kill_node "$2" "$3"; else "$1" "$2" "$3"; fi ;;
  sweep) sweep ;;
  *) die "usage: $0 up|kill|down CLUSTER INDEX | sweep" ;;
esac
