#!/usr/bin/env bash
# The packaging check CI runs (from .ci/run), on the built solution: packs the mlops tool and the inference library
# (with the two packages it needs) into artifacts/packages, installs the tool from that folder into a clean tool path,
# and in a clean folder outside the checkout runs `mlops --version`, `mlops --help`, a short train, predict, runs list
# (the run is tracked and finished) and export; then builds samples/aspnet-classifier, an ASP.NET app of a user's own,
# against the packed library, serves the exported model through it and checks its label matches `mlops predict`.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
packages="$repo/artifacts/packages"
work="$(mktemp -d)"
port=18100
cleanup() {
  [ -f "$work/sample.pid" ] && kill "$(cat "$work/sample.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "package check failed: $*" >&2; exit 1; }

echo "-- pack $version into artifacts/packages"
rm -rf "$packages"
for project in Mlops.Cli Mlops.Core Mlops.Data Mlops.Inference; do
  dotnet pack "src/$project" --no-build -c Debug -o "$packages" --nologo -v:q
done
# Restores of this version must take these packages, not ones an earlier run left in the NuGet cache.
cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
rm -rf "$cache"/mlops/"$version" "$cache"/mlops.core/"$version" "$cache"/mlops.data/"$version" "$cache"/mlops.inference/"$version"
ls -l "$packages"

echo "-- install the tool into a clean tool path and use it outside the checkout"
dotnet tool install mlops --tool-path "$work/tools" --add-source "$packages" --version "$version"
mlops="$work/tools/mlops"
mkdir "$work/user" && cd "$work/user"
"$mlops" --version | grep -q "^$version" || fail "mlops --version does not print $version"
"$mlops" --help | grep -q "demo" || fail "mlops --help does not list mlops demo"
"$mlops" train model=minilm training.max_epochs=1 training.limit_train_batches=5 >/dev/null
"$mlops" runs list | grep -q finished || fail "the installed tool's run is not tracked as finished"
"$mlops" export >/dev/null
[ -f outputs/latest/model/model.onnx ] || fail "mlops export wrote no outputs/latest/model/model.onnx"
echo "the dog sleeps." > sentences.txt
expected=$("$mlops" predict --input sentences.txt | jq -r .label)

echo "-- mlops demo's short variant (embedded alternatives, no servers), from the installed tool"
"$mlops" demo --no-servers --dir "$work/demo" training.max_epochs=1 training.limit_train_batches=5 > "$work/demo.log" 2>&1 \
  || { cat "$work/demo.log"; fail "mlops demo failed from the installed tool"; }
jq -e '(.steps | length) == 8 and .first_alarm_at > 0' "$work/demo/demo.json" >/dev/null || fail "the demo's record misses a step or the alarm: $(cat "$work/demo/demo.json")"
[ -z "$(pgrep -f -- "$work/demo" || true)" ] || fail "the demo left processes behind: $(pgrep -af -- "$work/demo")"
grep "total" "$work/demo.log"

echo "-- an ASP.NET app of one's own, built against the packed Mlops.Inference"
cp -r "$repo/samples/aspnet-classifier" "$work/sample"
cat > "$work/sample/nuget.config" <<CONFIG
<configuration><packageSources><add key="mlops-local" value="$packages" /></packageSources></configuration>
CONFIG
dotnet build "$work/sample" --nologo -v:q -o "$work/sample/bin/out" >/dev/null
(cd "$work/user" && exec dotnet "$work/sample/bin/out/AspNetClassifier.dll" --Model outputs/latest --urls "http://127.0.0.1:$port") \
  > "$work/sample.log" 2>&1 &
echo $! > "$work/sample.pid"
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
answer=$(curl -sf -X POST "http://127.0.0.1:$port/classify" -H 'Content-Type: application/json' -d '["the dog sleeps."]') \
  || fail "the sample app did not answer: $(cat "$work/sample.log")"
label=$(echo "$answer" | jq -r '.[0].label')
[ "$label" = "$expected" ] || fail "the sample app says $label, mlops predict says $expected"
echo "package check passed: tool $version installed and used outside the checkout; the sample app predicts '$label' as mlops predict does"
