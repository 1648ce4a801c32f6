#!/usr/bin/env bash
# Smoke-tests a deployed model behind a function URL (or API Gateway): POSTs {"sentence": ...} and checks the answer is
# the course's {"text": ..., "prediction": {"label": ..., "score": ...}}, that a malformed request gets a 4xx with an
# error, and that the function still answers after it. The release workflow runs it against the Lambda function's URL;
# CI runs it against the image on a local Runtime API (mlops bench lambda-api).
#   deploy/release/smoke-test.sh URL
set -euo pipefail
url="${1:-}"
[ -n "$url" ] || { echo "error: usage: deploy/release/smoke-test.sh URL (the function URL, e.g. https://abc.lambda-url.us-east-1.on.aws/)" >&2; exit 2; }
command -v curl >/dev/null || { echo "error: curl is not installed" >&2; exit 2; }

post() { curl -sS --max-time 30 -o "$1" -w '%{http_code}' -H 'Content-Type: application/json' --data "$2" "$url"; }
answer="$(mktemp)" refused="$(mktemp)"
trap 'rm -f "$answer" "$refused"' EXIT

sentence="The cat sat on the mat."
status=$(post "$answer" "{\"sentence\": \"$sentence\"}") || { echo "error: $url did not answer" >&2; exit 1; }
[ "$status" = 200 ] || { echo "error: $url answered $status to a valid sentence: $(head -c 300 "$answer")" >&2; exit 1; }
python3 - "$answer" "$sentence" <<'PY' || exit 1
import json, sys
answer = json.load(open(sys.argv[1], encoding="utf-8"))
prediction = answer.get("prediction") or {}
if answer.get("text") != sys.argv[2] or not isinstance(prediction.get("label"), str) or not 0.0 <= float(prediction.get("score", -1)) <= 1.0:
    sys.exit(f"error: the answer is not {{text, prediction: {{label, score}}}}: {answer}")
print(f"predicted {prediction['label']} ({float(prediction['score']):.3f}) for {answer['text']!r}")
PY

status=$(post "$refused" '{"sentence": 42}')
case "$status" in 4??) ;; *) echo "error: a sentence of the wrong type got $status, not a 4xx: $(head -c 300 "$refused")" >&2; exit 1 ;; esac
grep -q '"error"' "$refused" || { echo "error: the $status answer carries no error message: $(head -c 300 "$refused")" >&2; exit 1; }
status=$(post "$answer" "{\"sentence\": \"$sentence\"}")
[ "$status" = 200 ] || { echo "error: after a malformed request the function answered $status" >&2; exit 1; }
echo "smoke test passed: $url"
