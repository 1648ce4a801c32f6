#!/usr/bin/env bash
# The demo check CI runs (from deploy/check-image.sh, which has set podman up and built the serving image IMAGE):
# `mlops demo --keep` with every server (s3rver on PATH, Prometheus, Alertmanager, podman serving IMAGE), then its end
# state checked from outside while it runs: the registry has the model with the champion alias, the S3 remote has its
# objects, the served model answers, the drift alarm fired and reached Alertmanager, the dashboard's API lists the run;
# then SIGTERM, and no process or container of the demo is left (the process list and podman ps).
#   deploy/check-demo.sh IMAGE
set -euo pipefail
cd "$(dirname "$0")/.."
image="${1:?usage: deploy/check-demo.sh IMAGE (a serving image, as deploy/build-image.sh builds it)}"
mlops=(dotnet "$PWD/src/Mlops.Cli/bin/Debug/net10.0/linux-x64/mlops.dll")
work="$(mktemp -d)"
demo="$work/demo"
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "demo check failed: $*" >&2; [ ! -f "$work/demo.log" ] || tail -20 "$work/demo.log" >&2; exit 1; }
for tool in s3rver prometheus prometheus-alertmanager podman jq curl; do
  command -v "$tool" >/dev/null || fail "$tool is not on PATH: the demo is checked with every server (.ci/run and deploy/check-image.sh install them)"
done
# What a demo left running: any process working in its folder or naming it, and any container it named.
leftovers() {
  for proc in /proc/[0-9]*; do
    { readlink "$proc/cwd"; tr '\0' ' ' < "$proc/cmdline"; } 2>/dev/null | grep -q -- "$demo" && echo "${proc#/proc/}: $(tr '\0' ' ' < "$proc/cmdline" 2>/dev/null)"
  done
  podman ps -a --filter name=mlops-demo- --format '{{.Names}}' 2>/dev/null
}

"${mlops[@]}" demo --keep --image "$image" --dir "$demo" model=tiny training=fast > "$work/demo.log" 2>&1 &
pid=$!
for _ in $(seq 600); do
  grep -q "Left running" "$work/demo.log" && break
  kill -0 "$pid" 2>/dev/null || fail "mlops demo ended before it was ready"
  sleep 0.5
done
grep -q "Left running" "$work/demo.log" || fail "mlops demo was not ready after 5 minutes"
sed -n '/│ step/,/│ total/p' "$work/demo.log"
report="$demo/demo.json"
url() { jq -r ".urls.$1" "$report"; }

jq -e '(.steps | length) == 8 and .first_alarm_at > 0 and (.servers | has("s3") and has("podman") and has("prometheus") and has("alertmanager"))' "$report" >/dev/null \
  || fail "demo.json misses a step, the alarm or a server: $(cat "$report")"
(cd "$demo/project" && "${mlops[@]}" models list --name demo) | grep -q champion || fail "the registry has no champion alias for demo"
[ -n "$(find "$demo/s3" -type f -path '*mlops-demo*' | head -1)" ] || fail "the S3 remote (s3rver's folder $demo/s3) holds no object"
label=$(curl -sf -X POST "$(url serving)/v1/predict" -H 'Content-Type: application/json' -d '{"texts": ["the dog sleeps."]}' | jq -r '.predictions[0].label')
[ -n "$label" ] && [ "$label" != null ] || fail "the served model did not answer"
alertmanager=$(jq -r .servers.alertmanager "$report")
curl -sf "$alertmanager/api/v2/alerts" | jq -e 'map(.labels.alertname) | index("MlopsDataDrift")' >/dev/null \
  || fail "MlopsDataDrift is not in Alertmanager"
curl -sf "$(url runs)api/runs" | grep -q "$(jq -r .run_id "$report")" || fail "the dashboard's API does not list the run"

kill -TERM "$pid"
code=0
wait "$pid" || code=$?
pid=""
[ "$code" = 0 ] || fail "mlops demo --keep exited $code on SIGTERM, not 0"
left=$(leftovers)
[ -z "$left" ] || fail "the demo left behind: $left"
echo "demo check passed: every step with s3rver, podman ($image), Prometheus and Alertmanager; the served model says '$label'; SIGTERM left nothing running"
