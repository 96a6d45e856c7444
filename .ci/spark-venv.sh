#!/usr/bin/env bash
# Prints the path of a virtualenv with pyspark VERSION (Spark's own distribution: spark-submit,
# spark-class and every Spark jar, under lib/python*/site-packages/pyspark), making it first when
# missing. Cached under ${ROUNDTRIP_CI_CACHE:-~/.cache/roundtrip-ci}/ by version.
#   .ci/spark-venv.sh 4.1.0
set -euo pipefail
VERSION="$1"
PY="${PYTHON:-python3}"
PYVER="$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
CACHE="${ROUNDTRIP_CI_CACHE:-$HOME/.cache/roundtrip-ci}"
VENV="$CACHE/pyspark-$VERSION-py$PYVER"
if [[ ! -f "$VENV/.complete" ]]; then
  rm -rf "$VENV"
  mkdir -p "$CACHE"
  "$PY" -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$VERSION" >&2
  touch "$VENV/.complete"
fi
echo "$VENV"
