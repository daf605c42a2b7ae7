#!/usr/bin/env bash
# Installs everything Footfall needs to build, run and test on Debian 12 (bookworm).
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ pkg-config
    # Qt 6 (Debian 12 ships 6.4.2); Charts needs the OpenGL development files too
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libsqlite3-dev libqt6opengl6-dev libgl-dev
    qt6-charts-dev qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev
    # tests: fonts for offscreen rendering, the sqlite3 shell, the real AWS clients, and pdftotext
    # (poppler-utils) to read the text of the PDF reports
    fonts-dejavu-core sqlite3 awscli python3-boto3 libbenchmark-dev poppler-utils
    # the browser test: Debian's Chromium, headless
    chromium
    # benchmarks: the HTTP load generator of tests/bench/endpoint_load.py
    wrk
)
# Node.js and npm bundle the AWS SDK for JavaScript for the browser test; a Node.js that came with
# the machine (one that carries its own npm) is kept.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

if [ "$(id -u)" -eq 0 ]; then
    run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
    run_as_root=(sudo)
else
    echo "setup-debian.sh: run as root or install sudo" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    "${run_as_root[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${run_as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The browser test's npm packages, at the versions tests/browser/package-lock.json pins: installed
# here once so that the build's own `npm ci` finds them in npm's cache.
browser_dir="$(cd "$(dirname "$0")/../tests/browser" && pwd)"
if [ ! -f "$browser_dir/node_modules/.package-lock.json" ] ||
    [ "$browser_dir/package-lock.json" -nt "$browser_dir/node_modules/.package-lock.json" ]; then
    (cd "$browser_dir" && npm ci --no-audit --no-fund --ignore-scripts)
fi
