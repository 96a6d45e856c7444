#!/usr/bin/env bash
# Prints the path of a virtualenv with Apache Airflow VERSION and the Apache Spark and standard
# providers, making it first when it is missing. Venvs are cached under
# ${ROUNDTRIP_CI_CACHE:-~/.cache/roundtrip-ci}/, keyed by Airflow version, Python version and the
# pins below, so a fresh machine builds them and later runs reuse them.
#   .ci/airflow-venv.sh 3.3.2
# Airflow's constraints files live on raw.githubusercontent.com; when that is reachable they pin
# every dependency (Airflow's supported way to install); otherwise pip resolves from the pins here.
set -euo pipefail
VERSION="$1"
PY="${PYTHON:-python3}"
PYVER="$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
case "$VERSION" in
  3.*) PROVIDERS=("apache-airflow-providers-apache-spark>=5.3" "apache-airflow-providers-standard>=1.9") ;;
  2.*) PROVIDERS=("apache-airflow-providers-apache-spark>=4.11,<5.4" "apache-airflow-providers-standard>=1.1,<1.10") ;;
  *) echo "airflow-venv: unsupported Airflow version $VERSION" >&2; exit 2 ;;
esac
KEY="$(printf '%s\n' "$VERSION" "$PYVER" "${PROVIDERS[@]}" | sha256sum | cut -c1-12)"
CACHE="${ROUNDTRIP_CI_CACHE:-$HOME/.cache/roundtrip-ci}"
VENV="$CACHE/airflow-$VERSION-py$PYVER-$KEY"
if [[ -x "$VENV/bin/airflow" && -f "$VENV/.complete" ]]; then
  echo "$VENV"
  exit 0
fi
rm -rf "$VENV"
mkdir -p "$CACHE"
"$PY" -m venv "$VENV" >&2
CONSTRAINTS="https://raw.githubusercontent.com/apache/airflow/constraints-$VERSION/constraints-$PYVER.txt"
ARGS=()
if curl -fsS -m 10 -o "$VENV/constraints.txt" "$CONSTRAINTS" 2>/dev/null; then
  ARGS=(--constraint "$VENV/constraints.txt")
  echo "airflow-venv: installing with $CONSTRAINTS" >&2
else
  echo "airflow-venv: $CONSTRAINTS is not reachable; installing with the pins in $0" >&2
fi
"$VENV/bin/pip" install -q --disable-pip-version-check "apache-airflow==$VERSION" "${PROVIDERS[@]}" "${ARGS[@]}" >&2
touch "$VENV/.complete"
echo "$VENV"
