output "url" {
  description = "Public URL of the service: https://domain_name when set, else http:// on the environment's own name."
  value       = local.https ? "https://${var.domain_name}" : "http://${aws_elastic_beanstalk_environment.this.cname}"
}

output "application_name" {
  description = "Elastic Beanstalk application name (beanstalk.applicationName of the release step)."
  value       = aws_elastic_beanstalk_application.this.name
}

output "environment_name" {
  description = "Elastic Beanstalk environment name."
  value       = aws_elastic_beanstalk_environment.this.name
}

output "environment_id" {
  description = "Elastic Beanstalk environment ID, e-xxxxxxxxxx (beanstalk.environmentId of the release step): unlike the name, never shared with a terminated environment."
  value       = aws_elastic_beanstalk_environment.this.id
}

output "bundle_bucket" {
  description = "S3 bucket for source bundles (beanstalk.s3Bucket of the release step)."
  value       = module.bundle_bucket.name
}

output "region" {
  description = "AWS region of everything above (beanstalker.region of the release step)."
  value       = var.region
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (load balancer), by availability zone."
  value       = { for az, s in aws_subnet.public : az => s.id }
}

output "private_subnet_ids" {
  description = "IDs of the private subnets (instances), by availability zone."
  value       = { for az, s in aws_subnet.private : az => s.id }
}

output "initial_version_label" {
  description = "Label of the application version Terraform created from var.image; releases use git SHAs."
  value       = aws_elastic_beanstalk_application_version.initial.name
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms and Beanstalk's notifications: subscribe more endpoints to it."
  value       = aws_sns_topic.alarms.arn
}

output "access_logs_bucket" {
  description = "S3 bucket of the load balancer's access logs (under load-balancer/AWSLogs/)."
  value       = module.access_logs_bucket.name
}

output "registry_auth_bucket" {
  description = "Bucket of the instances' Docker Hub credentials, empty when they pull anonymously (the release step's Dockerrun names it, as Terraform's does)."
  value       = var.registry_auth_bucket
}

output "registry_auth_key" {
  description = "Key of the instances' Docker Hub credentials in registry_auth_bucket, empty when they pull anonymously."
  value       = local.registry_auth != null ? local.registry_auth.Key : ""
}
