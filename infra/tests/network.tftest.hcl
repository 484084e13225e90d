mock_provider "aws" {
  source = "./tests/mocks"
}

# Everything else comes from terraform.tfvars, as for a user: only image has no default.
variables {
  image = "docker.io/octo-org/simpletimeservice:1.0.0"
}

run "two_zones_by_default" {
  command = plan

  assert {
    condition     = keys(aws_subnet.public) == ["eu-west-1a", "eu-west-1b"] && keys(aws_subnet.private) == ["eu-west-1a", "eu-west-1b"]
    error_message = "Expected one public and one private subnet in each of the first two zones."
  }

  assert {
    condition     = [for s in aws_subnet.public : s.cidr_block] == ["10.0.0.0/20", "10.0.16.0/20"]
    error_message = "Public subnets should take the first sixteenths of the VPC."
  }

  assert {
    condition     = [for s in aws_subnet.private : s.cidr_block] == ["10.0.128.0/20", "10.0.144.0/20"]
    error_message = "Private subnets should take the second half of the VPC."
  }

  assert {
    condition     = alltrue([for s in concat(values(aws_subnet.public), values(aws_subnet.private)) : s.map_public_ip_on_launch == false])
    error_message = "No subnet may hand out public IPs."
  }

  assert {
    condition     = alltrue([for s in aws_subnet.private : s.tags.Tier == "private"]) && alltrue([for s in aws_subnet.public : s.tags.Tier == "public"])
    error_message = "Subnets should be tagged with their tier."
  }

  assert {
    condition     = aws_vpc.this.cidr_block == "10.0.0.0/16" && aws_vpc.this.enable_dns_hostnames
    error_message = "The VPC should use vpc_cidr and have DNS hostnames."
  }

  assert {
    condition     = length(aws_default_security_group.this.ingress) == 0 && length(aws_default_security_group.this.egress) == 0
    error_message = "The default security group must be stripped of all rules."
  }
}

run "one_shared_nat_gateway_by_default" {
  command = apply

  assert {
    condition     = keys(aws_nat_gateway.this) == ["eu-west-1a"]
    error_message = "Expected a single NAT gateway, in the first zone."
  }

  assert {
    condition     = aws_nat_gateway.this["eu-west-1a"].subnet_id == aws_subnet.public["eu-west-1a"].id
    error_message = "The NAT gateway belongs in a public subnet."
  }

  assert {
    condition     = alltrue([for rt in aws_route_table.private : one(rt.route).nat_gateway_id == aws_nat_gateway.this["eu-west-1a"].id])
    error_message = "Every private subnet should route to the internet through the shared NAT gateway."
  }

  assert {
    condition     = one(aws_route_table.public.route).gateway_id == aws_internet_gateway.this.id
    error_message = "Public subnets should route to the internet gateway."
  }

  assert {
    condition     = alltrue([for az, a in aws_route_table_association.private : a.route_table_id == aws_route_table.private[az].id && a.subnet_id == aws_subnet.private[az].id])
    error_message = "Each private subnet should use its zone's route table."
  }

  assert {
    condition     = keys(aws_route_table_association.public) == ["eu-west-1a", "eu-west-1b"] && alltrue([for az, a in aws_route_table_association.public : a.route_table_id == aws_route_table.public.id && a.subnet_id == aws_subnet.public[az].id])
    error_message = "Both public subnets should use the public route table."
  }
}

run "one_nat_gateway_per_zone_when_asked" {
  command = apply

  variables {
    az_count           = 3
    nat_gateway_per_az = true
  }

  assert {
    condition     = keys(aws_nat_gateway.this) == ["eu-west-1a", "eu-west-1b", "eu-west-1c"] && length(aws_eip.nat) == 3
    error_message = "Expected a NAT gateway and an Elastic IP in each of the three zones."
  }

  assert {
    condition     = alltrue([for az, nat in aws_nat_gateway.this : nat.subnet_id == aws_subnet.public[az].id])
    error_message = "Each NAT gateway belongs in its own zone's public subnet."
  }

  assert {
    condition     = alltrue([for az, rt in aws_route_table.private : one(rt.route).nat_gateway_id == aws_nat_gateway.this[az].id])
    error_message = "Each private subnet should route through the NAT gateway of its own zone."
  }
}

run "more_zones_than_the_region_has_fail_at_plan" {
  command = plan

  variables {
    az_count = 4
  }

  expect_failures = [aws_vpc.this]
}
