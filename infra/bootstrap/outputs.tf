output "state_bucket" {
  description = "Bucket for the main module's state: pass it as -backend-config=bucket=... (repository variable TF_STATE_BUCKET)."
  value       = module.state_bucket.name
}

output "region" {
  description = "Region of the state bucket (repository variable AWS_REGION)."
  value       = var.region
}

output "deploy_role_arn" {
  description = "Role the production jobs assume (repository variable AWS_DEPLOY_ROLE_ARN); null without github_repository."
  value       = one(aws_iam_role.deploy[*].arn)
}

output "plan_role_arn" {
  description = "Role pull-request plans assume (repository variable AWS_PLAN_ROLE_ARN); null without github_repository."
  value       = one(aws_iam_role.plan[*].arn)
}
