# Our own groups instead of the ones Beanstalk would create, so the rules are visible and tested here:
# the internet reaches only the load balancer, and the instances only from the load balancer. With
# DisableDefaultEC2SecurityGroup Beanstalk creates no instance group, so the rule from the load balancer is
# ours to make (Beanstalk guide, aws:autoscaling:launchconfiguration SecurityGroups): the rule ManagedSecurityGroup
# adds goes to that default group, which does not exist here, so nothing duplicates instances_from_load_balancer.

resource "aws_security_group" "load_balancer" {
  name        = "${var.name}-load-balancer"
  description = "Internet to the ${var.name} load balancer"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name}-load-balancer" }
}

resource "aws_vpc_security_group_ingress_rule" "load_balancer" {
  for_each = toset(local.listener_ports)

  security_group_id = aws_security_group.load_balancer.id
  description       = "HTTP${each.value == "443" ? "S" : ""} from anywhere"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = tonumber(each.value)
  to_port           = tonumber(each.value)
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_to_instances" {
  security_group_id            = aws_security_group.load_balancer.id
  description                  = "Requests and health checks to the instances"
  referenced_security_group_id = aws_security_group.instances.id
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
}

resource "aws_security_group" "instances" {
  name        = "${var.name}-instances"
  description = "${var.name} instances: HTTP from the load balancer only"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name}-instances" }
}

resource "aws_vpc_security_group_ingress_rule" "instances_from_load_balancer" {
  security_group_id            = aws_security_group.instances.id
  description                  = "HTTP to nginx from the load balancer"
  referenced_security_group_id = aws_security_group.load_balancer.id
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
}

# Out through NAT: Docker Hub for the image, AWS APIs for Beanstalk, CloudWatch and S3.
resource "aws_vpc_security_group_egress_rule" "instances_to_internet" {
  security_group_id = aws_security_group.instances.id
  description       = "Image pulls and AWS APIs"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}
