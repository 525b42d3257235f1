#!/bin/sh
# Makes a CA and a certificate for pebble's own HTTPS endpoints (names: PEBBLE_NAMES, default
# "pebble localhost"), writes the config (challenges validated on ports 80 and 443 of the
# names asked for, resolved by the container's resolver: Docker's network aliases) and runs
# pebble. The CA of its HTTPS endpoint is /pebble/ca.pem.
set -eu
mkdir -p /pebble && cd /pebble
names=${PEBBLE_NAMES:-pebble localhost}
san=""
for n in $names; do san="${san:+$san,}DNS:$n"; done
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=pebble-test-ca \
  -keyout ca.key -out ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=pebble -keyout key.pem -out req.pem 2>/dev/null
printf 'subjectAltName=%s,IP:127.0.0.1\n' "$san" > ext.cnf
openssl x509 -req -in req.pem -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile ext.cnf -out cert.pem 2>/dev/null
cat > config.json <<JSON
{"pebble": {"listenAddress": "0.0.0.0:14000", "managementListenAddress": "0.0.0.0:15000",
  "certificate": "/pebble/cert.pem", "privateKey": "/pebble/key.pem",
  "httpPort": ${PEBBLE_HTTP_PORT:-80}, "tlsPort": ${PEBBLE_TLS_PORT:-443},
  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
JSON
exec pebble -config /pebble/config.json "$@"
