#!/usr/bin/env bash
# Builds the serving image (deploy/Dockerfile) with podman, or docker when CONTAINER_ENGINE=docker:
# publishes the host trimmed and self-contained into a fresh build context, makes the glibc-only base from this
# machine's libraries (unless --base names one), optionally bakes a model in, and prints the image's size.
#   deploy/build-image.sh --tag localhost/mlops-serve:dev [--model DIR | --dvc-pull DIR [--rev REV]] [--base IMAGE] [--jit | --aot]
# DIR is a serving folder (`mlops export --out DIR`): model.onnx, vocab.txt, config.json, mlops.json. With --dvc-pull,
# DIR is tracked by `mlops data` and is pulled first (verified), as git revision REV's .dvc files name it with --rev:
# how a release bakes in the model version it ships. MLOPS_CLI overrides how mlops is run (default: dotnet run).
# --jit publishes without ReadyToRun (smaller, slower to start); --aot compiles the host to native code (native AOT:
# faster to start; needs a C toolchain and zlib1g-dev). The three are compared in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

tag="" model="" base="" dvc_pull="" rev="" build=r2r
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --base) base="$2"; shift 2 ;;
    --dvc-pull) dvc_pull="$2"; shift 2 ;;
    --rev) rev="$2"; shift 2 ;;
    --jit) [ "$build" = r2r ] || { echo "error: choose one of --jit and --aot" >&2; exit 2; }; build=jit; shift ;;
    --aot) [ "$build" = r2r ] || { echo "error: choose one of --jit and --aot" >&2; exit 2; }; build=aot; shift ;;
    *) echo "error: unknown argument '$1'; usage: deploy/build-image.sh --tag NAME:TAG [--model DIR | --dvc-pull DIR [--rev REV]] [--base IMAGE] [--jit | --aot]" >&2; exit 2 ;;
  esac
done
[ -n "$tag" ] || { echo "error: --tag NAME:TAG is required" >&2; exit 2; }
[ -z "$rev" ] || [ -n "$dvc_pull" ] || { echo "error: --rev needs --dvc-pull DIR (the tracked model folder)" >&2; exit 2; }
if [ -n "$dvc_pull" ]; then
  [ -z "$model" ] || { echo "error: give the model once: --model DIR or --dvc-pull DIR" >&2; exit 2; }
  read -r -a mlops_cli <<< "${MLOPS_CLI:-dotnet run --project $PWD/src/Mlops.Cli -c Release --}"
  echo "== mlops data pull $dvc_pull${rev:+ --rev $rev}"
  (cd "$(dirname "$dvc_pull")" && "${mlops_cli[@]}" data pull "$(basename "$dvc_pull")" ${rev:+--rev "$rev"})
  model="$dvc_pull"
fi
if [ -n "$model" ] && [ ! -f "$model/model.onnx" ]; then
  echo "error: --model '$model' has no model.onnx; export one with \`mlops export --out DIR\`" >&2; exit 4
fi
engine="${CONTAINER_ENGINE:-podman}"
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT

case "$build" in
  r2r) compile=(-p:PublishReadyToRun=true) ;;
  jit) compile=(-p:PublishReadyToRun=false) ;;
  aot)
    compile=(-p:PublishReadyToRun=false -p:PublishAot=true)
    if ! command -v clang >/dev/null && ! command -v gcc >/dev/null || [ ! -f /usr/include/zlib.h ]; then
      echo "error: --aot links with a C toolchain and zlib: apt-get install clang zlib1g-dev" >&2; exit 6
    fi ;;
esac
echo "== publish (trimmed, self-contained, $build) -> $context/app"
dotnet publish src/Mlops.Serving.Host -c Release -p:PublishProfile=container "${compile[@]}" -o "$context/app" --nologo -v quiet
# Native AOT's symbols (mlops-serve.dbg, 60 MB) stay out of the image, as the runtime's own are left out of its package.
rm -f "$context/app/mlops-serve.dbg"
# Debugger and LTTng tracing hooks: a production container never loads them (LTTng is not even in the base).
rm -f "$context/app/libmscordaccore.so" "$context/app/libmscordbi.so" "$context/app/libcoreclrtraceptprovider.so"

# Nothing that predicts loads libtorch: the architecture tests keep TorchSharp out of the host; this keeps it out of the image.
if ls "$context/app" | grep -i torch; then echo "error: the serving publish contains TorchSharp or libtorch files (above)" >&2; exit 1; fi

mkdir -p "$context/model"
# The serving files only: a run folder's training weights (*.safetensors) are not what the host loads.
[ -z "$model" ] || find "$model" -maxdepth 1 -type f ! -name '*.safetensors' -exec cp {} "$context/model/" \;

if [ -z "$base" ]; then
  base="localhost/mlops-base:glibc"
  echo "== base $base: glibc from this machine, as ldd lists it for the host and ONNX Runtime"
  rootfs="$context/base/rootfs"
  mkdir -p "$rootfs/tmp" && chmod 1777 "$rootfs/tmp"
  # .NET loads OpenSSL with dlopen (ldd cannot see it) for SHA-256, which identifies the model; nothing else of TLS is used.
  openssl=$(/sbin/ldconfig -p | awk '($1 == "libssl.so.3" || $1 == "libcrypto.so.3") && /x86-64/ { print $NF }')
  [ -n "$openssl" ] || { echo "error: libssl.so.3 is not installed here (apt-get install libssl3)" >&2; exit 6; }
  # shellcheck disable=SC2086
  ldd "$context/app/mlops-serve" "$context/app"/*.so $openssl 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' \
    | cat - <(printf '%s\n' $openssl) | sort -u | while read -r library; do cp -L --parents "$library" "$rootfs/"; done
  "$engine" build --quiet --format docker -f deploy/base.Dockerfile -t "$base" "$context/base" >/dev/null
fi

echo "== image $tag on $base"
"$engine" build --quiet --format docker --build-arg "BASE_IMAGE=$base" -f deploy/Dockerfile -t "$tag" "$context" >/dev/null
size=$("$engine" image inspect --format '{{.Size}}' "$tag")
echo "built $tag: $((size / 1000000)) MB$([ -n "$model" ] && echo " with the model in $model" || echo " without a model (mount one at /model)")"
