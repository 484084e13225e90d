# How the instances pull the image (registry.tf): anonymously by default, with credentials when
# registry_auth_bucket names their bucket, and then only once the plan has seen the credentials object.

mock_provider "aws" {
  source = "./tests/mocks"
}

# The colleague's path: only image set, everything else from terraform.tfvars.
variables {
  image = "docker.io/octo-org/simpletimeservice:1.0.0"
}

run "anonymous_pulls_by_default" {
  command = plan

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content) == { AWSEBDockerrunVersion = "1", Image = { Name = var.image, Update = "true" }, Ports = [{ ContainerPort = 8080 }] }
    error_message = "Without registry_auth_bucket the bundle's Dockerrun must run the image with no Authentication."
  }

  assert {
    condition     = length(data.aws_s3_objects.registry_auth) == 0
    error_message = "Without registry_auth_bucket the plan must not look for credentials."
  }
}

run "anonymous_instances_read_only_bundles" {
  command = apply

  assert {
    condition     = jsondecode(aws_iam_role_policy.instance_reads_bundles.policy).Statement == [{ Effect = "Allow", Action = ["s3:GetObject", "s3:GetObjectVersion"], Resource = "arn:aws:s3:::simpletimeservice-bundles-123456789012-eu-west-1/*" }]
    error_message = "Without registry_auth_bucket the instance role must read the bundles and nothing else."
  }

  assert {
    condition     = output.registry_auth_bucket == "" && output.registry_auth_key == ""
    error_message = "Without registry_auth_bucket the outputs must tell the release step to render no Authentication."
  }
}

run "authenticated_pulls_name_the_credentials_object" {
  command = plan

  variables {
    registry_auth_bucket = "simpletimeservice-registry-123456789012-eu-west-1"
  }

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).Authentication == { Bucket = "simpletimeservice-registry-123456789012-eu-west-1", Key = "dockerhub/config.json" }
    error_message = "With registry_auth_bucket the Dockerrun must name the credentials object."
  }

  assert {
    condition     = data.aws_s3_objects.registry_auth[0].bucket == "simpletimeservice-registry-123456789012-eu-west-1" && data.aws_s3_objects.registry_auth[0].prefix == "dockerhub/config.json"
    error_message = "The plan must list the credentials' key in their bucket."
  }
}

run "authenticated_instances_read_exactly_the_credentials_object" {
  command = apply

  variables {
    registry_auth_bucket = "simpletimeservice-registry-123456789012-eu-west-1"
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.instance_reads_bundles.policy).Statement == [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:GetObjectVersion"], Resource = "arn:aws:s3:::simpletimeservice-bundles-123456789012-eu-west-1/*" },
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::simpletimeservice-registry-123456789012-eu-west-1/dockerhub/config.json" },
    ]
    error_message = "With registry_auth_bucket the instance role must read the bundles and the one credentials object."
  }

  assert {
    condition     = { Bucket = output.registry_auth_bucket, Key = output.registry_auth_key } == jsondecode(aws_s3_object.initial_bundle.content).Authentication
    error_message = "The outputs must name the credentials object Terraform's Dockerrun names, for the release step's."
  }
}

run "the_plan_refuses_while_the_credentials_are_missing" {
  command = plan

  variables {
    registry_auth_bucket = "simpletimeservice-registry-123456789012-eu-west-1"
  }

  override_data {
    target = data.aws_s3_objects.registry_auth
    values = { keys = [] }
  }

  expect_failures = [data.aws_s3_objects.registry_auth]
}

run "a_key_that_only_starts_like_the_credentials_is_not_them" {
  command = plan

  variables {
    registry_auth_bucket = "simpletimeservice-registry-123456789012-eu-west-1"
  }

  override_data {
    target = data.aws_s3_objects.registry_auth
    values = { keys = ["dockerhub/config.json.old"] }
  }

  expect_failures = [data.aws_s3_objects.registry_auth]
}
