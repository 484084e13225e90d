# What each GitHub role may do: named grants (grant_*.tf), each a customer managed policy of its own (IAM holds
# 6,144 characters a managed policy, 10,240 for all inline policies of a role together, 10 managed policies a
# role), attached per role from local.role_grants in github.tf. Statements are HCL objects (asserted in tests/).
# Writes are listed action by action; reads that AWS's own read-only policies grant by service (Describe*, List*,
# Get*) are granted the same way, so that a read AWS adds is no failure at the first deploy. Resources are the
# project's names wherever IAM supports resource-level permissions, and EC2's (named by IDs only) the project's
# by their Project tag. The boundary every role the infrastructure role creates must carry is boundary.tf.

data "aws_partition" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  arn     = "arn:${data.aws_partition.current.partition}"
  region  = "*" # the roles follow the main module into whatever region it is applied

  state_bucket_arn = module.state_bucket.arn
  boundary_name    = module.names.permissions_boundary
  boundary_arn     = "${local.arn}:iam::${local.account}:policy/${local.boundary_name}"

  # The main module's names (infra/): roles and profile "<name>-beanstalk-*", buckets "<name>-*-<account>-*",
  # environment "<name>-*", Beanstalk's CloudFormation stacks "awseb-*", its resources "awseb-*".
  project_roles    = "${local.arn}:iam::${local.account}:role/${module.names.beanstalk_role_prefix}*"
  project_profiles = "${local.arn}:iam::${local.account}:instance-profile/${module.names.beanstalk_role_prefix}*"
  project_buckets  = [for b in [module.patterns.buckets.bundles, module.patterns.buckets.lb_logs] : "${local.arn}:s3:::${b}"]
  project_objects  = [for b in local.project_buckets : "${b}/*"]
  beanstalk_bucket = ["${local.arn}:s3:::elasticbeanstalk-*-${local.account}", "${local.arn}:s3:::elasticbeanstalk-*-${local.account}/*"]
  application      = "${local.arn}:elasticbeanstalk:${local.region}:${local.account}:application/${var.name}"
  environments     = "${local.arn}:elasticbeanstalk:${local.region}:${local.account}:environment/${var.name}/*"
  versions         = "${local.arn}:elasticbeanstalk:${local.region}:${local.account}:applicationversion/${var.name}/*"
  stacks           = "${local.arn}:cloudformation:${local.region}:${local.account}:stack/awseb-*"
  beanstalk_groups = "${local.arn}:autoscaling:${local.region}:${local.account}:autoScalingGroup:*:autoScalingGroupName/awseb-e-*"
  beanstalk_load_balancing = [for r in ["loadbalancer/app/awseb-*", "targetgroup/awseb-*", "listener/app/awseb-*", "listener-rule/app/awseb-*"] :
    "${local.arn}:elasticloadbalancing:${local.region}:${local.account}:${r}"
  ]
  beanstalk_alarms = "${local.arn}:cloudwatch:${local.region}:${local.account}:alarm:awseb-*"
  topic            = "${local.arn}:sns:${local.region}:${local.account}:${var.name}-*"
  alarms           = "${local.arn}:cloudwatch:${local.region}:${local.account}:alarm:${var.name}-*"
  log_groups       = "${local.arn}:logs:${local.region}:${local.account}:log-group:/aws/elasticbeanstalk/${var.name}-*"
  github_roles     = "${local.arn}:iam::${local.account}:role/${module.names.github_prefix}*"
  github_policies  = "${local.arn}:iam::${local.account}:policy/${module.names.github_prefix}*"
  registry_bucket  = module.registry_auth_bucket.arn
  registry_auth    = "${local.registry_bucket}/${module.names.registry_auth_key}"

  # EC2: what the project made carries its tag (infra/versions.tf, default_tags); what the network calls create.
  ec2            = "${local.arn}:ec2:${local.region}:${local.account}"
  project_tagged = { "aws:ResourceTag/Project" = var.name }
  # What Beanstalk's stack makes carries the environment's name (Beanstalk tags the stack with it, CloudFormation
  # copies the stack's tags onto what it creates): the project's environments are "<name>-*".
  environment_tagged  = { "aws:ResourceTag/elasticbeanstalk:environment-name" = module.patterns.environment }
  environment_request = { "aws:RequestTag/elasticbeanstalk:environment-name" = module.patterns.environment }

  # Reads granted by service, as AWS's AWSElasticBeanstalkReadOnly grants them: what the provider refreshes and
  # what Beanstalk reads downstream with the caller's credentials (DescribeEnvironmentResources reads the stack,
  # its Auto Scaling group, load balancer, launch template and alarms). No S3 object, SSM, secret or KMS read.
  service_reads = [
    "autoscaling:Describe*",
    "cloudformation:Describe*",
    "cloudformation:Get*",
    "cloudformation:List*",
    "cloudwatch:Describe*",
    "cloudwatch:Get*",
    "cloudwatch:List*",
    "ec2:Describe*",
    "elasticbeanstalk:Describe*",
    "elasticbeanstalk:List*",
    "elasticloadbalancing:Describe*",
  ]

  # Passing the project's roles, and only to the services that take them (a grant's and the boundary's, each
  # under its own Sid).
  pass_project_roles = {
    Effect    = "Allow"
    Action    = "iam:PassRole"
    Resource  = local.project_roles
    Condition = { StringEquals = { "iam:PassedToService" = ["ec2.amazonaws.com", "elasticbeanstalk.amazonaws.com"] } }
  }

  # Every grant, one managed policy each (grant_*.tf).
  grants = {
    reads                = local.grant_reads
    state-read           = local.grant_state_read
    state-write          = local.grant_state_write
    beanstalk-operations = local.grant_beanstalk_operations
    beanstalk-instances  = local.grant_beanstalk_instances
    network              = local.grant_network
    stack                = local.grant_stack
    bounded-iam          = local.grant_bounded_iam
    release              = local.grant_release
  }

  # Which grants each role holds, and so what each may do, in one place.
  role_grants = {
    plan           = ["reads", "state-read"]
    infrastructure = ["reads", "state-write", "network", "stack", "bounded-iam", "beanstalk-operations", "beanstalk-instances"]
    release        = ["release", "beanstalk-operations", "beanstalk-instances"]
  }

  # Every statement of each role, for the tests and ReleaseIT (ReleaseRole).
  role_statements = { for role, grants in local.role_grants : role => flatten([for g in grants : local.grants[g]]) }
}

resource "aws_iam_policy" "github" {
  for_each = { for name, statements in local.grants : name => statements if local.github }

  name        = "${module.names.github_prefix}${each.key}"
  description = "${var.name} GitHub Actions: ${each.key} (infra/bootstrap/permissions.tf)"
  policy      = jsonencode({ Version = "2012-10-17", Statement = each.value })
}
