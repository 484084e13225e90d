#!/usr/bin/env bash
# Writes the Docker config.json the Beanstalk instances pull the image with (infra/registry.tf) to S3.
#
#   scripts/put-registry-credentials.sh DOCKERHUB_USER s3://BUCKET/KEY
#
# The Docker Hub access token (read-only is enough) is read from the terminal without echo, or from standard
# input when piped (the deploy workflow: printenv DOCKERHUB_PULL_TOKEN | scripts/put-registry-credentials.sh ...).
# It goes from here to S3 through a pipe: never into a file, an argument or the output. `terraform plan` prints
# the exact s3:// location when registry_auth_bucket is set and the object is missing. Needs the AWS CLI v2 with
# credentials that may write the object.
set -euo pipefail

usage="usage: $0 DOCKERHUB_USER s3://BUCKET/KEY   (the access token is read from the terminal or standard input)"
[ $# -eq 2 ] || { echo "$usage" >&2; exit 2; }
user=$1
location=$2
[[ $user =~ ^[a-z0-9][a-z0-9._-]*$ ]] || { echo "Not a Docker Hub user name: '$user'. $usage" >&2; exit 2; }
[[ $location =~ ^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^[:space:]]+$ ]] || { echo "Not an s3://BUCKET/KEY location: '$location'. $usage" >&2; exit 2; }

if [ -t 0 ]; then
  read -r -s -p "Docker Hub access token for $user (not shown): " token
  echo >&2
else
  IFS= read -r token || true
fi
[ -n "$token" ] || { echo "No access token given: nothing written (instances would fail to pull as unauthorised)." >&2; exit 1; }

# Docker's "auth" is base64 of user:token on one line; tr removes the wrapping some base64 tools add (GNU, not
# macOS), so no platform-specific flag is needed. base64 output needs no JSON escaping.
auth=$(printf '%s:%s' "$user" "$token" | base64 | tr -d '\r\n')
printf '{"auths":{"https://index.docker.io/v1/":{"auth":"%s"}}}' "$auth" |
  aws s3 cp - "$location" --content-type application/json --only-show-errors
echo "Wrote the Docker Hub credentials of $user to $location." >&2
