# The values the mocked AWS provider returns where a random string would not do: every bucket, role and
# policy its own ARN, as AWS names it.

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
  }
}

mock_data "aws_partition" {
  defaults = {
    partition = "aws"
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

# Every managed policy its own ARN, as IAM names it.
override_resource {
  target = aws_iam_policy.boundary
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-beanstalk-boundary" }
}

override_resource {
  target = aws_iam_policy.github["reads"]
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-github-reads" }
}

override_resource {
  target = aws_iam_policy.github["state-read"]
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-github-state-read" }
}

override_resource {
  target = aws_iam_policy.github["state-write"]
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-github-state-write" }
}

override_resource {
  target = aws_iam_policy.github["beanstalk-operations"]
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-github-beanstalk-operations" }
}

override_resource {
  target = aws_iam_policy.github["beanstalk-instances"]
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-github-beanstalk-instances" }
}

override_resource {
  target = aws_iam_policy.github["network"]
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-github-network" }
}

override_resource {
  target = aws_iam_policy.github["stack"]
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-github-stack" }
}

override_resource {
  target = aws_iam_policy.github["bounded-iam"]
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-github-bounded-iam" }
}

override_resource {
  target = aws_iam_policy.github["release"]
  values = { arn = "arn:aws:iam::123456789012:policy/simpletimeservice-github-release" }
}

override_resource {
  target = module.registry_auth_bucket.aws_s3_bucket.this
  values = { arn = "arn:aws:s3:::simpletimeservice-registry-123456789012-eu-west-1" }
}

# Each GitHub role its own ARN and name, so that outputs and references cannot mix them up.
override_resource {
  target = aws_iam_role.github["plan"]
  values = { arn = "arn:aws:iam::123456789012:role/simpletimeservice-github-plan", id = "simpletimeservice-github-plan" }
}

override_resource {
  target = aws_iam_role.github["infrastructure"]
  values = { arn = "arn:aws:iam::123456789012:role/simpletimeservice-github-infrastructure", id = "simpletimeservice-github-infrastructure" }
}

override_resource {
  target = aws_iam_role.github["release"]
  values = { arn = "arn:aws:iam::123456789012:role/simpletimeservice-github-release", id = "simpletimeservice-github-release" }
}
