# The newest "64bit Amazon Linux 2023 v4.x running Docker" when the environment is created, unless
# solution_stack_name pins one. After that, managed updates move the platform in the maintenance window and
# Terraform leaves it alone (docs/operations.md, "Platform updates").
data "aws_elastic_beanstalk_solution_stack" "docker" {
  most_recent = true
  name_regex  = "^64bit Amazon Linux 2023 v4\\.[0-9.]+ running Docker$"
}

locals {
  # The service's readiness probe (Spring Boot Actuator): ready once it can take traffic.
  health_check_path = "/actuator/health/readiness"

  https           = var.domain_name != ""
  listener_ports  = local.https ? ["80", "443"] : ["80"]
  certificate_arn = var.certificate_arn != "" ? var.certificate_arn : one(aws_acm_certificate_validation.this[*].certificate_arn)

  # Who may set X-Forwarded-For: the load balancer (inside the VPC) and nginx on the instance, which
  # reaches the container from the Docker bridge (or loopback through docker-proxy).
  trusted_proxies = join(",", ["127.0.0.0/8", "172.17.0.0/16", var.vpc_cidr])

  # Enhanced health: only failures of the service or the platform change the colour, not clients' 4xx
  # (scanners' 404s on a public load balancer); EnvironmentHealth goes to CloudWatch for the alarm. Written
  # compact and in the order Beanstalk returns it (not jsonencode's sorted keys), so a plan compares equal.
  health_config = "{\"Version\":1,\"CloudWatchMetrics\":{\"Instance\":{},\"Environment\":{\"EnvironmentHealth\":60}},\"Rules\":{\"Environment\":{\"ELB\":{\"ELBRequests4xx\":{\"Enabled\":false}},\"Application\":{\"ApplicationRequests4xx\":{\"Enabled\":false}}}}}"

  # Every option setting, keyed "namespace/name" (no option name holds a slash).
  settings = merge({
    "aws:ec2:vpc/VPCId"                    = aws_vpc.this.id
    "aws:ec2:vpc/ELBSubnets"               = join(",", [for s in aws_subnet.public : s.id])
    "aws:ec2:vpc/ELBScheme"                = "public"
    "aws:ec2:vpc/Subnets"                  = join(",", [for s in aws_subnet.private : s.id])
    "aws:ec2:vpc/AssociatePublicIpAddress" = "false"

    "aws:elasticbeanstalk:environment/EnvironmentType"  = "LoadBalanced"
    "aws:elasticbeanstalk:environment/LoadBalancerType" = "application"
    "aws:elasticbeanstalk:environment/ServiceRole"      = aws_iam_role.service.arn

    "aws:elbv2:loadbalancer/SecurityGroups"       = aws_security_group.load_balancer.id
    "aws:elbv2:loadbalancer/ManagedSecurityGroup" = aws_security_group.load_balancer.id
    "aws:elbv2:loadbalancer/AccessLogsS3Enabled"  = "true"
    "aws:elbv2:loadbalancer/AccessLogsS3Bucket"   = module.access_logs_bucket.name
    "aws:elbv2:loadbalancer/AccessLogsS3Prefix"   = local.access_logs_prefix

    "aws:autoscaling:launchconfiguration/IamInstanceProfile"             = aws_iam_instance_profile.instance.name
    "aws:autoscaling:launchconfiguration/SecurityGroups"                 = aws_security_group.instances.id
    "aws:autoscaling:launchconfiguration/DisableDefaultEC2SecurityGroup" = "true"
    # IMDSv2 only; together with gp3 this also makes Beanstalk use launch templates, which new accounts require.
    "aws:autoscaling:launchconfiguration/DisableIMDSv1"  = "true"
    "aws:autoscaling:launchconfiguration/RootVolumeType" = "gp3"
    "aws:ec2:instances/InstanceTypes"                    = var.instance_type

    "aws:autoscaling:asg/MinSize"            = tostring(var.min_instances)
    "aws:autoscaling:asg/MaxSize"            = tostring(var.max_instances)
    "aws:autoscaling:asg/Availability Zones" = "Any"

    # Scale on CPU, the resource this service spends per request (Beanstalk's default is NetworkOut), over
    # 5-minute periods: basic EC2 monitoring publishes CPU every 5 minutes, so shorter periods are mostly
    # empty. BreachDuration must be Period x EvaluationPeriods, or Beanstalk changes it (a diff every plan).
    "aws:autoscaling:trigger/MeasureName"               = "CPUUtilization"
    "aws:autoscaling:trigger/Statistic"                 = "Average"
    "aws:autoscaling:trigger/Unit"                      = "Percent"
    "aws:autoscaling:trigger/Period"                    = "5"
    "aws:autoscaling:trigger/EvaluationPeriods"         = "1"
    "aws:autoscaling:trigger/BreachDuration"            = "5"
    "aws:autoscaling:trigger/UpperThreshold"            = tostring(var.scale_out_cpu_percent)
    "aws:autoscaling:trigger/UpperBreachScaleIncrement" = "1"
    "aws:autoscaling:trigger/LowerThreshold"            = tostring(var.scale_in_cpu_percent)
    "aws:autoscaling:trigger/LowerBreachScaleIncrement" = "-1"

    "aws:elasticbeanstalk:environment:process:default/Port"                  = "80"
    "aws:elasticbeanstalk:environment:process:default/Protocol"              = "HTTP"
    "aws:elasticbeanstalk:environment:process:default/HealthCheckPath"       = local.health_check_path
    "aws:elasticbeanstalk:environment:process:default/MatcherHTTPCode"       = "200"
    "aws:elasticbeanstalk:environment:process:default/HealthyThresholdCount" = "2"
    "aws:elasticbeanstalk:environment:process:default/DeregistrationDelay"   = "20"
    "aws:elasticbeanstalk:healthreporting:system/SystemType"                 = "enhanced"
    "aws:elasticbeanstalk:healthreporting:system/ConfigDocument"             = local.health_config

    "aws:elasticbeanstalk:sns:topics/Notification Topic ARN" = aws_sns_topic.alarms.arn

    # Deploys never drop below full capacity: a fresh batch comes up before old instances go.
    "aws:elasticbeanstalk:command/DeploymentPolicy"                   = "RollingWithAdditionalBatch"
    "aws:elasticbeanstalk:command/BatchSizeType"                      = "Percentage"
    "aws:elasticbeanstalk:command/BatchSize"                          = "50"
    "aws:autoscaling:updatepolicy:rollingupdate/RollingUpdateEnabled" = "true"
    "aws:autoscaling:updatepolicy:rollingupdate/RollingUpdateType"    = "Health"

    "aws:elasticbeanstalk:managedactions/ManagedActionsEnabled"      = "true"
    "aws:elasticbeanstalk:managedactions/PreferredStartTime"         = var.maintenance_window
    "aws:elasticbeanstalk:managedactions:platformupdate/UpdateLevel" = "minor"

    "aws:elasticbeanstalk:cloudwatch:logs/StreamLogs"                    = "true"
    "aws:elasticbeanstalk:cloudwatch:logs/DeleteOnTerminate"             = "false"
    "aws:elasticbeanstalk:cloudwatch:logs/RetentionInDays"               = tostring(var.log_retention_days)
    "aws:elasticbeanstalk:cloudwatch:logs:health/HealthStreamingEnabled" = "true"
    "aws:elasticbeanstalk:cloudwatch:logs:health/DeleteOnTerminate"      = "false"
    "aws:elasticbeanstalk:cloudwatch:logs:health/RetentionInDays"        = tostring(var.log_retention_days)

    "aws:elasticbeanstalk:application:environment/SPRING_PROFILES_ACTIVE"  = "beanstalk"
    "aws:elasticbeanstalk:application:environment/CLIENTIP_TRUSTEDPROXIES" = local.trusted_proxies
    }, local.https ? {
    "aws:elbv2:listener:443/ListenerEnabled"    = "true"
    "aws:elbv2:listener:443/Protocol"           = "HTTPS"
    "aws:elbv2:listener:443/SSLCertificateArns" = local.certificate_arn
    "aws:elbv2:listener:443/SSLPolicy"          = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  } : {})
}

# No appversion_lifecycle: a rule by count or age would in time delete Terraform's own terraform-<hash>
# version, and the next plan would create it again. The release step forgets old releases instead (Release's
# prune step: the newest 50 are kept, Terraform's version and the running one always).
resource "aws_elastic_beanstalk_application" "this" {
  name        = var.name
  description = "Tells visitors the time and their IP address."
}

resource "aws_elastic_beanstalk_environment" "this" {
  name                   = module.names.environment
  application            = aws_elastic_beanstalk_application.this.name
  tier                   = "WebServer"
  solution_stack_name    = var.solution_stack_name != "" ? var.solution_stack_name : data.aws_elastic_beanstalk_solution_stack.docker.name
  version_label          = aws_elastic_beanstalk_application_version.initial.name
  wait_for_ready_timeout = "25m"

  dynamic "setting" {
    for_each = local.settings

    content {
      namespace = split("/", setting.key)[0]
      name      = split("/", setting.key)[1]
      value     = setting.value
    }
  }

  lifecycle {
    # Terraform deploys the first version; after that the release step owns what runs (docs/release.md),
    # and managed updates own the platform version, so a push never updates the platform mid-deploy.
    ignore_changes = [version_label, solution_stack_name]
  }

  depends_on = [
    aws_iam_role_policy_attachment.service,
    aws_iam_role_policy_attachment.instance,
    aws_iam_role_policy.instance_reads_bundles,
    aws_route_table_association.private,
    aws_vpc_security_group_ingress_rule.instances_from_load_balancer,
    aws_vpc_security_group_egress_rule.instances_to_internet,
    aws_sns_topic_policy.alarms,
  ]
}
