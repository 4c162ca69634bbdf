#!/usr/bin/env bash
# Sets up everything the verifier needs on a fresh Debian machine with Python 3.11+: CJK fonts (for the
# fixture generator) from Debian's packages, and a virtual environment with the project and its dev tools.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

need_fonts=0
for f in /usr/share/fonts/truetype/arphic/ukai.ttc /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \
         /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc; do
  [ -f "$f" ] || need_fonts=1
done
if [ "$need_fonts" = 1 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing CJK fonts from Debian packages" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      fonts-noto-cjk fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-ukai fonts-arphic-uming >/dev/null
  else
    echo "setup: CJK fonts missing and apt-get unavailable; the fixture generator needs fonts-noto-cjk," \
         "fonts-wqy-zenhei and fonts-arphic-ukai/uming" >&2
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
