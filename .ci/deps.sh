# Installs what Preflight needs on Debian or Ubuntu; sourced by .ci/launch and .ci/test.
# Only missing packages are installed. On other systems it says what to install and goes on.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Need root to install packages: run as root or install sudo." >&2; return 1; fi
}

# need_apt PKG...: installs the Debian packages that are not installed yet.
need_apt() {
  [ "$(uname -s)" = "Linux" ] || return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Not a Debian/Ubuntu system: make sure these (or your distribution's equivalents) are installed: $*" >&2
    return 0
  fi
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# What Tauri needs to build and run the window on Linux.
APP_PACKAGES=(build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev xdg-utils)
# What the window tests need on top.
TEST_PACKAGES=(xvfb webkit2gtk-driver libreoffice-calc-nogui libreoffice-writer-nogui)
