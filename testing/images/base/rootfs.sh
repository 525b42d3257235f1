#!/usr/bin/env bash
# Builds the root file system of provision-test/base: Debian bookworm, minbase variant.
# Usage: rootfs.sh ROOTFS MIRROR. Called by testing/setup.sh; the image is imported from ROOTFS.
# Its content is part of the base image's recipe hash: edit it and the base (and every image
# built on it) is rebuilt on the next setup.
set -euo pipefail
rootfs=$1
mirror=$2

debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null

# Keep images small: no docs, man pages or translations now or in later apt installs.
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/provision-test-nodoc" <<'CFG'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
CFG
cat >"$rootfs/etc/apt/apt.conf.d/90provision-test" <<'CFG'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
Dpkg::Use-Pty "0";
CFG
# Package scripts must not try to start services inside an image build.
printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
chmod 0755 "$rootfs/usr/sbin/policy-rc.d"

rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
  "$rootfs"/var/log/*.log "$rootfs"/var/log/apt/* "$rootfs"/tmp/*
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
