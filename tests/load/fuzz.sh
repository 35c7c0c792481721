#!/usr/bin/env bash
# The API against its schema with many generated cases (issue 12): schemathesis' CLI with
# --checks all, a staff write token, --continue-on-failure, over gunicorn on PostgreSQL.
#   tests/load/fuzz.sh [max examples per operation, default 300]
# Recreates the database kb_fuzz (FUZZ_DATABASE_URL); results in var/fuzz/. Not part of CI:
# tests/test_schemathesis.py is the bounded variant that CI runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXAMPLES="${1:-300}"
URL="${FUZZ_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kb_fuzz}"
NAME="${URL##*/}"
PORT="${FUZZ_PORT:-8712}"
PY=.venv/bin/python
export DATABASE_URL="$URL" KB_ANON_THROTTLE=off DEBUG=false KB_LOG_LEVEL=ERROR
psql "${URL%/*}/postgres" -q -c "DROP DATABASE IF EXISTS \"$NAME\" WITH (FORCE)" -c "CREATE DATABASE \"$NAME\""
$PY manage.py migrate --noinput -v0
$PY manage.py import_rst fixtures/ >/dev/null
KEY=$($PY manage.py shell -c '
from django.contrib.auth import get_user_model
from kb.learning.recording import record_report
from kb.models import ApiToken
record_report({"unmatched": [{"number": 1, "text": "ERROR nova.compute something odd happened on host"}]})
user = get_user_model().objects.create_user("fuzz", password="-", is_staff=True)
print(ApiToken.create_for(user, "fuzz", write=True)[1])' | tail -1)
mkdir -p var/fuzz
$PY -m gunicorn kb.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --log-level warning \
  >var/fuzz/gunicorn.log 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
.venv/bin/st run "http://127.0.0.1:$PORT/api/schema/?format=json" --checks all --continue-on-failure \
  --max-examples "$EXAMPLES" -H "Authorization: Token $KEY" --workers 2 --seed 12 \
  --report junit --report-dir var/fuzz | tee var/fuzz/summary.txt
