#!/usr/bin/env bash
# Makes sure Debian's chromium (and chromium-driver) are installed: the dashboard's browser tests
# (tests/test_dashboard_browser.py) drive the system chromium through playwright.
# Does nothing when `chromium` is already on PATH; otherwise apt-get update once, then install.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    echo "ensure_chromium: chromium already installed: $(command -v chromium) ($(chromium --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: chromium is missing and apt-get is not available: install Chromium by hand (a Debian/Ubuntu system is expected)" >&2
    exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        echo "ensure_chromium: chromium is missing and this user is not root (and has no password-less sudo): run 'sudo apt-get install chromium chromium-driver' yourself" >&2
        exit 1
    fi
fi

echo "ensure_chromium: chromium not found; installing chromium and chromium-driver with apt-get"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver

if ! command -v chromium >/dev/null 2>&1; then
    echo "ensure_chromium: apt-get finished but 'chromium' is still not on PATH" >&2
    exit 1
fi
echo "ensure_chromium: installed $(command -v chromium) ($(chromium --version 2>/dev/null || echo 'version unknown'))"
