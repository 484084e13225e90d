# GitHub Actions gets short-lived AWS credentials through OIDC; no AWS keys are stored anywhere. Three roles,
# each for its own job (docs/github.md, "Roles"): plan (pull requests), infrastructure and release (the protected
# production environment). Their permissions are in permissions.tf.

locals {
  github      = var.github_repository != ""
  oidc_issuer = "token.actions.githubusercontent.com"
  oidc_provider_arn = !local.github ? "" : (
    var.create_github_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn
  )

  # AWS checks the token's audience and subject (GitHub's other claims are not condition keys in IAM). The
  # subject names the repository and either the pull request or the environment, one environment per role,
  # so no job can take another job's role; which branches may run in an environment is GitHub's deployment
  # branch rule, which deploy.yml checks before it starts (docs/github.md, "Settings, once").
  roles = {
    plan = {
      subject     = "pull_request"
      description = "pull requests: terraform plan (read-only)"
    }
    infrastructure = {
      subject     = "environment:infrastructure"
      description = "infrastructure environment: terraform apply and destroy"
    }
    release = {
      subject     = "environment:production"
      description = "production environment: the Maven release step"
    }
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

resource "aws_iam_role" "github" {
  for_each = local.github ? local.roles : {}

  name                 = "${module.names.github_prefix}${each.key}"
  description          = "GitHub Actions of ${var.github_repository}, ${each.value.description}"
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.oidc_issuer}:aud" = "sts.amazonaws.com"
          "${local.oidc_issuer}:sub" = "repo:${var.github_repository}:${each.value.subject}"
        }
      }
    }]
  })
}

# Each role's grants (permissions.tf, local.role_grants), attached as managed policies.
resource "aws_iam_role_policy_attachment" "github" {
  for_each = local.github ? merge([for role, grants in local.role_grants : { for g in grants : "${role}/${g}" => { role = role, grant = g } }]...) : {}

  role       = aws_iam_role.github[each.value.role].name
  policy_arn = aws_iam_policy.github[each.value.grant].arn
}
