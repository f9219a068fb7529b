#!/usr/bin/env bash
# Unpacks (never installs) Debian's systemd-resolved for ResolvedLinkSystemdTest (ADR 0045, amendment of
# 2026-12-06): installing it would start a resolved that takes over this machine's /etc/resolv.conf. The test runs
# the unpacked binaries inside a network and mount namespace of its own.
#
# The tree goes to $NETLOOM_SYSTEMD_RESOLVED_ROOT (default /var/cache/netloom-test/systemd-resolved) and is re-used
# while its binaries still load against the installed libsystemd-shared. Exits non-zero, saying why, when no package
# that works here can be had.
set -euo pipefail

target="${NETLOOM_SYSTEMD_RESOLVED_ROOT:-/var/cache/netloom-test/systemd-resolved}"
binaries=(lib/systemd/systemd-resolved usr/bin/resolvectl)

# The binaries link to /usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-<major>.so from the installed systemd:
# an unresolved symbol or library shows in ldd, and --version makes the dynamic linker bind everything.
loads() {
  local root=$1 binary
  for binary in "${binaries[@]}"; do
    [ -x "$root/$binary" ] || return 1
    if ldd "$root/$binary" 2>&1 | grep -q 'not found'; then return 1; fi
    LD_BIND_NOW=1 "$root/$binary" --version >/dev/null 2>&1 || return 1
  done
}

if loads "$target"; then
  exit 0
fi

systemd_version=$(dpkg-query -W -f='${Version}' systemd 2>/dev/null) || {
  echo "systemd-resolved.sh: systemd is not installed (dpkg-query systemd); the test runs its resolved against it" >&2
  exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# apt-get download runs as the _apt user where it can; the directory must be writable by it.
chmod 755 "$work"

# The installed systemd's own version first (same libsystemd-shared build); the archive keeps only the newest point
# release, so otherwise the candidate, which must then prove that it loads.
if ! apt-get download -q "systemd-resolved=$systemd_version" >/dev/null 2>&1; then
  apt-get update -q >/dev/null 2>&1 || true
  apt-get download -q "systemd-resolved=$systemd_version" >/dev/null 2>&1 \
    || apt-get download -q systemd-resolved >/dev/null 2>&1 || {
      echo "systemd-resolved.sh: cannot download systemd-resolved (wanted $systemd_version) with apt-get" >&2
      exit 1
    }
fi
deb=$(ls systemd-resolved_*.deb)
dpkg-deb -x "$deb" root
if ! loads root; then
  echo "systemd-resolved.sh: $deb does not run against the installed systemd $systemd_version:" >&2
  ldd root/lib/systemd/systemd-resolved >&2 || true
  root/usr/bin/resolvectl --version >&2 || true
  exit 1
fi
mkdir -p "$(dirname "$target")"
rm -rf "$target.new"
mv root "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
echo "systemd-resolved.sh: $deb unpacked to $target (systemd $systemd_version installed)"
