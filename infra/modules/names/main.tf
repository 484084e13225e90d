# Every name the project gives AWS resources, in one place for both root modules: infra/ makes the resources
# under these names, infra/bootstrap scopes the GitHub roles and the boundary to them. No provider, no
# resources: given "*" for region (and account), the same expressions become the IAM patterns bootstrap needs.

variable "name" {
  description = "Project name (infra/ and infra/bootstrap variable name)."
  type        = string
}

variable "environment" {
  description = "Environment suffix of the Beanstalk environment; \"*\" for a pattern over all of them."
  type        = string
  default     = "*"
}

variable "account_id" {
  description = "AWS account ID that bucket names carry (S3 bucket names are global)."
  type        = string
}

variable "region" {
  description = "Region the buckets are in; \"*\" for a pattern over every region."
  type        = string
}

output "beanstalk_role_prefix" {
  description = "Prefix of the IAM roles and the instance profile infra/ creates for Beanstalk."
  value       = "${var.name}-beanstalk-"
}

output "permissions_boundary" {
  description = "Name of the permissions boundary (customer managed policy) of those roles."
  value       = "${var.name}-beanstalk-boundary"
}

output "github_prefix" {
  description = "Prefix of the GitHub OIDC roles and their policies (infra/bootstrap)."
  value       = "${var.name}-github-"
}

output "environment" {
  description = "Beanstalk environment name."
  value       = "${var.name}-${var.environment}"
}

output "buckets" {
  description = "S3 bucket names by purpose: bundles and lb_logs (infra/), state and registry_auth (infra/bootstrap)."
  value = {
    for purpose, infix in { bundles = "bundles", lb_logs = "lb-logs", state = "tfstate", registry_auth = "registry" } :
    purpose => "${var.name}-${infix}-${var.account_id}-${var.region}"
  }
}

output "state_key" {
  description = "Key of infra/'s state in the state bucket (terraform init -backend-config=key=...)."
  value       = "${var.name}/terraform.tfstate"
}

output "registry_auth_key" {
  description = "Key of the instances' Docker Hub credentials (a Docker config.json) in the registry_auth bucket."
  value       = "dockerhub/config.json"
}
