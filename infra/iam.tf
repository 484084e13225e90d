data "aws_partition" "current" {}

locals {
  managed_policy_arn_prefix = "arn:${data.aws_partition.current.partition}:iam::aws:policy"
  permissions_boundary      = var.permissions_boundary_arn != "" ? var.permissions_boundary_arn : null
}

# Who may assume each role. A role's name carries a hash of its trust, so a change of trust replaces the role
# (created before the old one goes) instead of rewriting it: the GitHub infrastructure role may create roles but
# never rewrite a trust policy (docs/github.md, "Roles").
locals {
  trust = {
    service = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Principal = { Service = "elasticbeanstalk.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "sts:ExternalId" = "elasticbeanstalk" } }
      }]
    })
    instance = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Principal = { Service = "ec2.amazonaws.com" }
        Action    = "sts:AssumeRole"
      }]
    })
  }
  role_names = { for role, trust in local.trust : role => "${module.names.beanstalk_role_prefix}${role}-${substr(sha256(trust), 0, 8)}" }
}

# The role Beanstalk itself uses for enhanced health and managed platform updates.
resource "aws_iam_role" "service" {
  name                 = local.role_names.service
  permissions_boundary = local.permissions_boundary
  assume_role_policy   = local.trust.service

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role_policy_attachment" "service" {
  for_each = toset([
    "service-role/AWSElasticBeanstalkEnhancedHealth",
    "AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
  ])

  role       = aws_iam_role.service.name
  policy_arn = "${local.managed_policy_arn_prefix}/${each.value}"
}

# The role of the EC2 instances: logs, health reports, the source bundle and Session Manager, nothing else.
resource "aws_iam_role" "instance" {
  name                 = local.role_names.instance
  permissions_boundary = local.permissions_boundary
  assume_role_policy   = local.trust.instance

  lifecycle {
    create_before_destroy = true
  }
}

# Beanstalk's web tier (logs, health, bundles), and Session Manager for operators: no SSH, no key pairs,
# no open port; the agent on Amazon Linux 2023 reaches SSM through NAT.
resource "aws_iam_role_policy_attachment" "instance" {
  for_each = toset(["AWSElasticBeanstalkWebTier", "AmazonSSMManagedInstanceCore"])

  role       = aws_iam_role.instance.name
  policy_arn = "${local.managed_policy_arn_prefix}/${each.value}"
}

# WebTier reads only elasticbeanstalk-* buckets; the instances download bundles from ours and, when they pull
# with credentials (registry.tf), read the one object that holds them.
resource "aws_iam_role_policy" "instance_reads_bundles" {
  name = "read-source-bundles-and-registry-credentials"
  role = aws_iam_role.instance.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion"]
        Resource = "${module.bundle_bucket.arn}/*"
      }],
      local.registry_auth != null ? [{
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:${data.aws_partition.current.partition}:s3:::${local.registry_auth.Bucket}/${local.registry_auth.Key}"
      }] : [],
    )
  })
}

resource "aws_iam_instance_profile" "instance" {
  name = "${module.names.beanstalk_role_prefix}instance"
  role = aws_iam_role.instance.name
}
