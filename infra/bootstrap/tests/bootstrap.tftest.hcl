mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_resource "aws_s3_bucket" {
    defaults = {
      arn = "arn:aws:s3:::simpletimeservice-tfstate-123456789012-eu-west-1"
    }
  }

  mock_resource "aws_iam_openid_connect_provider" {
    defaults = {
      arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    }
  }
}

run "state_bucket_without_github" {
  command = apply

  assert {
    condition     = module.state_bucket.name == "simpletimeservice-tfstate-123456789012-eu-west-1"
    error_message = "The state bucket (private, versioned, encrypted: modules/private-bucket) should carry the account and region, to be globally unique."
  }

  assert {
    condition     = length(aws_iam_role.deploy) == 0 && length(aws_iam_role.plan) == 0 && length(aws_iam_openid_connect_provider.github) == 0
    error_message = "Without github_repository no GitHub roles should exist."
  }
}

run "github_roles_trust_only_this_repository" {
  command = apply

  variables {
    github_repository = "octo-org/simpletimeservice"
  }

  assert {
    condition     = aws_iam_openid_connect_provider.github[0].url == "https://token.actions.githubusercontent.com" && aws_iam_openid_connect_provider.github[0].client_id_list == toset(["sts.amazonaws.com"])
    error_message = "The OIDC provider should be GitHub's, for STS."
  }

  assert {
    condition     = jsondecode(aws_iam_role.deploy[0].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == "repo:octo-org/simpletimeservice:environment:production"
    error_message = "The deploy role should trust only the production environment of this repository."
  }

  assert {
    condition     = jsondecode(aws_iam_role.deploy[0].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com" && length(jsondecode(aws_iam_role.deploy[0].assume_role_policy).Statement[0].Condition) == 1
    error_message = "The audience must be STS, and subjects must match exactly, not by pattern."
  }

  assert {
    condition     = jsondecode(aws_iam_role.plan[0].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == "repo:octo-org/simpletimeservice:pull_request"
    error_message = "The plan role should trust only pull requests of this repository."
  }

  assert {
    condition     = jsondecode(aws_iam_role.plan[0].assume_role_policy).Statement[0].Principal.Federated == aws_iam_openid_connect_provider.github[0].arn
    error_message = "The roles should trust the GitHub OIDC provider."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.plan_read_only[0].policy_arn == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    error_message = "The plan role should be read-only."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.plan_state[0].policy).Statement[2].Resource == "arn:aws:s3:::simpletimeservice-tfstate-123456789012-eu-west-1/*.tflock"
    error_message = "The plan role may write only the state lock file."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.deploy_beanstalk[0].policy_arn == "arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk"
    error_message = "The deploy role should have Beanstalk's managed policy."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.deploy[0].policy).Statement : s.Resource if s.Sid == "ProjectRoles"]) == ["arn:aws:iam::123456789012:role/simpletimeservice-beanstalk-*", "arn:aws:iam::123456789012:instance-profile/simpletimeservice-beanstalk-*"]
    error_message = "The deploy role may manage only the project's own roles."
  }

  assert {
    condition     = output.deploy_role_arn == aws_iam_role.deploy[0].arn && output.state_bucket == module.state_bucket.name
    error_message = "Outputs should give what the repository variables need."
  }
}

run "existing_oidc_provider_is_reused" {
  command = plan

  variables {
    github_repository           = "octo-org/simpletimeservice"
    create_github_oidc_provider = false
  }

  assert {
    condition     = length(aws_iam_openid_connect_provider.github) == 0 && length(data.aws_iam_openid_connect_provider.github) == 1
    error_message = "With create_github_oidc_provider = false the existing provider should be looked up."
  }
}

run "github_repository_must_be_owner_slash_name" {
  command = plan

  variables {
    github_repository = "https://github.com/octo-org/simpletimeservice"
  }

  expect_failures = [var.github_repository]
}
