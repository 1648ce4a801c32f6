#!/usr/bin/env bash
# Imports the mlops prediction dashboards into Kibana (8.x): the data view over logs-mlops.predictions-*, five
# visualizations and the "mlops: predictions" dashboard. Existing objects with the same ids are overwritten.
#   deploy/kibana/import.sh KIBANA_URL          e.g. deploy/kibana/import.sh http://127.0.0.1:5601
# Authentication, when Kibana needs it: KIBANA_API_KEY (an encoded API key) or KIBANA_USER and KIBANA_PASSWORD.
# Exit codes: 0 imported, 1 Kibana refused some objects (it says which), 2 usage or Kibana unreachable.
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 KIBANA_URL   (e.g. http://127.0.0.1:5601)" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
auth=()
if [[ -n "${KIBANA_API_KEY:-}" ]]; then auth=(-H "Authorization: ApiKey $KIBANA_API_KEY")
elif [[ -n "${KIBANA_USER:-}" ]]; then auth=(-u "$KIBANA_USER:${KIBANA_PASSWORD:-}"); fi
answer="$(curl -sS --fail-with-body -X POST "${1%/}/api/saved_objects/_import?overwrite=true" -H "kbn-xsrf: true" "${auth[@]}" \
  --form "file=@$here/mlops-predictions.ndjson")" || { echo "error: Kibana at $1 did not take the import: $answer" >&2; exit 2; }
if [[ "$answer" != *'"success":true'* ]]; then
  echo "error: Kibana refused some objects: $answer" >&2
  exit 1
fi
echo "Imported the mlops prediction dashboard into $1 (Dashboards -> \"mlops: predictions\")."
