#!/usr/bin/env bash
# Builds the container image's base without a registry or a Docker daemon (ADR 0051): a minimal Debian bookworm
# (this machine's release) with only openjdk-17-jre-headless and ca-certificates, made by mmdebstrap from the apt
# mirror, wrapped as a one-layer `docker save` archive that Jib reads as `tar://…` and skopeo as `docker-archive:`.
# A user `netloom` (UID/GID 1000) owns /var/lib/netloom, the image's working and data directory: the embedded
# PostgreSQL refuses to run as root.
#
# The archive goes to $NETLOOM_BASE_IMAGE_TAR (default /var/cache/netloom-test/netloom-base-image.tar) and is
# re-used while the recipe below is unchanged (its hash sits beside it); delete it to take newer packages. Exits
# non-zero, saying why, when the image cannot be made here.
set -euo pipefail

target="${NETLOOM_BASE_IMAGE_TAR:-/var/cache/netloom-test/netloom-base-image.tar}"
suite=bookworm
packages=openjdk-17-jre-headless,ca-certificates
mirrors=(
  "deb http://deb.debian.org/debian $suite main"
  "deb http://deb.debian.org/debian $suite-updates main"
  "deb http://deb.debian.org/debian-security $suite-security main"
)
recipe=$( { cat "$0"; } | sha256sum | cut -d' ' -f1)

if [ -s "$target" ] && [ "$(cat "$target.recipe" 2>/dev/null)" = "$recipe" ]; then
  exit 0
fi

command -v mmdebstrap >/dev/null || {
  echo "base-image.sh: mmdebstrap is not installed (apt-get install mmdebstrap)" >&2
  exit 1
}
[ "$(id -u)" = 0 ] || { echo "base-image.sh: run as root (mmdebstrap's root mode makes the files' owners right)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Manuals, translations and docs are of no use in a server image; apt's lists are removed by mmdebstrap itself. The
# empty man1 directory stays: update-alternatives links java's manual there and fails without it (as in Debian's
# slim images). No device nodes in the layer: the container runtime provides /dev, and a rootless one cannot make them.
if ! mmdebstrap --variant=minbase --include="$packages" --skip=output/dev \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='chroot "$1" groupadd --gid 1000 netloom' \
  --customize-hook='chroot "$1" useradd --uid 1000 --gid 1000 --home-dir /var/lib/netloom --no-create-home --shell /usr/sbin/nologin netloom' \
  --customize-hook='install -d -m 0750 -o 1000 -g 1000 "$1/var/lib/netloom"' \
  "$suite" "$work/rootfs.tar" "${mirrors[@]}" >"$work/mmdebstrap.log" 2>&1; then
  tail -n 30 "$work/mmdebstrap.log" >&2
  echo "base-image.sh: mmdebstrap failed (its last lines above)" >&2
  exit 1
fi

# `docker save` layout: manifest.json, the image config (named by its digest) and the layer (diff id: the
# digest of the uncompressed tar). The layer is stored gzipped once here, so Jib does not compress it at every build.
diff_id=$(sha256sum "$work/rootfs.tar" | cut -d' ' -f1)
mkdir "$work/image"
gzip -n -c "$work/rootfs.tar" >"$work/image/layer.tar.gz"
created=$(date -u -d "@${SOURCE_DATE_EPOCH:-0}" +%Y-%m-%dT%H:%M:%SZ)
cat >"$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"],"WorkingDir":"/var/lib/netloom"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"$created","created_by":"ops/ci/base-image.sh: mmdebstrap --variant=minbase --include=$packages $suite"}]}
JSON
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["netloom-base:%s-jre17"],"Layers":["layer.tar.gz"]}]\n' \
  "$config_id" "$suite" >"$work/image/manifest.json"
tar -C "$work/image" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-0}" \
  -cf "$work/image.tar" manifest.json "$config_id.json" layer.tar.gz

mkdir -p "$(dirname "$target")"
mv "$work/image.tar" "$target.new"
mv "$target.new" "$target"
echo "$recipe" >"$target.recipe"
echo "base-image.sh: $(du -h "$target" | cut -f1) base image (Debian $suite, $packages) in $target"
