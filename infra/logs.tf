# The load balancer's access logs: one line per request (client, status, latency, target), kept in a
# private bucket for access_log_retention_days.

locals {
  access_logs_bucket = module.names.buckets.lb_logs
  access_logs_prefix = "load-balancer"

  # Who writes the logs (ALB guide, "Enable access logs"): in the regions opened before August 2022, Elastic
  # Load Balancing's account of that region; in every later one, the log delivery service principal. (The
  # provider's aws_elb_service_account knows only the former and fails the plan in the others.)
  elb_log_accounts = {
    us-east-1      = "127311923021", us-east-2 = "033677994240", us-west-1 = "027434742980", us-west-2 = "797873946194",
    af-south-1     = "098369216593", ap-east-1 = "754344448648", ap-south-1 = "718504428378",
    ap-northeast-1 = "582318560864", ap-northeast-2 = "600734575887", ap-northeast-3 = "383597477331",
    ap-southeast-1 = "114774131450", ap-southeast-2 = "783225319266", ap-southeast-3 = "589379963580",
    ca-central-1   = "985666609251", eu-central-1 = "054676820928", eu-north-1 = "897822967062",
    eu-south-1     = "635631232127", eu-west-1 = "156460612806", eu-west-2 = "652711504416", eu-west-3 = "009996457667",
    me-south-1     = "076674570225", sa-east-1 = "507241528517", us-gov-east-1 = "190560391635",
    us-gov-west-1  = "048591011584",
  }
  log_writer = contains(keys(local.elb_log_accounts), var.region) ? {
    AWS = "arn:${data.aws_partition.current.partition}:iam::${local.elb_log_accounts[var.region]}:root"
  } : { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
}

module "access_logs_bucket" {
  source = "./modules/private-bucket"

  name              = local.access_logs_bucket
  force_destroy     = true
  expire_after_days = var.access_log_retention_days

  policy_statements = [{
    Sid       = "LoadBalancerLogDelivery"
    Effect    = "Allow"
    Principal = local.log_writer
    Action    = "s3:PutObject"
    Resource  = "arn:${data.aws_partition.current.partition}:s3:::${local.access_logs_bucket}/${local.access_logs_prefix}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
  }]
}
