# The load balancer's access logs: one line per request (client, status, latency, target), kept in a
# private bucket for access_log_retention_days.

locals {
  access_logs_bucket = "${var.name}-lb-logs-${data.aws_caller_identity.current.account_id}-${var.region}"
  access_logs_prefix = "load-balancer"
}

# The regional account Elastic Load Balancing writes logs from, in regions older than August 2022.
data "aws_elb_service_account" "this" {}

module "access_logs_bucket" {
  source = "./modules/private-bucket"

  name              = local.access_logs_bucket
  force_destroy     = true
  expire_after_days = var.access_log_retention_days

  policy_statements = [{
    Sid    = "LoadBalancerLogDelivery"
    Effect = "Allow"
    Principal = {
      AWS     = data.aws_elb_service_account.this.arn
      Service = "logdelivery.elasticloadbalancing.amazonaws.com"
    }
    Action   = "s3:PutObject"
    Resource = "arn:${data.aws_partition.current.partition}:s3:::${local.access_logs_bucket}/${local.access_logs_prefix}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
  }]
}
