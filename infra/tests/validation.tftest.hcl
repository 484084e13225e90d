# Every variable that can be wrong fails at plan, naming itself.

mock_provider "aws" {
  source = "./tests/mocks"
}

# Everything else comes from terraform.tfvars, as for a user: only image has no default.
variables {
  image = "docker.io/octo-org/simpletimeservice:1.0.0"
}

# The colleague's path: image set, everything else from terraform.tfvars (registry.tftest.hcl checks what it renders).
run "defaults_with_an_image_are_valid" {
  command = plan
}

run "image_is_required" {
  command = plan

  variables {
    image = ""
  }

  expect_failures = [var.image]
}

run "vpc_cidr_must_be_a_network_address" {
  command = plan

  variables {
    vpc_cidr = "10.0.0.1/16"
  }

  expect_failures = [var.vpc_cidr]
}

run "vpc_cidr_must_be_a_cidr" {
  command = plan

  variables {
    vpc_cidr = "not-a-cidr"
  }

  expect_failures = [var.vpc_cidr]
}

run "vpc_cidr_must_not_be_too_small" {
  command = plan

  variables {
    vpc_cidr = "10.0.0.0/24"
  }

  expect_failures = [var.vpc_cidr]
}

run "az_count_must_be_at_least_two" {
  command = plan

  variables {
    az_count = 1
  }

  expect_failures = [var.az_count]
}

run "az_count_must_be_whole" {
  command = plan

  variables {
    az_count = 2.5
  }

  expect_failures = [var.az_count]
}

run "image_must_be_an_image_reference" {
  command = plan

  variables {
    image = "Not An Image!"
  }

  expect_failures = [var.image]
}

run "image_may_carry_a_digest" {
  command = plan

  variables {
    image = "docker.io/someone/simpletimeservice:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  }
}

run "log_retention_must_be_a_cloudwatch_value" {
  command = plan

  variables {
    log_retention_days = 10
  }

  expect_failures = [var.log_retention_days]
}

run "min_instances_must_be_positive" {
  command = plan

  variables {
    min_instances = 0
  }

  expect_failures = [var.min_instances]
}

run "max_instances_must_not_be_below_min" {
  command = plan

  variables {
    min_instances = 3
    max_instances = 2
  }

  expect_failures = [var.max_instances]
}

run "certificate_arn_must_be_an_acm_arn" {
  command = plan

  variables {
    certificate_arn = "arn:aws:iam::123456789012:server-certificate/mine"
    domain_name     = "time.example.com"
    hosted_zone_id  = "Z0123456789ABCDEFGHIJ"
  }

  expect_failures = [var.certificate_arn]
}

run "region_must_be_a_region_code" {
  command = plan

  variables {
    region = "Ireland"
  }

  expect_failures = [var.region]
}

run "name_must_be_lowercase" {
  command = plan

  variables {
    name = "SimpleTimeService"
  }

  expect_failures = [var.name]
}

run "environment_must_be_short" {
  command = plan

  variables {
    environment = "production-eu"
  }

  expect_failures = [var.environment]
}

run "instance_type_must_look_like_one" {
  command = plan

  variables {
    instance_type = "small"
  }

  expect_failures = [var.instance_type]
}

run "maintenance_window_must_be_day_and_time" {
  command = plan

  variables {
    maintenance_window = "Sunday 3am"
  }

  expect_failures = [var.maintenance_window]
}

run "a_certificate_needs_a_domain" {
  command = plan

  variables {
    certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
  }

  expect_failures = [var.certificate_arn]
}

run "a_domain_needs_its_hosted_zone" {
  command = plan

  variables {
    domain_name = "time.example.com"
  }

  expect_failures = [var.hosted_zone_id]
}

run "domain_name_must_be_a_dns_name" {
  command = plan

  variables {
    domain_name    = "https://time.example.com"
    hosted_zone_id = "Z0123456789ABCDEFGHIJ"
  }

  expect_failures = [var.domain_name]
}

run "arm_instance_types_are_refused_while_the_image_is_amd64" {
  command = plan

  variables {
    instance_type = "t4g.small"
  }

  expect_failures = [var.instance_type]
}

run "scale_in_must_be_below_scale_out" {
  command = plan

  variables {
    scale_out_cpu_percent = 30
    scale_in_cpu_percent  = 30
  }

  expect_failures = [var.scale_in_cpu_percent]
}

run "scale_out_must_be_a_percentage" {
  command = plan

  variables {
    scale_out_cpu_percent = 150
  }

  expect_failures = [var.scale_out_cpu_percent]
}

run "alarm_email_must_be_an_address" {
  command = plan

  variables {
    alarm_email = "ops at example.com"
  }

  expect_failures = [var.alarm_email]
}

run "alarm_environment_health_must_be_a_level" {
  command = plan

  variables {
    alarm_environment_health = "Red"
  }

  expect_failures = [var.alarm_environment_health]
}

run "alarm_thresholds_must_be_sensible" {
  command = plan

  variables {
    alarm_p99_seconds    = 0
    alarm_5xx_per_minute = -1
  }

  expect_failures = [var.alarm_p99_seconds, var.alarm_5xx_per_minute]
}

run "solution_stack_must_be_al2023_docker" {
  command = plan

  variables {
    solution_stack_name = "64bit Amazon Linux 2 v3.9.1 running Docker"
  }

  expect_failures = [var.solution_stack_name]
}

run "access_log_retention_must_be_whole_days" {
  command = plan

  variables {
    access_log_retention_days = 0
  }

  expect_failures = [var.access_log_retention_days]
}

run "permissions_boundary_must_be_a_policy_arn" {
  command = plan

  variables {
    permissions_boundary_arn = "simpletimeservice-beanstalk-boundary"
  }

  expect_failures = [var.permissions_boundary_arn]
}

run "hosted_zone_id_must_be_a_zone_id" {
  command = plan

  variables {
    domain_name    = "time.example.com"
    hosted_zone_id = "/hostedzone/Z0123456789ABCDEFGHIJ"
  }

  expect_failures = [var.hosted_zone_id]
}

run "max_instances_must_be_at_most_100" {
  command = plan

  variables {
    max_instances = 101
  }

  expect_failures = [var.max_instances]
}

run "max_instances_must_be_whole" {
  command = plan

  variables {
    max_instances = 2.5
  }

  expect_failures = [var.max_instances]
}

# The longest names the validations let through, in the region with the longest code: every name AWS derives
# from them must still fit (environment 40, buckets 63, roles 64).
run "longest_accepted_names_fit_every_aws_limit" {
  command = plan

  variables {
    region      = "ap-southeast-7"
    name        = "a23456789012345678901234567"
    environment = "e2345678"
  }

  assert {
    condition     = length(aws_elastic_beanstalk_environment.this.name) <= 40 && length(module.bundle_bucket.name) <= 63 && length(module.access_logs_bucket.name) <= 63 && length(aws_iam_role.instance.name) <= 64 && length(aws_iam_role.service.name) <= 64 && length(aws_iam_instance_profile.instance.name) <= 128
    error_message = "Every generated name must be within AWS's limits."
  }
}

run "a_name_too_long_for_the_buckets_fails_at_plan" {
  command = plan

  variables {
    region = "ap-southeast-7"
    name   = "a234567890123456789012345678"
  }

  expect_failures = [var.name]
}

run "a_name_and_environment_too_long_for_beanstalk_fail_at_plan" {
  command = plan

  variables {
    region      = "eu-west-1"
    name        = "a2345678901234567890123456789012"
    environment = "e2345678"
  }

  expect_failures = [var.environment]
}

run "registry_auth_bucket_is_a_bucket_name" {
  command = plan

  variables {
    registry_auth_bucket = "s3://simpletimeservice-registry"
  }

  expect_failures = [var.registry_auth_bucket]
}
