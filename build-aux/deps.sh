# shellcheck shell=bash
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file
# Debian 12 packages Byline needs, in one place; sourced by build-aux/run and build-aux/test.

BYLINE_RUNTIME_PACKAGES=(
  build-essential meson ninja-build pkg-config
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev
  libsecret-1-dev libxml2-dev libgexiv2-dev libgtksourceview-5-dev libenchant-2-dev hunspell-en-us
  gettext desktop-file-utils appstream
)

BYLINE_TEST_PACKAGES=(
  "${BYLINE_RUNTIME_PACKAGES[@]}"
  xvfb xauth imagemagick dbus dbus-x11 gnome-keyring libsecret-tools
  clang libclang-rt-14-dev
  wordpress mariadb-server php-cli php-mysql
  python3-dogtail python3-pyatspi at-spi2-core
)

byline_missing_packages ()
{
  local package
  for package in "$@"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" != installed ]]; then
      printf '%s\n' "$package"
    fi
  done
}

byline_as_root ()
{
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "Installing packages needs root, and sudo is not available. Run as root: $*" >&2
    return 1
  fi
}

# A fresh image has no package lists at all; otherwise refresh only when an install fails,
# which is what stale lists cause.
byline_install_packages ()
{
  local -a missing
  mapfile -t missing < <(byline_missing_packages "$@")
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  if ! command -v apt-get >/dev/null; then
    echo "These packages are missing and there is no apt-get to install them: ${missing[*]}" >&2
    return 1
  fi
  echo "Installing missing packages: ${missing[*]}"
  local -a install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}")
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    byline_as_root apt-get update
  fi
  byline_as_root "${install[@]}" || { byline_as_root apt-get update && byline_as_root "${install[@]}"; }
}

# Set up a build directory once; later calls only apply the given options,
# and ninja re-runs meson by itself when a meson.build changes.
byline_configure ()
{
  local build_dir=$1
  shift
  if [[ ! -f "$build_dir/build.ninja" ]]; then
    meson setup "$build_dir" "$@"
  elif [[ $# -gt 0 ]]; then
    meson configure "$build_dir" "$@"
  fi
}
