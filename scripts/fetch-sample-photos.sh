#!/usr/bin/env bash
# Fetches a messy real photo library for the end-to-end tests and the
# pipeline benchmark. It is the images shipped in three Debian packages
# (OpenCV's docs, scikit-image's data and GNOME's wallpapers): about 2,400
# files of many formats and sizes, some of which are not decodable at all.
#
# Usage: scripts/fetch-sample-photos.sh DEST
# Idempotent: a DEST that already holds the marker file is left as it is.
# Needs apt-get and dpkg (run as root, or with a populated apt cache).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DEST" >&2
  exit 2
fi

dest=$1
packages=(opencv-doc python3-skimage gnome-backgrounds)
marker="$dest/.queryable-sample-complete"

if [[ -f "$marker" ]]; then
  echo "sample photos already in $dest"
  exit 0
fi

mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# apt-get download fails on an empty package list, so update once when needed.
cd "$work"
if ! apt-get download "${packages[@]}" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get download "${packages[@]}"
fi

for deb in "$work"/*.deb; do
  dpkg -x "$deb" "$work/extract"
done

# Keep image files only, under one folder per package source path, so the
# library has the nested, uneven layout of a real one.
image_pattern='.*\.\(jpe?g\|png\|gif\|tiff?\|webp\|bmp\|avif\|heic\|heif\|svg\|jxl\|pgm\|ppm\|pbm\|exr\|hdr\|jp2\)$'
(cd "$work/extract" && find . \( -type f -o -type l \) -iregex "$image_pattern" -print0) |
  while IFS= read -r -d '' path; do
    mkdir -p "$dest/$(dirname "$path")"
    # -p keeps the modification times from the packages, so capture dates
    # without EXIF are the files' own, not the day of the fetch.
    cp -P -p "$work/extract/$path" "$dest/$path"
  done

count=$(find "$dest" -type f | wc -l)
touch "$marker"
echo "fetched $count sample files into $dest"
