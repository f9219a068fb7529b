#!/usr/bin/env bash
# A real systemd-resolved for ResolvedLinkSystemdTest, in the network namespace and the private mount namespace this
# script is started in (ip netns exec <ns> unshare -m --propagation private): its own system bus, its own /run, a
# resolv.conf naming its stub. Nothing of it reaches the machine's /etc or /run. Runs until killed; a resolved that
# is killed is started again, as systemd would (Restart=), so the test can restart it by killing it; when the file
# <work directory>/forget exists then, the new one starts without the link settings the old one saved in /run.
#
# Usage: resolved-sandbox.sh <unpacked systemd-resolved tree> <work directory>
set -euo pipefail
root=$1
work=$2

mount -t tmpfs tmpfs /run/dbus 2>/dev/null || { mkdir -p /run/dbus && mount -t tmpfs tmpfs /run/dbus; }
mount -t tmpfs tmpfs /run/systemd
mkdir -p /run/systemd/resolve

# resolved drops its privileges to this user: it exists only in these copies, bind-mounted over the originals here.
cp /etc/passwd "$work/passwd"
cp /etc/group "$work/group"
echo 'systemd-resolve:x:990:990:systemd Resolver:/:/usr/sbin/nologin' >>"$work/passwd"
echo 'systemd-resolve:x:990:' >>"$work/group"
mount --bind "$work/passwd" /etc/passwd
mount --bind "$work/group" /etc/group
chown 990:990 /run/systemd/resolve
# glibc and SystemDnsChoice read this one; resolved itself does not need it.
mount --bind "$work/resolv.conf" /etc/resolv.conf

cat >"$work/bus.conf" <<'BUS'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
BUS
dbus-daemon --config-file="$work/bus.conf" --nofork --nopidfile >>"$work/dbus.log" 2>&1 &
bus=$!
resolved=
trap 'kill $resolved $bus 2>/dev/null; exit 0' TERM INT
while kill -0 $bus 2>/dev/null; do
  "$root/lib/systemd/systemd-resolved" >>"$work/resolved.log" 2>&1 &
  resolved=$!
  echo $resolved >"$work/resolved.pid"
  wait $resolved || true
  if [ -e "$work/forget" ]; then
    rm -f "$work/forget" /run/systemd/resolve/netif/*
  fi
  sleep 0.2
done
