#!/usr/bin/env bash
# The serving fuzz run (FuzzTests: 10,000 seeded malformed requests of ten kinds, and broken raw HTTP) against a
# separate mlops-serve process, whose memory is read from outside (/proc/PID/status) after a warm-up, after one
# round and after a second: the server must answer no 5xx and its memory must stay bounded.
# usage: bench/serve-fuzz.sh [rounds]     (after `dotnet build Mlops.slnx`; trains and exports a tiny model first)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"
work="$(mktemp -d)"
bin="$PWD/tests/Mlops.Serving.Tests/bin/Debug/net10.0/linux-x64"
mlops=(dotnet "$PWD/src/Mlops.Cli/bin/Debug/net10.0/linux-x64/mlops.dll")
port=18500
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

(cd "$work" && "${mlops[@]}" train model=tiny training=fast >/dev/null && "${mlops[@]}" export --out "$work/served" >/dev/null)
# The fuzz fixture's limits, so each request kind means the same thing against this server.
dotnet "$bin/mlops-serve.dll" serving.model_dir="$work/served" serving.port=$port serving.threads=1 \
  serving.max_texts=4 serving.max_text_characters=200 serving.max_request_bytes=4096 > "$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.1; done
for i in $(seq 200); do curl -sf "http://127.0.0.1:$port/predict?text=the+cat+sat+$i" >/dev/null; done

memory() { awk '/^VmRSS|^VmHWM/ { printf "%s %.0f MB  ", $1, $2 / 1024 }' "/proc/$server/status"; echo; }
echo "after 200 valid requests:        $(memory)"
for round in $(seq "$rounds"); do
  MLOPS_FUZZ_URL="http://127.0.0.1:$port" dotnet test tests/Mlops.Serving.Tests --no-build --filter FuzzTests --nologo -v quiet \
    | grep -E "Passed!|Failed!"
  echo "after fuzz round $round (10,000):   $(memory)"
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && echo "still ready; 5xx answers in its /metrics: \
$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^http_requests_received_total\{.*code="5/ { n += $2 } END { print n + 0 }')"
