#!/usr/bin/env bash
# Set-up of a clone: Chromium (the PDF printer), poppler-utils (pdftoppm/pdftotext to look at
# PDFs), the npm packages, and the build. The system packages come from apt-get (Debian, Ubuntu:
# what CI runs), dnf or yum (Fedora, RHEL with EPEL), apk (Alpine), zypper (openSUSE) or, on
# macOS, Homebrew (Google Chrome as a cask, poppler). Puppeteer's own browser download is
# skipped: we use the system's browser.
set -euo pipefail
cd "$(dirname "$0")/.."

# A browser findBrowser (src/print/find-browser.ts) finds too.
have_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && return 0
  local name app
  for name in chromium chromium-browser google-chrome google-chrome-stable microsoft-edge microsoft-edge-stable; do
    command -v "$name" >/dev/null && return 0
  done
  case "$(uname -s)" in
    Darwin)
      for app in "Google Chrome" Chromium "Microsoft Edge"; do
        [ -d "/Applications/$app.app" ] || [ -d "${HOME:-}/Applications/$app.app" ] && return 0
      done
      ;;
    MINGW* | MSYS* | CYGWIN*)
      for app in "/c/Program Files/Google/Chrome/Application/chrome.exe" "/c/Program Files (x86)/Google/Chrome/Application/chrome.exe" \
        "/c/Program Files/Microsoft/Edge/Application/msedge.exe" "/c/Program Files (x86)/Microsoft/Edge/Application/msedge.exe"; do
        [ -f "$app" ] && return 0
      done
      ;;
  esac
  return 1
}

missing=()
have_browser || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)

# The package names of one package manager: chromium and poppler-utils renamed where they differ.
packages_for() {
  local pm=$1 p
  for p in "${missing[@]}"; do
    case "$pm:$p" in
      zypper:poppler-utils) echo poppler-tools ;;
      brew:chromium) echo google-chrome ;;
      brew:poppler-utils) echo poppler ;;
      *) echo "$p" ;;
    esac
  done
}

# Root, or sudo, for a system package manager.
sudo_for() {
  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null; then
    sudo=sudo
  else
    echo "setup: need root (or sudo) to $1 install ${missing[*]}" >&2
    exit 1
  fi
}

if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    sudo_for apt-get
    echo "setup: installing ${missing[*]} (apt-get)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  elif command -v dnf >/dev/null || command -v yum >/dev/null; then
    pm=$(command -v dnf >/dev/null && echo dnf || echo yum)
    sudo_for "$pm"
    echo "setup: installing ${missing[*]} ($pm)"
    # shellcheck disable=SC2046
    $sudo "$pm" install -y $(packages_for "$pm") || {
      echo "setup: $pm could not install ${missing[*]}. On RHEL, Rocky or Alma, Chromium is in EPEL: $sudo $pm install -y epel-release, then run npm run setup again." >&2
      exit 1
    }
  elif command -v apk >/dev/null; then
    sudo_for apk
    echo "setup: installing ${missing[*]} (apk)"
    # shellcheck disable=SC2046
    $sudo apk add --no-cache $(packages_for apk)
  elif command -v zypper >/dev/null; then
    sudo_for zypper
    echo "setup: installing $(packages_for zypper | xargs) (zypper)"
    # shellcheck disable=SC2046
    $sudo zypper --non-interactive install $(packages_for zypper)
  elif [ "$(uname -s)" = Darwin ] && command -v brew >/dev/null; then
    # Homebrew runs as the user, never with sudo. Google Chrome rather than the chromium cask:
    # that one is unsigned, and macOS refuses to start it.
    for p in $(packages_for brew); do
      if [ "$p" = google-chrome ]; then
        echo "setup: installing Google Chrome (brew install --cask google-chrome)"
        brew install --cask google-chrome
      else
        echo "setup: installing $p (brew)"
        brew install "$p"
      fi
    done
  else
    case "$(uname -s)" in
      Darwin) how="install Google Chrome (google.com/chrome) and poppler, or Homebrew (brew.sh) and run npm run setup again" ;;
      MINGW* | MSYS* | CYGWIN*) how="install Google Chrome, or use Microsoft Edge, which comes with Windows; poppler for Windows from github.com/oschwartz10612/poppler-windows on the PATH" ;;
      *) how="install ${missing[*]} with your package manager (no apt-get, dnf, yum, apk or zypper found)" ;;
    esac
    if [ "${missing[*]}" = poppler-utils ]; then
      echo "setup: warning: pdftoppm/pdftotext (poppler-utils) not found; contextkaart works without them, some tests need them: $how." >&2
    else
      echo "setup: missing ${missing[*]}: $how. Or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium/Edge." >&2
      exit 1
    fi
  fi
fi

export PUPPETEER_SKIP_DOWNLOAD=1
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
echo "setup: done. Try: npx contextkaart render GM0796"
