#!/usr/bin/env bash
# Prove the installed package works away from the checkout: build a wheel, install it into a
# fresh venv in a temp folder, and from another directory run the commands a new user runs.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-python3}"
work="$(mktemp -d -t orglib-wheel-XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$here/.venv/bin/python" -m pip wheel -q --no-deps -w "$work/dist" "$here"
"$py" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q "$work"/dist/orglib-*.whl
cd "$work"
mkdir run && cd run
bin="$work/venv/bin"
fail() { echo "wheel check FAILED: $*" >&2; exit 1; }

# the installed package is imported, not the checkout
"$bin/python" - "$here" <<'PY' || fail "orglib imported from the checkout"
import pathlib, sys, orglib
where = pathlib.Path(orglib.__file__).resolve()
assert "site-packages" in where.parts and not where.is_relative_to(pathlib.Path(sys.argv[1])), where
PY
n=$("$bin/orglib" templates --json | "$bin/python" -c "import json,sys; print(len(json.load(sys.stdin)))")
[ "$n" = 17 ] || fail "orglib templates lists $n designs, expected 17"
"$bin/orglib" spans jucao-ops-center --json | "$bin/python" -c "
import json, sys
d = json.load(sys.stdin)
s = d.get('summary', d)
assert s['headcount'] == 20 and s['layers'] >= 2, s
" || fail "orglib spans jucao-ops-center --json"
"$bin/python" -c "
import orglib
k = orglib.designs.kpis()
assert len(k) > 0 and {'zh', 'en'} <= set(k.columns), k.columns
" || fail "orglib.designs.kpis()"
"$bin/orglib" report duocai-asis --lang en --out "$work/out" >/dev/null || fail "orglib report duocai-asis --lang en"
grep -q "duocai\|Duocai\|多彩" "$work/out"/*.html || fail "report HTML has no organisation name"
"$bin/orglib" teach notebooks --lang en --lesson 2 --html --out "$work/lessons" >/dev/null \
  || fail "orglib teach notebooks --lang en --lesson 2 --html"
grep -q "From 4P to 4C" "$work/lessons"/02_*.html || fail "the English lesson 2 has no English title"
echo "wheel check OK: 17 designs, spans, catalogue, an English report and an English lesson from an installed wheel"
