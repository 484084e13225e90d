# Values the mocked AWS provider returns where a random string would not do.

override_data {
  target = data.aws_availability_zones.available
  values = {
    names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  }
}

mock_data "aws_partition" {
  defaults = {
    partition = "aws"
  }
}

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
  }
}

# The registry credentials exist where registry_auth_bucket says (registry.tftest.hcl takes them away).
mock_data "aws_s3_objects" {
  defaults = {
    keys = ["dockerhub/config.json"]
  }
}

mock_data "aws_elastic_beanstalk_solution_stack" {
  defaults = {
    name = "64bit Amazon Linux 2023 v4.7.3 running Docker"
  }
}

mock_data "aws_lb_listener" {
  defaults = {
    arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/awseb-AWSEB-1/50dc6c495c0c9188/f2f7dc8efc522ab2"
    default_action = [{
      type             = "forward"
      target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/awseb-AWSEB-2/0123456789abcdef"
    }]
  }
}

# Every role and bucket its own ARN, as AWS would name it, so that "the right one" cannot pass for another.
override_resource {
  target = aws_iam_role.service
  values = {
    arn = "arn:aws:iam::123456789012:role/simpletimeservice-beanstalk-service"
    id  = "simpletimeservice-beanstalk-service"
  }
}

override_resource {
  target = aws_iam_role.instance
  values = {
    arn = "arn:aws:iam::123456789012:role/simpletimeservice-beanstalk-instance"
    id  = "simpletimeservice-beanstalk-instance"
  }
}

override_resource {
  target = aws_iam_instance_profile.instance
  values = {
    arn = "arn:aws:iam::123456789012:instance-profile/simpletimeservice-beanstalk-instance"
  }
}

override_resource {
  target = module.bundle_bucket.aws_s3_bucket.this
  values = {
    arn = "arn:aws:s3:::simpletimeservice-bundles-123456789012-eu-west-1"
    id  = "simpletimeservice-bundles-123456789012-eu-west-1"
  }
}

override_resource {
  target = module.access_logs_bucket.aws_s3_bucket.this
  values = {
    arn = "arn:aws:s3:::simpletimeservice-lb-logs-123456789012-eu-west-1"
    id  = "simpletimeservice-lb-logs-123456789012-eu-west-1"
  }
}

mock_resource "aws_elastic_beanstalk_environment" {
  defaults = {
    cname          = "simpletimeservice-prod.eu-west-1.elasticbeanstalk.com"
    load_balancers = ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/awseb-AWSEB-1/50dc6c495c0c9188"]
  }
}

# A load balancer found by anything but the environment's ARN is another one: only a lookup by that ARN
# (an argument, which the mock keeps) gives the environment's.
mock_data "aws_lb" {
  defaults = {
    arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/someone-elses/0000000000000000"
    arn_suffix = "app/awseb-AWSEB-1/50dc6c495c0c9188"
    dns_name   = "awseb-AWSEB-1-123456789.eu-west-1.elb.amazonaws.com"
    zone_id    = "Z32O12XQLNTSW2"
  }
}

mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:simpletimeservice-prod-alarms"
  }
}

mock_resource "aws_acm_certificate" {
  defaults = {
    arn = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
    domain_validation_options = [{
      domain_name           = "time.example.com"
      resource_record_name  = "_abc.time.example.com."
      resource_record_type  = "CNAME"
      resource_record_value = "_def.acm-validations.aws."
    }]
  }
}

mock_resource "aws_acm_certificate_validation" {
  defaults = {
    certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  }
}
