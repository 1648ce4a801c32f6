#!/usr/bin/env bash
# Container start to ready, measured from the host: `podman run -d` until GET /readyz answers 200, polled every 10 ms,
# beside the host's own account (its "warmed up N ms after the process started" log line) and the image's size.
# usage: bench/image-start.sh IMAGE [runs] [MODEL_DIR to mount at /model]
#   deploy/build-image.sh --tag localhost/mlops-serve:tiny --model DIR && bench/image-start.sh localhost/mlops-serve:tiny 5
# Needs podman set up as in deploy/check-image.sh (CONTAINERS_CONF).
set -euo pipefail
image="$1" runs="${2:-5}" model="${3:-}"
port=18600
mount=()
[ -z "$model" ] || mount=(-v "$model:/model:ro")
printf '%s: %s MB\n' "$image" "$(( $(podman image inspect --format '{{.Size}}' "$image") / 1000000 ))"
for run in $(seq "$runs"); do
  name="mlops-start-$$-$run"
  start=$(date +%s%N)
  podman run -d --name "$name" -p "127.0.0.1:$port:8000" "${mount[@]}" "$image" >/dev/null 2> >(grep -v "systemd connection" >&2)
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.01; done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  host_ms=$(podman logs "$name" 2>&1 | sed -n 's/.*warmed up \([0-9]*\) ms.*/\1/p')
  printf 'run %d: start to ready %d ms (the host itself: %s ms)\n' "$run" "$ready_ms" "${host_ms:-?}"
  podman rm -f "$name" >/dev/null 2> >(grep -v "systemd connection" >&2)
done
