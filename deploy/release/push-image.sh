#!/usr/bin/env bash
# Pushes a local image to a registry under one or more tags and prints the digest the registry stored, as the last
# line `digest: sha256:...` (what a deployment pins: REGISTRY/REPOSITORY@sha256:...). Used by the release workflow
# (ECR) and by deploy/check-image.sh (a local docker-registry with authentication), so both run the same steps.
#   deploy/release/push-image.sh --image LOCAL_IMAGE --registry HOST[:PORT] --repository NAME \
#       --tag VERSION [--tag SHA ...] [--tls-verify=false]
# podman by default (pushed as Docker schema 2, which keeps the HEALTHCHECK the OCI format drops), docker when
# CONTAINER_ENGINE=docker (Docker's daemon decides on TLS itself: --tls-verify applies to podman). It never logs in: log in first (`podman login`, `docker login`, or the ECR login action);
# a refused push is one `error:` line. Exit codes: 2 bad arguments, 3 no such local image, 4 a push failed,
# 5 the tags did not resolve to one digest.
set -euo pipefail

usage="usage: deploy/release/push-image.sh --image LOCAL_IMAGE --registry HOST[:PORT] --repository NAME --tag TAG [--tag TAG ...] [--tls-verify=false]"
bad() { echo "error: $*; $usage" >&2; exit 2; }

image="" registry="" repository="" tls_verify=true tags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --image|--registry|--repository|--tag)
      if [ $# -lt 2 ] || [ -z "$2" ] || [ "${2#--}" != "$2" ]; then bad "$1 needs a value"; fi
      case "$1" in
        --image) image="$2" ;;
        --registry) registry="$2" ;;
        --repository) repository="$2" ;;
        --tag) tags+=("$2") ;;
      esac
      shift 2 ;;
    --tls-verify=false) tls_verify=false; shift ;;
    --tls-verify=true|--tls-verify) tls_verify=true; shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    *) bad "unknown argument '$1'" ;;
  esac
done
[ -n "$image" ] || bad "--image is required"
[ -n "$registry" ] || bad "--registry is required"
[ -n "$repository" ] || bad "--repository is required"
[ ${#tags[@]} -gt 0 ] || bad "at least one --tag is required"
# The registry is a host with an optional port, not a URL; names and tags follow the distribution spec's grammar.
[[ "$registry" =~ ^[A-Za-z0-9.-]+(:[0-9]+)?$ ]] || bad "--registry '$registry' is not HOST[:PORT] (no scheme, no path)"
[[ "$repository" =~ ^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$ ]] \
  || bad "--repository '$repository' is not a repository name (lower case, digits, '.', '_', '-', '/')"
for tag in "${tags[@]}"; do
  [[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || bad "--tag '$tag' is not a valid tag ([A-Za-z0-9_.-], at most 128, not starting with '.' or '-')"
done

engine="${CONTAINER_ENGINE:-podman}"
case "$engine" in
  podman|docker) ;;
  *) echo "error: CONTAINER_ENGINE='$engine': podman or docker" >&2; exit 2 ;;
esac
command -v "$engine" >/dev/null || { echo "error: $engine is not installed" >&2; exit 2; }
"$engine" image inspect "$image" >/dev/null 2>&1 || { echo "error: no local image '$image' ($engine images lists them)" >&2; exit 3; }

log="$(mktemp)"
digest_file="$(mktemp)"
trap 'rm -f "$log" "$digest_file"' EXIT

# The last line of the engine's output that says what went wrong, for the one error line.
reason() { grep -v '^[[:space:]]*$' "$log" | grep -iE 'error|denied|unauthori[sz]ed|authentication|refused|not found|failed' | tail -n 1 || tail -n 1 "$log"; }

digest=""
for tag in "${tags[@]}"; do
  remote="$registry/$repository:$tag"
  if [ "$engine" = podman ]; then
    podman push --quiet --format v2s2 --tls-verify="$tls_verify" --digestfile "$digest_file" "$image" "docker://$remote" >"$log" 2>&1 \
      || { echo "error: push to $remote failed: $(reason)" >&2; exit 4; }
    pushed="$(cat "$digest_file")"
  else
    # Docker pushes the name it is given; its output ends with "TAG: digest: sha256:... size: N".
    docker tag "$image" "$remote" >"$log" 2>&1 || { echo "error: docker tag $image $remote failed: $(reason)" >&2; exit 4; }
    docker push "$remote" >"$log" 2>&1 || { echo "error: push to $remote failed: $(reason)" >&2; exit 4; }
    pushed="$(sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' "$log" | tail -n 1)"
  fi
  [[ "$pushed" =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "error: push to $remote reported no digest" >&2; exit 4; }
  echo "pushed $remote ($pushed)"
  if [ -z "$digest" ]; then
    digest="$pushed"
  elif [ "$pushed" != "$digest" ]; then
    echo "error: $remote is $pushed, but ${tags[0]} is $digest: the tags name different manifests" >&2
    exit 5
  fi
done
echo "digest: $digest"
