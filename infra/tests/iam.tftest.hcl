# The roles infra/ creates for Beanstalk (iam.tf). The GitHub infrastructure role may create them but never rewrite
# a trust policy, so a change of trust must make a new role: the name carries a hash of the trust it was made with.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  image = "docker.io/octo-org/simpletimeservice:1.0.0"
}

run "a_change_of_trust_replaces_the_role" {
  command = plan

  assert {
    condition = alltrue([for role in [aws_iam_role.service, aws_iam_role.instance] :
      endswith(role.name, "-${substr(sha256(role.assume_role_policy), 0, 8)}")
    ])
    error_message = "Each role's name must end in a hash of the trust policy it carries, so that another trust is another role."
  }

  assert {
    condition = alltrue([for role in [aws_iam_role.service, aws_iam_role.instance] :
      startswith(role.name, module.names.beanstalk_role_prefix) && length(role.name) <= 64
    ])
    error_message = "The roles must keep the prefix infra/bootstrap scopes the GitHub roles and the boundary to, within IAM's 64 characters."
  }
}

run "the_longest_name_still_fits_iam" {
  command = plan

  variables {
    name = "abcdefghijklmnopqrstuvwxyz012345" # 32 characters, the most var.name takes
  }

  assert {
    condition     = length(aws_iam_role.service.name) <= 64 && length(aws_iam_role.instance.name) <= 64
    error_message = "With the longest name, the roles' names must stay within IAM's 64 characters."
  }
}
