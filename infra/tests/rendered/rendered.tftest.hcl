# Every resource and data source infra/ plans, at its widest (HTTPS on a domain, a NAT gateway per zone, an alarm
# subscriber, the boundary), for infra/bootstrap/tests/iam: each call the provider makes for them must be one the
# GitHub roles allow. It runs this directory with -verbose -json and reads the state; the module's own
# `terraform test` (tests/) leaves it out.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "rendered" {
  command = apply

  variables {
    image                    = "docker.io/octo-org/simpletimeservice:1.0.0"
    registry_auth_bucket     = "simpletimeservice-registry-123456789012-eu-west-1"
    domain_name              = "time.example.com"
    hosted_zone_id           = "Z0123456789ABCDEFGHIJ"
    nat_gateway_per_az       = true
    alarm_email              = "ops@example.com"
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/simpletimeservice-beanstalk-boundary"
  }
}
