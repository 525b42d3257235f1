#!/usr/bin/env bash
# Prepares this machine for provision's integration tests, without any container registry:
#   1. installs docker.io, debootstrap, openssh-client, jq, curl and openssl with apt when missing
#      (jq and curl: examples/ci/plan-pr.sh, run by PlanPrWorkflowIT), and the
#      locked ajv (npm ci in testing/schema-check) for the independent schema check, and the
#      pinned convex CLI of the functions test app (npm ci in testing/functions-app);
#   2. starts dockerd (loopback-published ports) when no engine answers;
#   3. builds the local test images, each only when its recipe changed:
#        provision-test/base             debootstrap bookworm minbase, imported
#        provision-test/postgres         Debian PostgreSQL 15, official-image-style entrypoint
#        provision-test/sshd             OpenSSH server
#        provision-test/sshd-docker      OpenSSH server with a docker client (FROM sshd)
#        provision-test/convex-backend   TEST STAND-IN for the Convex backend (testing/convex-standin)
#        provision-test/convex-dashboard TEST STAND-IN for the Convex dashboard
#        provision-test/caddy            Debian's caddy (2.6.2), the proxy in front (proxy:)
#        provision-test/pebble           Debian's pebble (2.4.0), an ACME test CA for the proxy
# Idempotent: with everything present a run takes a few seconds. Nothing is ever pulled.
# Environment: PROVISION_TEST_IMAGE_PREFIX (default provision-test/) builds under other names;
# PROVISION_DOCKERD_LOG (default /var/log/provision-test-dockerd.log).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
images="$repo/testing/images"
work="$repo/testing/.build"
prefix=${PROVISION_TEST_IMAGE_PREFIX:-provision-test/}
label=dev.provision.test.recipe
jar="$repo/testing/convex-standin/target/convex-standin.jar"
export DOCKER_BUILDKIT=0

now() { date +%s%N; }
since() { local d=$(($(now) - $1)); printf '%d.%d' $((d / 1000000000)) $((d / 100000000 % 10)); }
die() { echo "setup: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. packages -------------------------------------------------------------------------------
install_missing_packages() {
  local missing=()
  { command -v dockerd || [ -x /usr/sbin/dockerd ]; } >/dev/null && command -v docker >/dev/null \
    || missing+=(docker.io)
  command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
  command -v ssh-keygen >/dev/null || missing+=(openssh-client)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  # The Swarm test fixture (testing/swarm/node.sh): network namespaces, veth, bridge, firewall.
  command -v ip >/dev/null || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || missing+=(iproute2)
  command -v iptables >/dev/null || [ -x /usr/sbin/iptables ] || missing+=(iptables)
  command -v nsenter >/dev/null || missing+=(util-linux)
  [ ${#missing[@]} -eq 0 ] && return
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}

# The Debian mirror this machine already uses (first URIs line that is not security), if any.
debian_mirror() {
  local m
  m=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v -- '-security' \
    | grep '/debian/*$' | head -n1 || true)
  [ -n "$m" ] || m=$(grep -hs '^deb ' /etc/apt/sources.list.d/*.list | awk '{print $2}' \
    | grep '/debian/*$' | head -n1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

# --- 2. engine ---------------------------------------------------------------------------------
ensure_engine() {
  docker info >/dev/null 2>&1 && return
  local log=${PROVISION_DOCKERD_LOG:-/var/log/provision-test-dockerd.log}
  if pgrep -x dockerd >/dev/null; then
    echo "setup: dockerd is running but not answering yet; waiting"
  else
    echo "setup: starting dockerd (log: $log)"
    as_root bash -c "nohup dockerd --ip=127.0.0.1 >>'$log' 2>&1 </dev/null &"
  fi
  local deadline=$((SECONDS + 30))
  until docker info >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      echo "setup: dockerd did not answer within 30 s; last log lines:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    sleep 0.3
  done
}

# --- 3. images ---------------------------------------------------------------------------------
# Hash of a recipe folder (file names and contents) plus extra words (base image id, jar hash).
recipe_hash() {
  local dir=$1; shift
  {
    (cd "$dir" && find . -type f | LC_ALL=C sort | xargs sha256sum)
    printf '%s\n' "$@"
  } | sha256sum | cut -c1-64
}

current_label() {
  docker image inspect -f "{{ index .Config.Labels \"$label\" }}" "$1" 2>/dev/null || true
}

build_base() {
  local name="${prefix}base:latest" want start tmp
  want=$(recipe_hash "$images/base")
  if [ "$(current_label "$name")" = "$want" ]; then echo "$name: up to date"; return; fi
  start=$(now)
  tmp=$(mktemp -d /var/tmp/provision-test-base.XXXXXX)
  # shellcheck disable=SC2064 # expand now: the trap must remove this run's folder.
  trap "as_root rm -rf '$tmp'; trap - RETURN" RETURN
  as_root bash "$images/base/rootfs.sh" "$tmp/rootfs" "$(debian_mirror)" \
    || die "debootstrap failed for $name"
  as_root tar --numeric-owner -C "$tmp/rootfs" -c . \
    | docker import -c 'CMD ["/bin/bash"]' - "${prefix}base:imported" >/dev/null
  # docker import cannot label: a one-line build on top carries the recipe hash.
  mkdir -p "$tmp/ctx"
  printf 'FROM %s\nENV LANG=C.UTF-8\n' "${prefix}base:imported" >"$tmp/ctx/Dockerfile"
  docker build --pull=false --label "$label=$want" -t "$name" "$tmp/ctx" >"$work/base.log" 2>&1 \
    || { tail -n 20 "$work/base.log" >&2; die "labelling $name failed"; }
  docker rmi "${prefix}base:imported" >/dev/null
  echo "$name: built ($(since "$start") s)"
}

# build_image SHORT_NAME [EXTRA_FILE...]: builds testing/images/SHORT_NAME FROM the base image,
# or FROM the image named by FROM_IMAGE when set (its id is part of the recipe hash).
build_image() {
  local short=$1; shift
  local from=${FROM_IMAGE:-${prefix}base:latest}
  local name="${prefix}${short}:latest" base_id want start ctx log extra=()
  base_id=$(docker image inspect -f '{{.Id}}' "$from")
  for f in "$@"; do extra+=("$(basename "$f") $(sha256sum "$f" | cut -c1-64)"); done
  want=$(recipe_hash "$images/$short" "$base_id" "${extra[@]}")
  if [ "$(current_label "$name")" = "$want" ]; then echo "$name: up to date"; return; fi
  start=$(now)
  ctx="$work/$short"
  log="$work/$short.log"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp -R "$images/$short/." "$ctx/"
  for f in "$@"; do cp "$f" "$ctx/"; done
  if ! docker build --pull=false --label "$label=$want" --build-arg "BASE_IMAGE=$from" \
      -t "$name" "$ctx" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "building $name failed (full log: $log)"
  fi
  echo "$name: built ($(since "$start") s)"
}

# The stand-in jar, rebuilt only when missing or older than a source it is made from.
ensure_standin_jar() {
  local stale=
  if [ ! -f "$jar" ]; then
    stale=yes
  else
    stale=$(find "$repo/pom.xml" "$repo/engine/pom.xml" "$repo/engine/src/main" \
      "$repo/testing/convex-standin/pom.xml" "$repo/testing/convex-standin/src/main" \
      -newer "$jar" -type f -print -quit)
  fi
  [ -n "$stale" ] || return 0
  local start
  start=$(now)
  (cd "$repo" && ./mvnw -q -B -pl testing/convex-standin -am package -DskipTests) >"$work/standin-jar.log" 2>&1 \
    || { tail -n 30 "$work/standin-jar.log" >&2; die "building the stand-in jar failed"; }
  echo "convex-standin.jar: built ($(since "$start") s)"
}

# ajv for IndependentSchemaTest (the schemas checked outside networknt): exactly the locked
# versions, installed from the npm registry only when node_modules is missing or older than the lock.
ensure_schema_checker() {
  local dir="$repo/testing/schema-check"
  command -v npm >/dev/null || { echo "setup: npm not found; IndependentSchemaTest will be skipped"; return 0; }
  if [ -d "$dir/node_modules/ajv" ] && [ "$dir/node_modules" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  (cd "$dir" && npm ci --no-audit --no-fund </dev/null >/dev/null) || die "npm ci in $dir failed"
  echo "schema-check: ajv installed"
}

# The test app for the functions step (FunctionsIT, SshFunctionsIT): the pinned convex CLI (1.48.0, the last
# that runs on Node 20), installed from the lock only when node_modules is missing or older than it.
ensure_functions_app() {
  local dir="$repo/testing/functions-app"
  command -v npm >/dev/null || { echo "setup: npm not found; the functions tests will be skipped"; return 0; }
  if [ -d "$dir/node_modules/convex" ] && [ "$dir/node_modules" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  (cd "$dir" && npm ci --no-audit --no-fund </dev/null >/dev/null) || die "npm ci in $dir failed"
  touch "$dir/node_modules"
  echo "functions-app: convex CLI installed"
}

main() {
  local start pids=() failed=0
  start=$(now)
  mkdir -p "$work"
  install_missing_packages
  ensure_schema_checker
  ensure_functions_app
  ensure_engine
  # One setup at a time on this machine (other checkouts share the images).
  exec 9>/tmp/provision-test-setup.lock
  flock 9
  build_base
  build_image postgres & pids+=($!)
  { build_image sshd && FROM_IMAGE="${prefix}sshd:latest" build_image sshd-docker; } & pids+=($!)
  { ensure_standin_jar && build_image convex-backend "$jar" && build_image convex-dashboard "$jar"; } &
  pids+=($!)
  { build_image caddy && build_image pebble; } & pids+=($!)
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  [ $failed -eq 0 ] || die "some images failed to build (see above)"
  echo "setup: ready ($(since "$start") s)"
}

main "$@"
