#!/usr/bin/env bash
# Entrypoint of provision-test/sshd: installs the authorized keys for root (and for SSH_USER when
# set), makes host keys once per container, then runs the command (sshd in the foreground).
set -euo pipefail

keys=${SSH_AUTHORIZED_KEYS:-}
if [ -z "$keys" ] && [ -f /authorized_keys ]; then keys=$(</authorized_keys); fi
if [ -z "$keys" ]; then
  echo "error: set SSH_AUTHORIZED_KEYS or mount a file at /authorized_keys" >&2
  exit 1
fi

install_keys() {
  local user=$1 home
  home=$(getent passwd "$user" | cut -d: -f6)
  mkdir -p "$home/.ssh"
  printf '%s\n' "$keys" >"$home/.ssh/authorized_keys"
  chmod 0700 "$home/.ssh"
  chmod 0600 "$home/.ssh/authorized_keys"
  chown -R "$user:" "$home/.ssh"
}

install_keys root
if [ -n "${SSH_USER:-}" ] && [ "$SSH_USER" != root ]; then
  id "$SSH_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$SSH_USER"
  install_keys "$SSH_USER"
fi

# Ed25519 and ECDSA host keys only: RSA key generation would add seconds to every start.
for type in ed25519 ecdsa; do
  key=/etc/ssh/ssh_host_${type}_key
  [ -f "$key" ] || ssh-keygen -q -t "$type" -N '' -f "$key"
done
mkdir -p /run/sshd
# Name the host keys: the default config would also look for an RSA key and warn.
if [ "$1" = /usr/sbin/sshd ]; then
  set -- "$@" -h /etc/ssh/ssh_host_ed25519_key -h /etc/ssh/ssh_host_ecdsa_key
fi
exec "$@"
