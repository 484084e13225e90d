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

mock_data "aws_elastic_beanstalk_solution_stack" {
  defaults = {
    name = "64bit Amazon Linux 2023 v4.7.3 running Docker"
  }
}

mock_data "aws_lb_listener" {
  defaults = {
    arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/awseb-AWSEB-1/50dc6c495c0c9188/f2f7dc8efc522ab2"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/mock"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    arn = "arn:aws:s3:::mock-bundles"
  }
}

mock_resource "aws_elastic_beanstalk_environment" {
  defaults = {
    cname          = "simpletimeservice-prod.eu-west-1.elasticbeanstalk.com"
    load_balancers = ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/awseb-AWSEB-1/50dc6c495c0c9188"]
  }
}
