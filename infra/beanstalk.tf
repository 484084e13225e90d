# Newest "64bit Amazon Linux 2023 v4.x running Docker": a new platform release shows up as a plan diff.
data "aws_elastic_beanstalk_solution_stack" "docker" {
  most_recent = true
  name_regex  = "^64bit Amazon Linux 2023 v4\\.[0-9.]+ running Docker$"
}

locals {
  # The service's readiness probe (Spring Boot Actuator): ready once it can take traffic.
  health_check_path = "/actuator/health/readiness"

  https          = var.certificate_arn != ""
  listener_ports = local.https ? ["80", "443"] : ["80"]

  # Who may set X-Forwarded-For: the load balancer (inside the VPC) and nginx on the instance, which
  # reaches the container from the Docker bridge (or loopback through docker-proxy).
  trusted_proxies = join(",", ["127.0.0.0/8", "172.17.0.0/16", var.vpc_cidr])

  settings = concat([
    { namespace = "aws:ec2:vpc", name = "VPCId", value = aws_vpc.this.id },
    { namespace = "aws:ec2:vpc", name = "ELBSubnets", value = join(",", [for s in aws_subnet.public : s.id]) },
    { namespace = "aws:ec2:vpc", name = "ELBScheme", value = "public" },
    { namespace = "aws:ec2:vpc", name = "Subnets", value = join(",", [for s in aws_subnet.private : s.id]) },
    { namespace = "aws:ec2:vpc", name = "AssociatePublicIpAddress", value = "false" },

    { namespace = "aws:elasticbeanstalk:environment", name = "EnvironmentType", value = "LoadBalanced" },
    { namespace = "aws:elasticbeanstalk:environment", name = "LoadBalancerType", value = "application" },
    { namespace = "aws:elasticbeanstalk:environment", name = "ServiceRole", value = aws_iam_role.service.arn },

    { namespace = "aws:elbv2:loadbalancer", name = "SecurityGroups", value = aws_security_group.load_balancer.id },
    { namespace = "aws:elbv2:loadbalancer", name = "ManagedSecurityGroup", value = aws_security_group.load_balancer.id },

    { namespace = "aws:autoscaling:launchconfiguration", name = "IamInstanceProfile", value = aws_iam_instance_profile.instance.name },
    { namespace = "aws:autoscaling:launchconfiguration", name = "SecurityGroups", value = aws_security_group.instances.id },
    { namespace = "aws:autoscaling:launchconfiguration", name = "DisableDefaultEC2SecurityGroup", value = "true" },
    # IMDSv2 only; together with gp3 this also makes Beanstalk use launch templates, which new accounts require.
    { namespace = "aws:autoscaling:launchconfiguration", name = "DisableIMDSv1", value = "true" },
    { namespace = "aws:autoscaling:launchconfiguration", name = "RootVolumeType", value = "gp3" },
    { namespace = "aws:ec2:instances", name = "InstanceTypes", value = var.instance_type },

    { namespace = "aws:autoscaling:asg", name = "MinSize", value = tostring(var.min_instances) },
    { namespace = "aws:autoscaling:asg", name = "MaxSize", value = tostring(var.max_instances) },
    { namespace = "aws:autoscaling:asg", name = "Availability Zones", value = "Any" },

    { namespace = "aws:elasticbeanstalk:environment:process:default", name = "Port", value = "80" },
    { namespace = "aws:elasticbeanstalk:environment:process:default", name = "Protocol", value = "HTTP" },
    { namespace = "aws:elasticbeanstalk:environment:process:default", name = "HealthCheckPath", value = local.health_check_path },
    { namespace = "aws:elasticbeanstalk:environment:process:default", name = "MatcherHTTPCode", value = "200" },
    { namespace = "aws:elasticbeanstalk:environment:process:default", name = "HealthyThresholdCount", value = "2" },
    { namespace = "aws:elasticbeanstalk:environment:process:default", name = "DeregistrationDelay", value = "20" },
    { namespace = "aws:elasticbeanstalk:healthreporting:system", name = "SystemType", value = "enhanced" },

    # Deploys never drop below full capacity: a fresh batch comes up before old instances go.
    { namespace = "aws:elasticbeanstalk:command", name = "DeploymentPolicy", value = "RollingWithAdditionalBatch" },
    { namespace = "aws:elasticbeanstalk:command", name = "BatchSizeType", value = "Percentage" },
    { namespace = "aws:elasticbeanstalk:command", name = "BatchSize", value = "50" },
    { namespace = "aws:autoscaling:updatepolicy:rollingupdate", name = "RollingUpdateEnabled", value = "true" },
    { namespace = "aws:autoscaling:updatepolicy:rollingupdate", name = "RollingUpdateType", value = "Health" },

    { namespace = "aws:elasticbeanstalk:managedactions", name = "ManagedActionsEnabled", value = "true" },
    { namespace = "aws:elasticbeanstalk:managedactions", name = "PreferredStartTime", value = var.maintenance_window },
    { namespace = "aws:elasticbeanstalk:managedactions:platformupdate", name = "UpdateLevel", value = "minor" },

    { namespace = "aws:elasticbeanstalk:cloudwatch:logs", name = "StreamLogs", value = "true" },
    { namespace = "aws:elasticbeanstalk:cloudwatch:logs", name = "DeleteOnTerminate", value = "false" },
    { namespace = "aws:elasticbeanstalk:cloudwatch:logs", name = "RetentionInDays", value = tostring(var.log_retention_days) },
    { namespace = "aws:elasticbeanstalk:cloudwatch:logs:health", name = "HealthStreamingEnabled", value = "true" },
    { namespace = "aws:elasticbeanstalk:cloudwatch:logs:health", name = "DeleteOnTerminate", value = "false" },
    { namespace = "aws:elasticbeanstalk:cloudwatch:logs:health", name = "RetentionInDays", value = tostring(var.log_retention_days) },

    { namespace = "aws:elasticbeanstalk:application:environment", name = "SPRING_PROFILES_ACTIVE", value = "beanstalk" },
    { namespace = "aws:elasticbeanstalk:application:environment", name = "CLIENTIP_TRUSTEDPROXIES", value = local.trusted_proxies },
    ], local.https ? [
    { namespace = "aws:elbv2:listener:443", name = "ListenerEnabled", value = "true" },
    { namespace = "aws:elbv2:listener:443", name = "Protocol", value = "HTTPS" },
    { namespace = "aws:elbv2:listener:443", name = "SSLCertificateArns", value = var.certificate_arn },
    { namespace = "aws:elbv2:listener:443", name = "SSLPolicy", value = "ELBSecurityPolicy-TLS13-1-2-2021-06" },
  ] : [])
}

resource "aws_elastic_beanstalk_application" "this" {
  name        = var.name
  description = "Tells visitors the time and their IP address."

  # Forget all but the newest 50 versions. Their bundles (a few hundred bytes each) stay in the bucket:
  # the service role has no S3 access, and needs none.
  appversion_lifecycle {
    service_role          = aws_iam_role.service.arn
    max_count             = 50
    delete_source_from_s3 = false
  }
}

resource "aws_elastic_beanstalk_environment" "this" {
  name                   = "${var.name}-${var.environment}"
  application            = aws_elastic_beanstalk_application.this.name
  tier                   = "WebServer"
  solution_stack_name    = data.aws_elastic_beanstalk_solution_stack.docker.name
  version_label          = aws_elastic_beanstalk_application_version.initial.name
  wait_for_ready_timeout = "25m"

  dynamic "setting" {
    for_each = local.settings

    content {
      namespace = setting.value.namespace
      name      = setting.value.name
      value     = setting.value.value
    }
  }

  lifecycle {
    # Terraform deploys the first version; after that the release step owns what runs (README: "Releases").
    ignore_changes = [version_label]
  }

  depends_on = [
    aws_iam_role_policy_attachment.service,
    aws_iam_role_policy_attachment.instance,
    aws_iam_role_policy.instance_reads_bundles,
    aws_route_table_association.private,
    aws_vpc_security_group_ingress_rule.instances_from_load_balancer,
    aws_vpc_security_group_egress_rule.instances_to_internet,
  ]
}

# With HTTPS on, port 80 answers with a redirect. Beanstalk's option settings cannot say that, so the
# rule goes on the port 80 listener that Beanstalk created.
data "aws_lb_listener" "http" {
  count = local.https ? 1 : 0

  load_balancer_arn = aws_elastic_beanstalk_environment.this.load_balancers[0]
  port              = 80
}

resource "aws_lb_listener_rule" "redirect_http_to_https" {
  count = local.https ? 1 : 0

  listener_arn = data.aws_lb_listener.http[0].arn
  priority     = 1

  action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }

  condition {
    path_pattern {
      values = ["/*"]
    }
  }
}
