# GitHub Actions gets short-lived AWS credentials through OIDC; no AWS keys are stored anywhere.
# Two roles: "plan" for pull requests (read-only), "deploy" for the protected production environment.

locals {
  github      = var.github_repository != ""
  oidc_issuer = "token.actions.githubusercontent.com"
  oidc_provider_arn = !local.github ? "" : (
    var.create_github_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn
  )
  state_object_arns = "${module.state_bucket.arn}/*"

  # One trust policy per GitHub OIDC subject: only the exact subject may assume the role.
  trust_policies = {
    for subject in ["environment:production", "pull_request"] : subject => jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Principal = { Federated = local.oidc_provider_arn }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "${local.oidc_issuer}:aud" = "sts.amazonaws.com"
            "${local.oidc_issuer}:sub" = "repo:${var.github_repository}:${subject}"
          }
        }
      }]
    })
  }
}

resource "aws_iam_openid_connect_provider" "github" {
  count = local.github && var.create_github_oidc_provider ? 1 : 0

  url            = "https://${local.oidc_issuer}"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_openid_connect_provider" "github" {
  count = local.github && !var.create_github_oidc_provider ? 1 : 0

  url = "https://${local.oidc_issuer}"
}

# Trusts only workflow jobs of this repository that run in its "production" environment.
resource "aws_iam_role" "deploy" {
  count = local.github ? 1 : 0

  name               = "${var.name}-github-deploy"
  description        = "GitHub Actions of ${var.github_repository}, production environment: terraform apply and releases"
  assume_role_policy = local.trust_policies["environment:production"]
}

# Trusts only pull-request workflows of this repository.
resource "aws_iam_role" "plan" {
  count = local.github ? 1 : 0

  name               = "${var.name}-github-plan"
  description        = "GitHub Actions of ${var.github_repository}, pull requests: terraform plan"
  assume_role_policy = local.trust_policies["pull_request"]
}

# Beanstalk drives EC2, Auto Scaling, ELB, CloudFormation, CloudWatch and S3 on the caller's behalf;
# this managed policy is what AWS publishes for exactly that.
resource "aws_iam_role_policy_attachment" "deploy_beanstalk" {
  count = local.github ? 1 : 0

  role       = aws_iam_role.deploy[0].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk"
}

resource "aws_iam_role_policy" "deploy" {
  count = local.github ? 1 : 0

  name = "deploy"
  role = aws_iam_role.deploy[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Network", Effect = "Allow", Action = "ec2:*", Resource = "*" },
      {
        # Only the project's own roles and instance profiles, never anybody else's.
        Sid    = "ProjectRoles"
        Effect = "Allow"
        Action = [
          "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:TagRole", "iam:UntagRole",
          "iam:UpdateAssumeRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
          "iam:ListInstanceProfilesForRole", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
          "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy", "iam:PassRole",
          "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:GetInstanceProfile",
          "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile",
        ]
        Resource = [
          "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/${var.name}-beanstalk-*",
          "arn:aws:iam::${data.aws_caller_identity.current.account_id}:instance-profile/${var.name}-beanstalk-*",
        ]
      },
      {
        Sid      = "ProjectBuckets"
        Effect   = "Allow"
        Action   = "s3:*"
        Resource = ["arn:aws:s3:::${var.name}-bundles-*", "arn:aws:s3:::${var.name}-bundles-*/*"]
      },
      {
        Sid      = "State"
        Effect   = "Allow"
        Action   = ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
        Resource = [module.state_bucket.arn, local.state_object_arns]
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  count = local.github ? 1 : 0

  role       = aws_iam_role.plan[0].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# Plan reads the state and takes the S3 lock, and writes nothing else.
resource "aws_iam_role_policy" "plan_state" {
  count = local.github ? 1 : 0

  name = "state"
  role = aws_iam_role.plan[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:ListBucket"], Resource = module.state_bucket.arn },
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = local.state_object_arns },
      { Effect = "Allow", Action = ["s3:PutObject", "s3:DeleteObject"], Resource = "${module.state_bucket.arn}/*.tflock" },
    ]
  })
}
