output "state_bucket" {
  description = "Bucket for the main module's state: pass it as -backend-config=bucket=... (repository variable TF_STATE_BUCKET)."
  value       = module.state_bucket.name
}

output "registry_auth_bucket" {
  description = "Bucket of the instances' Docker Hub credentials (repository variable REGISTRY_AUTH_BUCKET, main module's registry_auth_bucket)."
  value       = module.registry_auth_bucket.name
}

output "region" {
  description = "Region of the state bucket (repository variable AWS_REGION)."
  value       = var.region
}

output "plan_role_arn" {
  description = "Role of pull-request plans (repository variable AWS_PLAN_ROLE_ARN); null without github_repository."
  value       = try(aws_iam_role.github["plan"].arn, null)
}

output "infrastructure_role_arn" {
  description = "Role of the production terraform apply (repository variable AWS_INFRASTRUCTURE_ROLE_ARN); null without github_repository."
  value       = try(aws_iam_role.github["infrastructure"].arn, null)
}

output "release_role_arn" {
  description = "Role of the production release (repository variable AWS_RELEASE_ROLE_ARN); null without github_repository."
  value       = try(aws_iam_role.github["release"].arn, null)
}

output "permissions_boundary_arn" {
  description = "Boundary every role of the main module must carry (repository variable PERMISSIONS_BOUNDARY_ARN, main module's permissions_boundary_arn)."
  value       = aws_iam_policy.boundary.arn
}
