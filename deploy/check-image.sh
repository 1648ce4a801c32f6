#!/usr/bin/env bash
# The image check CI runs (from .ci/run) and a release would run against its own registry (REGISTRY=host:port):
# trains and exports a tiny model, versions it with mlops data (pushed to the S3 server of MLOPS_TEST_S3, or a folder
# remote without it, then deleted), builds the
# image pulling that model in (--dvc-pull), runs it on the baked-in model, waits for its health check,
# predicts from the host and compares with `mlops predict`, stops it with SIGTERM while a request is in flight and
# checks the request was answered and the exit was 0, then pushes it with deploy/release/push-image.sh (a version tag
# and the git SHA), checks both tags resolve to the digest it printed, pulls it back by digest, inspects it and runs it;
# then runs the same image as an AWS Lambda function on a local Runtime API (the release smoke test through a function
# URL, the cold start, and 1,000 mixed events answered by one container); then builds the native-AOT image and checks
# its routes and its Lambda function the same way.
# Without REGISTRY it starts a docker-registry on 127.0.0.1:5000 (Debian's distribution server) with htpasswd
# authentication, and checks an unauthenticated push is refused before logging in.
# Needs root (podman as root), the apt packages below, and a built solution (.ci/run builds it first).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
work="$(mktemp -d)"
name="mlops-check-$$"
image="localhost/mlops-serve:ci"
port=18000
mlops=(dotnet "$repo/src/Mlops.Cli/bin/Debug/net10.0/linux-x64/mlops.dll")

cleanup() {
  podman rm -f "$name" "$name-lambda" >/dev/null 2>&1 || true
  for pid in "$work"/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# Podman without systemd cannot schedule health checks and says so on every run and stop; we run them by hand.
podman() { command podman "$@" 2> >(grep -v "systemd connection" >&2); }
fail() { echo "image check failed: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
# Runs image $1 as $name on $port and prints the seconds until /readyz answers (fails after 30 s).
run_until_ready() {
  local start
  start=$(now)
  podman run -d --name "$name" -p "127.0.0.1:$port:8000" "$1" >/dev/null
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do
    sleep 0.02
    awk -v t="$(since "$start")" 'BEGIN { exit !(t < 30) }' || { podman logs "$name" >&2; fail "$1 is not ready after 30 s"; }
  done
  since "$start"
}
# Every route of the running container on $port answers as the host does: predictions equal to `mlops predict`'s, the
# health routes, problem documents for bad input and unknown routes, the OpenAPI document (all JSON, source-generated).
check_answers() {
  python3 - "$work/sentences.txt" "$work/host.jsonl" "$port" <<'PY'
import json, sys, urllib.error, urllib.request
sentences = open(sys.argv[1], encoding="utf-8").read().splitlines()
host = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
base = f"http://127.0.0.1:{sys.argv[3]}"
def call(path, body=None):
    request = urllib.request.Request(base + path, body and json.dumps(body).encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)
status, answer = call("/v1/predict", {"texts": sentences})
assert status == 200, answer
for sentence, h, s in zip(sentences, host, answer["predictions"], strict=True):
    for label, p in h["probabilities"].items():
        assert abs(p - s["scores"][label]) < 1e-4, f"{sentence!r}: {label} {p} on the host, {s['scores'][label]} in the image"
    assert h["label"] == s["label"], sentence
assert "model_id" in answer and "model_version" in answer, answer
status, scores = call("/predict?text=the%20dog%20sleeps.")
assert status == 200 and [g["label"] for g in scores] == list(host[0]["probabilities"]), scores
assert call("/healthz") == (200, {"status": "alive"})
status, ready = call("/readyz")
assert status == 200 and ready["status"] == "ready" and ready["model_id"].startswith("sha256:"), ready
status, problem = call("/v1/predict", {"texts": [1]})
assert status == 400 and problem["field"] == "texts[0]" and problem["requestId"], problem
status, problem = call("/nowhere")
assert status == 404 and "GET /healthz" in problem["detail"], problem
status, openapi = call("/openapi/v1.json")
assert status == 200 and "/v1/predict" in openapi["paths"], openapi.keys()
metrics = urllib.request.urlopen(base + "/metrics").read().decode()
for series in ("mlops_prediction_confidence_bucket", 'mlops_drift_detected{signal="any"}', "mlops_drift_window_events", "mlops_prediction_events_dropped_total"):
    assert series in metrics, f"/metrics has no {series}"
print(f"the image predicts like `mlops predict` on {len(sentences)} sentences (accents included); health, problems, OpenAPI and the drift gauges answer")
PY
}
# Image $1 as a Lambda function: the container's cold start to its first answer, and 1,000 mixed events through one
# container that must answer all (mlops bench lambda, against its own local Runtime API).
check_lambda() {
  "${mlops[@]}" bench lambda --image "$1" --shapes tiny --repeats 1 --warm 20 --events 1000 --json "$work/lambda.json" > "$work/lambda.log" 2>&1 \
    || { cat "$work/lambda.log"; fail "mlops bench lambda failed on $1"; }
  python3 - "$work/lambda.json" "$1" <<'PY' || fail "the Lambda function in $1 did not answer every event"
import json, sys
run = json.load(open(sys.argv[1]))[0]
assert run["replayed"] == 1000 and run["wrong"] == 0 and run["alive"] and run["sigterm_exit"] == 0, run
print(f"lambda {sys.argv[2]}: container cold start {run['cold_ms'][0]:.0f} ms, warm p50 {run['warm_p50_ms']:.2f} ms, 1,000 mixed events answered by one process")
PY
}

echo "== container tools"
if ! command -v podman >/dev/null || ! command -v skopeo >/dev/null || ! command -v docker-registry >/dev/null || ! command -v prometheus >/dev/null \
  || ! command -v htpasswd >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman buildah skopeo runc docker-registry uidmap prometheus apache2-utils >/dev/null
fi
# Podman's defaults fail here (../shared/notes/containers.md): crun, a nofile limit the kernel refuses, systemd.
cat > "$work/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF="$work/containers.conf"

echo "== a tiny model, trained and exported"
(cd "$work" && "${mlops[@]}" train model=tiny training=fast >/dev/null && "${mlops[@]}" export --out "$work/served" >/dev/null)
printf 'the dog sleeps.\ndog the sleeps.\nJosé naïve café sleeps\n' > "$work/sentences.txt"
"${mlops[@]}" predict --model "$work/served" --input "$work/sentences.txt" --output "$work/host.jsonl" >/dev/null

echo "== the model versioned with mlops data, pushed, and gone from the workspace"
model_bytes=$(du -sb "$work/served" | cut -f1)
(cd "$work" && "${mlops[@]}" data init >/dev/null)
if [ -n "${MLOPS_TEST_S3:-}" ]; then
  # The S3 remote a release pulls from, on the S3-compatible server .ci/run started (s3rver, bucket mlops-test).
  (cd "$work" && "${mlops[@]}" data remote add --default storage "s3://mlops-test/image-check-$$" >/dev/null \
    && "${mlops[@]}" data remote modify storage endpointurl "$MLOPS_TEST_S3" \
    && "${mlops[@]}" data remote modify --local storage access_key_id S3RVER \
    && "${mlops[@]}" data remote modify --local storage secret_access_key S3RVER)
else
  (cd "$work" && "${mlops[@]}" data remote add --default storage "$work/store" >/dev/null)
fi
(cd "$work" && "${mlops[@]}" data add served >/dev/null && "${mlops[@]}" data push)
rm -rf "$work/served" "$work/.dvc/cache"

echo "== build, pulling the model in"
MLOPS_CLI="${mlops[*]}" deploy/build-image.sh --tag "$image" --dvc-pull "$work/served"
[ -f "$work/served/model.onnx" ] || fail "the build did not pull the model"
size=$(podman image inspect --format '{{.Size}}' "$image")
[ "$((size - model_bytes))" -lt 100000000 ] || fail "the image is $((size / 1000000)) MB, over 100 MB besides its $((model_bytes / 1000000)) MB model"
[ "$(podman image inspect --format '{{.Config.User}}' "$image")" = "10001:10001" ] || fail "the image runs as root"
podman image inspect --format '{{json .Config.Healthcheck}}' "$image" | grep -q healthcheck || fail "the image has no HEALTHCHECK"
if podman run --rm --entrypoint /app/mlops-serve "$image" 2>"$work/nomodel.log"; then fail "a host without a model started"; fi
grep -q "^error: " "$work/nomodel.log" || fail "no one-line error without a model: $(cat "$work/nomodel.log")"

echo "== run, health, predict"
ready=$(run_until_ready "$image")
podman healthcheck run "$name" || fail "podman healthcheck run says unhealthy"
check_answers

echo "== Prometheus scrapes it (deploy/prometheus/prometheus.yml and its alert rules, pointed at the published port)"
sed "s/api:8000/127.0.0.1:$port/" deploy/prometheus/prometheus.yml > "$work/prometheus.yml"
cp deploy/prometheus/alerts.yml "$work/alerts.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --web.listen-address=127.0.0.1:19090 \
  > "$work/prometheus.log" 2>&1 & echo $! > "$work/prometheus.pid"
query="http://127.0.0.1:19090/api/v1/query?query=sum(mlops_predictions_total)"
for _ in $(seq 150); do
  curl -sf "$query" | grep -q '"value":\[[0-9.]*,"[1-9]' && break
  sleep 0.2
done
curl -sf "$query" | grep -q '"value":\[[0-9.]*,"[1-9]' || { tail -5 "$work/prometheus.log"; fail "Prometheus has no mlops_predictions_total from the container"; }
kill "$(cat "$work/prometheus.pid")"

echo "== SIGTERM with a request in flight"
# The body arrives over 1.5 s (chunked); podman stop (SIGTERM) comes after 0.5 s: the request must still get its 200.
( printf '{"text": "the dog'; sleep 1.5; printf ' sleeps."}' ) \
  | curl -s -o "$work/inflight.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' -T - "http://127.0.0.1:$port/v1/predict" > "$work/inflight.status" &
client=$!
sleep 0.5
stop_start=$(now)
podman stop --time 15 "$name" >/dev/null
stopped=$(since "$stop_start")
wait "$client" || true
[ "$(cat "$work/inflight.status")" = 200 ] || fail "the request in flight got '$(cat "$work/inflight.status")', not 200"
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
[ "$exit_code" = 0 ] || { podman logs "$name"; fail "exit code $exit_code after SIGTERM"; }
podman rm "$name" >/dev/null

echo "== mlops demo with every server, serving this image (deploy/check-demo.sh)"
bash deploy/check-demo.sh "$image"

echo "== push (deploy/release/push-image.sh, as a release does), pull, inspect, run"
# Without REGISTRY: a docker-registry on 127.0.0.1:5000 with htpasswd authentication (bcrypt), as ECR requires a
# login. With REGISTRY=host:port the caller has logged in to it (podman login) and the refusal check is skipped.
registry="${REGISTRY:-}"
repository="mlops-serve"
version=v0.0.0-ci
sha="$(git rev-parse --short HEAD)"
creds=() refused=""
if [ -z "$registry" ]; then
  registry=127.0.0.1:5000
  # podman login, push, pull and skopeo keep this login in this file only: nothing is left in root's auth.json.
  # (podman refuses an auth file that does not exist, so it starts empty.)
  export REGISTRY_AUTH_FILE="$work/auth.json"
  echo '{}' > "$REGISTRY_AUTH_FILE"
  user=ci password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  htpasswd -Bbn "$user" "$password" > "$work/htpasswd"
  # Our own config: the one Debian packages has a broken htpasswd entry (../shared/notes/containers.md).
  cat > "$work/registry.yml" <<YML
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $work/registry-data}, delete: {enabled: true}}
http: {addr: $registry}
auth: {htpasswd: {realm: mlops-ci, path: $work/htpasswd}}
YML
  # The registry reads REGISTRY_* variables as configuration (REGISTRY_AUTH_FILE would be auth.file): not ours.
  env -u REGISTRY_AUTH_FILE docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 & echo $! > "$work/registry.pid"
  for _ in $(seq 100); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://$registry/v2/")" = 401 ] && break; sleep 0.1; done
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://$registry/v2/")" = 401 ] || { cat "$work/registry.log"; fail "the registry does not ask for credentials"; }
  push_start=$(now)
  if deploy/release/push-image.sh --image "$image" --registry "$registry" --repository "$repository" --tag refused \
    --tls-verify=false > "$work/refused.log" 2>&1; then
    fail "an unauthenticated push was accepted"
  fi
  grep -qiE '^error: .*(unauthorized|authentication required|401)' "$work/refused.log" \
    || fail "the refused push did not say why in an error: line: $(cat "$work/refused.log")"
  refused=$(since "$push_start")
  podman login --tls-verify=false -u "$user" --password-stdin "$registry" <<< "$password" >/dev/null
  creds=(--creds "$user:$password")
fi
push_start=$(now)
deploy/release/push-image.sh --image "$image" --registry "$registry" --repository "$repository" --tag "$version" --tag "$sha" \
  --tls-verify=false | tee "$work/push.log"
pushed=$(since "$push_start")
digest="$(tail -n 1 "$work/push.log" | sed -n 's/^digest: \(sha256:[0-9a-f]\{64\}\)$/\1/p')"
[ -n "$digest" ] || fail "push-image.sh did not end with a digest: line"
for tag in "$version" "$sha"; do
  skopeo inspect --tls-verify=false "${creds[@]}" "docker://$registry/$repository:$tag" > "$work/inspect-$tag.json"
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))["Digest"]; sys.exit(d != sys.argv[2] and f"{sys.argv[3]} resolves to {d}, not {sys.argv[2]}")' \
    "$work/inspect-$tag.json" "$digest" "$tag" || fail "the tags do not resolve to the pushed digest"
done
# v2s2 (Docker schema 2) keeps the HEALTHCHECK, which the OCI format has no field for.
remote="$registry/$repository@$digest"
built_id=$(podman image inspect --format '{{.Id}}' "$image")
# The local image goes first, so the pull fetches its layers for real (the base's stay: localhost/mlops-base holds them);
# the pulled one gets the local tag back.
podman rmi -f "$image" "$registry/$repository:$version" "$registry/$repository:$sha" >/dev/null 2>&1 || true
pull_start=$(now)
podman pull --quiet --tls-verify=false "docker://$remote" >/dev/null
pulled=$(since "$pull_start")
[ "$(podman image inspect --format '{{.Id}}' "$remote")" = "$built_id" ] || fail "the image pulled back from $remote is not the one built"
podman tag "$remote" "$image"
skopeo inspect --tls-verify=false "${creds[@]}" --config --raw "docker://$remote" > "$work/config.json"
python3 - "$work/inspect-$version.json" "$work/config.json" <<'PY'
import json, sys
inspect, config = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))["config"]
assert inspect["Architecture"] == "amd64" and inspect["Os"] == "linux", inspect
assert config["User"] == "10001:10001" and "healthcheck" in config["Healthcheck"]["Test"], config
print(f"pushed and pulled back: {inspect['Name']}@{inspect['Digest'][:19]}..., {len(inspect['Layers'])} layers, user {config['User']}, health check kept")
PY
# The pulled-back image, by digest as a deployment names it, starts and gets ready on its baked-in model.
pulled_ready=$(run_until_ready "$remote")
podman rm -f "$name" >/dev/null
podman rmi "$remote" >/dev/null   # the digest's name only: the image stays as $image
echo "registry: ${refused:+unauthenticated push refused in ${refused} s, }push of 2 tags ${pushed} s, pull ${pulled} s, pulled image ready in ${pulled_ready} s"

echo "== the same image as an AWS Lambda function, on a local Runtime API and function URL"
lambda_port=19001
"${mlops[@]}" bench lambda-api --port "$lambda_port" > "$work/lambda-api.log" 2>&1 & echo $! > "$work/lambda-api.pid"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$lambda_port") 2>/dev/null && break; sleep 0.1; done
podman run -d --name "$name-lambda" --network host -e "AWS_LAMBDA_RUNTIME_API=127.0.0.1:$lambda_port" "$image" >/dev/null
deploy/release/smoke-test.sh "http://127.0.0.1:$lambda_port/" || { podman logs "$name-lambda"; fail "the release smoke test failed on the Lambda image"; }
podman rm -f "$name-lambda" >/dev/null
check_lambda "$image"
echo "== the same host compiled to native code (build-image.sh --aot): every route, and the Lambda function"
aot_image="localhost/mlops-serve:ci-aot"
deploy/build-image.sh --tag "$aot_image" --model "$work/served" --aot
aot_size=$(podman image inspect --format '{{.Size}}' "$aot_image")
aot_ready=$(run_until_ready "$aot_image")
check_answers
podman rm -f "$name" >/dev/null
check_lambda "$aot_image"
echo "native AOT: $((aot_size / 1000000)) MB with the model, start to ready ${aot_ready} s"
echo "image check passed: $((size / 1000000)) MB with its $((model_bytes / 1000000)) MB model, start to ready ${ready} s, SIGTERM drained in ${stopped} s"
