data "aws_partition" "current" {}

locals {
  managed_policy_arn_prefix = "arn:${data.aws_partition.current.partition}:iam::aws:policy"
}

# The role Beanstalk itself uses for enhanced health and managed platform updates.
resource "aws_iam_role" "service" {
  name = "${var.name}-beanstalk-service"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "elasticbeanstalk.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "elasticbeanstalk" } }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "service" {
  for_each = toset([
    "service-role/AWSElasticBeanstalkEnhancedHealth",
    "AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
  ])

  role       = aws_iam_role.service.name
  policy_arn = "${local.managed_policy_arn_prefix}/${each.value}"
}

# The role of the EC2 instances: logs, health reports and the source bundle, nothing else.
resource "aws_iam_role" "instance" {
  name = "${var.name}-beanstalk-instance"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "instance" {
  role       = aws_iam_role.instance.name
  policy_arn = "${local.managed_policy_arn_prefix}/AWSElasticBeanstalkWebTier"
}

# WebTier reads only elasticbeanstalk-* buckets; the instances download bundles from ours.
resource "aws_iam_role_policy" "instance_reads_bundles" {
  name = "read-source-bundles"
  role = aws_iam_role.instance.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:GetObjectVersion"]
      Resource = "${module.bundle_bucket.arn}/*"
    }]
  })
}

resource "aws_iam_instance_profile" "instance" {
  name = "${var.name}-beanstalk-instance"
  role = aws_iam_role.instance.name
}
