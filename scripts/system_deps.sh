#!/usr/bin/env bash
# Install the Debian packages orglib's reports and browser tests need, when we can.
# As root: apt-get install what is missing. Otherwise: say what to install; the
# tests that need a missing package skip themselves with a message.
set -u
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "orglib: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "orglib: could not install ${missing[*]}; PDF, CJK fonts or browser tests may be skipped" >&2
  fi
  # matplotlib caches the font list: drop it so newly installed CJK fonts are seen
  rm -rf "${HOME:-/root}/.cache/matplotlib" 2>/dev/null || true
else
  echo "orglib: please install (as root): apt-get install ${missing[*]}"
  echo "orglib: until then PDF output, CJK figures or browser tests that need them are skipped"
fi
exit 0
