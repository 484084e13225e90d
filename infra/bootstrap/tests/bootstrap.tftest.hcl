mock_provider "aws" {
  source = "./tests/mocks"
}


run "state_bucket_without_github" {
  command = apply

  assert {
    condition     = module.registry_auth_bucket.name == "simpletimeservice-registry-123456789012-eu-west-1" && output.registry_auth_bucket == module.registry_auth_bucket.name
    error_message = "The registry credentials get their own private bucket, before the main module exists."
  }

  assert {
    condition     = module.state_bucket.name == "simpletimeservice-tfstate-123456789012-eu-west-1"
    error_message = "The state bucket (private, versioned, encrypted: modules/private-bucket) should carry the account and region, to be globally unique."
  }

  assert {
    condition     = length(aws_iam_role.github) == 0 && length(aws_iam_openid_connect_provider.github) == 0
    error_message = "Without github_repository no GitHub roles should exist."
  }
}

run "three_roles_each_trusting_one_subject" {
  command = apply

  variables {
    github_repository = "octo-org/simpletimeservice"
  }

  assert {
    condition     = aws_iam_openid_connect_provider.github[0].url == "https://token.actions.githubusercontent.com" && aws_iam_openid_connect_provider.github[0].client_id_list == toset(["sts.amazonaws.com"])
    error_message = "The OIDC provider should be GitHub's, for STS."
  }

  assert {
    condition     = keys(aws_iam_role.github) == ["infrastructure", "plan", "release"]
    error_message = "There should be exactly the plan, infrastructure and release roles."
  }

  assert {
    condition     = { for k, r in aws_iam_role.github : k => jsondecode(r.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] } == { infrastructure = "repo:octo-org/simpletimeservice:environment:infrastructure", plan = "repo:octo-org/simpletimeservice:pull_request", release = "repo:octo-org/simpletimeservice:environment:production" }
    error_message = "Plan should trust only pull requests, infrastructure only its own environment, release only production: one job, one role."
  }

  assert {
    condition     = alltrue([for r in aws_iam_role.github : jsondecode(r.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com" && keys(jsondecode(r.assume_role_policy).Statement[0].Condition) == ["StringEquals"] && length(jsondecode(r.assume_role_policy).Statement) == 1])
    error_message = "Each trust must pin the audience to STS and match subjects exactly, not by pattern."
  }

  assert {
    condition     = alltrue([for r in aws_iam_role.github : jsondecode(r.assume_role_policy).Statement[0].Principal.Federated == aws_iam_openid_connect_provider.github[0].arn && jsondecode(r.assume_role_policy).Statement[0].Action == "sts:AssumeRoleWithWebIdentity"])
    error_message = "The roles should trust only the GitHub OIDC provider."
  }

  assert {
    condition     = { for k, a in aws_iam_role_policy_attachment.github : k => [a.role, a.policy_arn] } == merge([for role, grants in local.role_grants : { for g in grants : "${role}/${g}" => [aws_iam_role.github[role].name, aws_iam_policy.github[g].arn] }]...) && keys(local.role_grants) == ["infrastructure", "plan", "release"]
    error_message = "Each role should hold exactly its grants (local.role_grants), as managed policies."
  }

  # IAM's quotas, wildcards, Sids and the order of actions: tests/iam/policies.test.mjs, on the rendered policies.

  # Plan: reads, and the state lock.
  assert {
    condition     = alltrue([for s in local.role_statements["plan"] : s.Effect == "Allow" && alltrue([for a in flatten([s.Action]) : can(regex("^[a-z0-9]+:(Get|List|Describe)", a)) || (contains(["s3:PutObject", "s3:DeleteObject"], a) && s.Resource == "arn:aws:s3:::simpletimeservice-tfstate-123456789012-eu-west-1/*.tflock")])])
    error_message = "The plan role may only read, and write nothing but the state's lock file."
  }

  # Infrastructure: roles only with the boundary, only allowed managed policies, no way around either.
  assert {
    condition     = one([for s in local.role_statements["infrastructure"] : s if contains(flatten([s.Action]), "iam:CreateRole")]).Condition.StringEquals["iam:PermissionsBoundary"] == "arn:aws:iam::123456789012:policy/simpletimeservice-beanstalk-boundary" && one([for s in local.role_statements["infrastructure"] : s if contains(flatten([s.Action]), "iam:CreateRole")]).Resource == "arn:aws:iam::123456789012:role/simpletimeservice-beanstalk-*"
    error_message = "iam:CreateRole only for the project's roles, and only with the boundary."
  }

  assert {
    condition     = one([for s in local.role_statements["infrastructure"] : s if contains(flatten([s.Action]), "iam:AttachRolePolicy")]).Condition.ArnEquals["iam:PolicyARN"] == ["arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth", "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy"]
    error_message = "iam:AttachRolePolicy only for the four managed policies infra/iam.tf uses."
  }

  assert {
    condition     = alltrue([for k in ["infrastructure", "release"] : alltrue([for s in local.role_statements[k] : s.Resource == "arn:aws:iam::123456789012:role/simpletimeservice-beanstalk-*" && s.Condition.StringEquals["iam:PassedToService"] == ["ec2.amazonaws.com", "elasticbeanstalk.amazonaws.com"] if contains(flatten([s.Action]), "iam:PassRole")])]) && length([for s in local.role_statements["plan"] : s if contains(flatten([s.Action]), "iam:PassRole")]) == 0
    error_message = "iam:PassRole only for the project's roles, only to EC2 and Beanstalk; never for the plan role."
  }

  assert {
    condition     = alltrue([for a in ["iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeleteRolePermissionsBoundary"] : contains(one([for s in local.role_statements["infrastructure"] : s if s.Sid == "NeverTouchTheBoundaryOrTheGithubRoles"]).Action, a)]) && one([for s in local.role_statements["infrastructure"] : s if s.Sid == "NeverTouchTheBoundaryOrTheGithubRoles"]).Resource == ["arn:aws:iam::123456789012:policy/simpletimeservice-beanstalk-boundary", "arn:aws:iam::123456789012:role/simpletimeservice-beanstalk-*", "arn:aws:iam::123456789012:role/simpletimeservice-github-*", "arn:aws:iam::123456789012:policy/simpletimeservice-github-*"]
    error_message = "The infrastructure role must be denied changing the boundary, removing it from a role, or touching the GitHub roles and their policies."
  }

  assert {
    condition     = length([for s in local.role_statements["infrastructure"] : s if s.Effect == "Allow" && anytrue([for a in flatten([s.Action]) : startswith(a, "iam:") && a != "iam:CreateServiceLinkedRole" && !startswith(a, "iam:Get") && !startswith(a, "iam:List")]) && !contains(["arn:aws:iam::123456789012:role/simpletimeservice-beanstalk-*", "arn:aws:iam::123456789012:instance-profile/simpletimeservice-beanstalk-*"], s.Resource)]) == 0
    error_message = "Every IAM write of the infrastructure role must be limited to the project's roles or instance profiles."
  }

  # The boundary: no IAM but passing the project's roles, so no role under it can change the boundary, leave it,
  # or rewrite a trust policy.
  assert {
    condition     = aws_iam_policy.boundary.name == "simpletimeservice-beanstalk-boundary" && aws_iam_policy.boundary.policy == local.boundary_policy
    error_message = "The boundary should be the policy boundary.tf writes, under the name the main module's roles carry."
  }

  assert {
    # An action grants IAM if its service part, as a wildcard pattern, matches "iam" ("*", "i*", "iam:*").
    condition     = length([for s in jsondecode(aws_iam_policy.boundary.policy).Statement : s if s.Effect == "Allow" && anytrue([for a in flatten([s.Action]) : a != "iam:PassRole" && can(regex("^${replace(split(":", a)[0], "*", ".*")}$", "iam"))])]) == 0
    error_message = "A bounded role may never do IAM beyond passing the project's roles."
  }

  # What Beanstalk builds with the caller's credentials: scoped to its "awseb-" names where IAM can.
  assert {
    condition     = alltrue([for s in local.role_statements["release"] : alltrue([for r in flatten([s.Resource]) : strcontains(r, ":stack/awseb-") || strcontains(r, "autoScalingGroupName/awseb-") || strcontains(r, "/app/awseb-") || strcontains(r, "targetgroup/awseb-") || strcontains(r, ":alarm:awseb-")]) if contains(["BeanstalkStacks", "BeanstalkAutoScaling", "BeanstalkLoadBalancer", "BeanstalkAlarms"], s.Sid)]) && length([for s in local.role_statements["release"] : s if contains(["BeanstalkStacks", "BeanstalkAutoScaling", "BeanstalkLoadBalancer", "BeanstalkAlarms"], s.Sid)]) == 4
    error_message = "Beanstalk's stack, Auto Scaling group, load balancer and alarms should be reachable only under their awseb- names."
  }

  # Release: bundles, the project's Beanstalk resources, and what UpdateEnvironment needs; no IAM writes.
  assert {
    condition     = one([for s in local.role_statements["release"] : s.Resource if s.Sid == "Bundles"]) == "arn:aws:s3:::simpletimeservice-bundles-123456789012-*/*" && alltrue([for r in one([for s in local.role_statements["release"] : s.Resource if s.Sid == "Beanstalk"]) : startswith(r, "arn:aws:elasticbeanstalk:*:123456789012:application/simpletimeservice") || startswith(r, "arn:aws:elasticbeanstalk:*:123456789012:environment/simpletimeservice/") || startswith(r, "arn:aws:elasticbeanstalk:*:123456789012:applicationversion/simpletimeservice/") || startswith(r, "arn:aws:elasticbeanstalk:*::")])
    error_message = "The release role may put bundles in the project's bucket and release to the project's application only."
  }

  assert {
    # Actions and resources read as the wildcard patterns IAM matches them as ("*" -> ".*", "." literal).
    condition = length([for s in local.role_statements["release"] : s if anytrue([for a in flatten([s.Action]) : a != "iam:PassRole" && can(regex("^${replace(split(":", a)[0], "*", ".*")}$", "iam"))])]) == 0 && length([
      for s in local.role_statements["release"] : s
      if s.Effect == "Allow" && anytrue([for a in flatten([s.Action]) : can(regex("^${replace(a, "*", ".*")}$", "s3:GetObject"))]) && anytrue([for r in flatten([s.Resource]) : can(regex("^${replace(replace(r, ".", "\\."), "*", ".*")}$", "arn:aws:s3:::simpletimeservice-tfstate-123456789012-eu-west-1/simpletimeservice/terraform.tfstate"))])
    ]) == 0
    error_message = "The release role must not touch IAM beyond PassRole, nor read the Terraform state."
  }

  # The instances' Docker Hub credentials: the infrastructure role writes them; no GitHub role reads them.
  assert {
    condition = alltrue([for k in ["plan", "infrastructure", "release"] : length([
      for s in local.role_statements[k] : s
      if s.Effect == "Allow" && anytrue([for a in flatten([s.Action]) : can(regex("^${replace(a, "*", ".*")}$", "s3:GetObject"))]) && anytrue([for r in flatten([s.Resource]) : can(regex("^${replace(replace(r, ".", "\\."), "*", ".*")}$", "arn:aws:s3:::simpletimeservice-registry-123456789012-eu-west-1/dockerhub/config.json"))])
    ]) == 0]) && one([for s in local.role_statements["infrastructure"] : s.Resource if s.Sid == "RegistryCredentialsWrite"]) == "arn:aws:s3:::simpletimeservice-registry-123456789012-eu-west-1/dockerhub/config.json"
    error_message = "Only the infrastructure role may write the registry credentials, and no GitHub role may read them."
  }

  assert {
    condition     = output.plan_role_arn == aws_iam_role.github["plan"].arn && output.infrastructure_role_arn == aws_iam_role.github["infrastructure"].arn && output.release_role_arn == aws_iam_role.github["release"].arn && output.permissions_boundary_arn == aws_iam_policy.boundary.arn
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

run "region_must_be_a_region_code" {
  command = plan

  variables {
    region = "Ireland"
  }

  expect_failures = [var.region]
}

run "name_must_be_lowercase_and_short" {
  command = plan

  variables {
    name = "SimpleTimeService"
  }

  expect_failures = [var.name]
}

run "state_bucket_is_kept_unless_asked" {
  command = plan

  assert {
    condition     = module.state_bucket.force_destroy == false
    error_message = "The state bucket must survive terraform destroy unless allow_state_destroy is set (docs/github.md, \"Clean-up\")."
  }
}

run "allow_state_destroy_lets_destroy_empty_it" {
  command = plan

  variables {
    allow_state_destroy = true
  }

  assert {
    condition     = module.state_bucket.force_destroy == true
    error_message = "allow_state_destroy should let terraform destroy delete the state bucket with its versions."
  }
}

run "a_name_too_long_for_the_state_bucket_fails_at_plan" {
  command = plan

  variables {
    region = "ap-southeast-7"
    name   = "a234567890123456789012345678"
  }

  expect_failures = [var.name]
}

run "the_state_bucket_is_not_deleted_while_its_state_lists_resources" {
  command = plan

  variables {
    allow_state_destroy = true
  }

  override_data {
    target = data.aws_s3_objects.main_state[0]
    values = { bucket = "simpletimeservice-tfstate-123456789012-eu-west-1", keys = ["simpletimeservice/terraform.tfstate"] }
  }

  override_data {
    target = data.aws_s3_object.main_state[0]
    values = { body = "{\"version\":4,\"resources\":[{\"mode\":\"managed\",\"type\":\"aws_nat_gateway\",\"name\":\"this\"}]}" }
  }

  expect_failures = [data.aws_s3_object.main_state]
}

run "the_state_bucket_may_go_once_its_state_is_empty" {
  command = plan

  variables {
    allow_state_destroy = true
  }

  override_data {
    target = data.aws_s3_objects.main_state[0]
    values = { bucket = "simpletimeservice-tfstate-123456789012-eu-west-1", keys = ["simpletimeservice/terraform.tfstate"] }
  }

  override_data {
    target = data.aws_s3_object.main_state[0]
    values = { body = "{\"version\":4,\"resources\":[]}" }
  }

  assert {
    condition     = module.state_bucket.force_destroy == true && length(data.aws_s3_object.main_state) == 1
    error_message = "With the main module destroyed, allow_state_destroy should let the state bucket go."
  }
}
