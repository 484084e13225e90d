# Every option setting is read from local.settings, keyed "namespace/name": the map the environment is built from.

mock_provider "aws" {
  source = "./tests/mocks"
}

# The pipeline's configuration: instances pull with registry credentials (registry.tftest.hcl covers the
# anonymous default); everything else comes from terraform.tfvars.
variables {
  image                = "docker.io/octo-org/simpletimeservice:1.0.0"
  registry_auth_bucket = "simpletimeservice-registry-123456789012-eu-west-1"
}

# Where a property exists the runs state it (instances are private, health checks hit readiness, a deploy keeps
# capacity, ...) instead of retyping beanstalk.tf; values the README promises are asserted as themselves.

# The first bundle, already in the plan.
run "plan_shows_the_first_bundle" {
  command = plan

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).AWSEBDockerrunVersion == "1" && jsondecode(aws_s3_object.initial_bundle.content).Image.Name == var.image
    error_message = "The bundle should be a Dockerrun v1 file running the image variable."
  }

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).Ports[0].ContainerPort == yamldecode(file("${path.module}/../webapp/src/main/resources/application.yaml")).server.port
    error_message = "nginx should proxy to the port the service listens on (server.port in webapp's application.yaml)."
  }

  # Docker Hub allows 10 anonymous pulls an hour per address, and every instance shares the NAT's: the very first
  # environment pulls with credentials, which stay in S3 (the bundle only says where).
  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).Authentication == { Bucket = "simpletimeservice-registry-123456789012-eu-west-1", Key = "dockerhub/config.json" }
    error_message = "The first bundle should pull with the registry credentials in registry_auth_bucket."
  }
}

run "plain_http_environment" {
  command = apply

  assert {
    condition     = length([for s in aws_elastic_beanstalk_environment.this.setting : s if local.settings["${s.namespace}/${s.name}"] == s.value]) == length(local.settings)
    error_message = "The environment must carry every entry of local.settings, split back into namespace and name."
  }

  # Private means out only through NAT: each subnet's default route, found through its route table association.
  assert {
    condition = toset(split(",", local.settings["aws:ec2:vpc/Subnets"])) == toset([
      for a in concat(values(aws_route_table_association.public), values(aws_route_table_association.private)) : a.subnet_id
      if one([for rt in concat([aws_route_table.public], values(aws_route_table.private)) : one(rt.route).nat_gateway_id if rt.id == a.route_table_id]) != null
    ]) && local.settings["aws:ec2:vpc/AssociatePublicIpAddress"] == "false"
    error_message = "The instances belong in the subnets that reach the internet only through NAT, without public IPs."
  }

  assert {
    condition = toset(split(",", local.settings["aws:ec2:vpc/ELBSubnets"])) == toset([
      for a in concat(values(aws_route_table_association.public), values(aws_route_table_association.private)) : a.subnet_id
      if one([for rt in concat([aws_route_table.public], values(aws_route_table.private)) : one(rt.route).gateway_id if rt.id == a.route_table_id]) != null
    ]) && local.settings["aws:ec2:vpc/ELBScheme"] == "public"
    error_message = "The internet-facing load balancer belongs in the subnets routed to the internet gateway."
  }

  # So that a zone can fail: the load balancer in two zones at least, with instances behind it in each.
  assert {
    condition = (
      length(toset([for s in aws_subnet.public : s.availability_zone if contains(split(",", local.settings["aws:ec2:vpc/ELBSubnets"]), s.id)])) >= 2 &&
      toset([for s in aws_subnet.public : s.availability_zone if contains(split(",", local.settings["aws:ec2:vpc/ELBSubnets"]), s.id)]) ==
      toset([for s in aws_subnet.private : s.availability_zone if contains(split(",", local.settings["aws:ec2:vpc/Subnets"]), s.id)])
    )
    error_message = "The load balancer should span two zones at least, and the instances the same zones."
  }

  assert {
    condition     = toset([for s in concat(values(aws_subnet.public), values(aws_subnet.private)) : s.vpc_id]) == toset([local.settings["aws:ec2:vpc/VPCId"]])
    error_message = "The environment's VPC should be the one its subnets are in."
  }

  # The load balancer and the platform.
  assert {
    condition     = local.settings["aws:elasticbeanstalk:environment/LoadBalancerType"] == "application" && local.settings["aws:elasticbeanstalk:environment/EnvironmentType"] == "LoadBalanced"
    error_message = "The environment must be load balanced by an Application Load Balancer (the API default is classic)."
  }

  assert {
    condition     = aws_elastic_beanstalk_environment.this.solution_stack_name == "64bit Amazon Linux 2023 v4.7.3 running Docker" && data.aws_elastic_beanstalk_solution_stack.docker.most_recent
    error_message = "Without solution_stack_name the environment is created on the newest Amazon Linux 2023 Docker platform."
  }

  assert {
    condition     = can(regex(data.aws_elastic_beanstalk_solution_stack.docker.name_regex, "64bit Amazon Linux 2023 v4.7.3 running Docker")) && !can(regex(data.aws_elastic_beanstalk_solution_stack.docker.name_regex, "64bit Amazon Linux 2 v3.9.1 running Docker")) && !can(regex(data.aws_elastic_beanstalk_solution_stack.docker.name_regex, "64bit Amazon Linux 2023 v4.7.3 running ECS"))
    error_message = "The platform regex must match Amazon Linux 2023 Docker platforms only."
  }

  # Instances: IMDSv2 only, gp3 (so launch templates), no SSH, no Beanstalk default group.
  assert {
    condition     = local.settings["aws:autoscaling:launchconfiguration/DisableIMDSv1"] == "true" && local.settings["aws:autoscaling:launchconfiguration/RootVolumeType"] == "gp3"
    error_message = "Instances must accept IMDSv2 only, on gp3 root volumes."
  }

  assert {
    # That no other rule exists at all is checked on the whole configuration (scripts/check-infra-and-workflows.sh).
    condition     = !contains(keys(local.settings), "aws:autoscaling:launchconfiguration/EC2KeyName") && length(aws_security_group.instances.ingress) == 0
    error_message = "No key pair and no SSH port: operators use Session Manager."
  }

  assert {
    condition     = local.settings["aws:autoscaling:launchconfiguration/DisableDefaultEC2SecurityGroup"] == "true"
    error_message = "Beanstalk's default instance security group, which would let in more, must be off."
  }

  # The path of requests and health checks: the load balancer's group out to the instances' group on the
  # process port, and the instances' group in from the load balancer's on that port, by group, never by range.
  assert {
    condition = (
      aws_vpc_security_group_egress_rule.load_balancer_to_instances.security_group_id == local.settings["aws:elbv2:loadbalancer/SecurityGroups"] &&
      aws_vpc_security_group_egress_rule.load_balancer_to_instances.referenced_security_group_id == local.settings["aws:autoscaling:launchconfiguration/SecurityGroups"] &&
      aws_vpc_security_group_ingress_rule.instances_from_load_balancer.security_group_id == local.settings["aws:autoscaling:launchconfiguration/SecurityGroups"] &&
      aws_vpc_security_group_ingress_rule.instances_from_load_balancer.referenced_security_group_id == local.settings["aws:elbv2:loadbalancer/SecurityGroups"] &&
      aws_vpc_security_group_ingress_rule.instances_from_load_balancer.cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.instances_from_load_balancer.cidr_ipv6 == null &&
      alltrue([for r in [aws_vpc_security_group_egress_rule.load_balancer_to_instances, aws_vpc_security_group_ingress_rule.instances_from_load_balancer] : r.ip_protocol == "tcp" && r.from_port == tonumber(local.settings["aws:elasticbeanstalk:environment:process:default/Port"]) && r.to_port == r.from_port])
    )
    error_message = "The load balancer should reach the instances on the process port, and the instances accept only that, only from the load balancer's group."
  }

  assert {
    condition     = keys(aws_vpc_security_group_ingress_rule.load_balancer) == ["80"]
    error_message = "Without a domain the load balancer should open port 80 only."
  }

  # IAM: the roles the environment names, trusted only by their service, with exactly the managed policies
  # Beanstalk and Session Manager need.
  assert {
    condition     = one([for r in [aws_iam_role.service, aws_iam_role.instance] : jsondecode(r.assume_role_policy).Statement if r.arn == local.settings["aws:elasticbeanstalk:environment/ServiceRole"]]) == [{ Effect = "Allow", Principal = { Service = "elasticbeanstalk.amazonaws.com" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "sts:ExternalId" = "elasticbeanstalk" } } }]
    error_message = "The environment's service role should be one only Elastic Beanstalk may assume."
  }

  assert {
    condition     = toset([for a in aws_iam_role_policy_attachment.service : a.policy_arn]) == toset(["arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth", "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy"])
    error_message = "The service role should have the enhanced health and managed updates policies, and nothing else."
  }

  assert {
    condition     = toset([for a in aws_iam_role_policy_attachment.instance : a.policy_arn]) == toset(["arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]) && jsondecode(aws_iam_role.instance.assume_role_policy).Statement[0].Principal.Service == "ec2.amazonaws.com" && aws_iam_instance_profile.instance.role == aws_iam_role.instance.name
    error_message = "The instance profile's role should be for EC2, with the web tier and Session Manager policies and nothing else."
  }

  # What the instances read beyond that: exactly what the bundles need, the bundle bucket and the one
  # credentials object the bundle names.
  assert {
    condition = jsondecode(aws_iam_role_policy.instance_reads_bundles.policy).Statement == [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:GetObjectVersion"], Resource = "arn:aws:s3:::${aws_elastic_beanstalk_application_version.initial.bucket}/*" },
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${jsondecode(aws_s3_object.initial_bundle.content).Authentication.Bucket}/${jsondecode(aws_s3_object.initial_bundle.content).Authentication.Key}" },
    ] && aws_iam_role_policy.instance_reads_bundles.role == aws_iam_role.instance.id
    error_message = "Instances should only read objects of the bundle bucket, and the one object of their registry credentials."
  }

  # Health checks hit the service's readiness probe: 200 once it can take traffic, 503 before and while it drains.
  assert {
    condition     = local.settings["aws:elasticbeanstalk:environment:process:default/HealthCheckPath"] == "/actuator/health/readiness" && local.settings["aws:elasticbeanstalk:environment:process:default/MatcherHTTPCode"] == "200" && local.settings["aws:elasticbeanstalk:healthreporting:system/SystemType"] == "enhanced"
    error_message = "The health check should accept only a 200 from the readiness probe, with enhanced health reporting."
  }

  assert {
    condition     = jsondecode(local.settings["aws:elasticbeanstalk:healthreporting:system/ConfigDocument"]).Rules.Environment.Application.ApplicationRequests4xx.Enabled == false && jsondecode(local.settings["aws:elasticbeanstalk:healthreporting:system/ConfigDocument"]).Rules.Environment.ELB.ELBRequests4xx.Enabled == false
    error_message = "Clients' 4xx (from the service or the load balancer) must not change the environment's health."
  }

  assert {
    condition     = jsondecode(local.settings["aws:elasticbeanstalk:healthreporting:system/ConfigDocument"]).Version == 1 && jsondecode(local.settings["aws:elasticbeanstalk:healthreporting:system/ConfigDocument"]).CloudWatchMetrics.Environment.EnvironmentHealth == aws_cloudwatch_metric_alarm.environment_health.period
    error_message = "EnvironmentHealth should go to CloudWatch once per period of the health alarm that reads it."
  }

  # Capacity: at least two instances, never more than MaxSize; one instance out on high average CPU, one in on
  # low, and scale-in below scale-out so the group never does both at once.
  assert {
    condition     = tonumber(local.settings["aws:autoscaling:asg/MinSize"]) >= 2 && tonumber(local.settings["aws:autoscaling:asg/MinSize"]) <= tonumber(local.settings["aws:autoscaling:asg/MaxSize"])
    error_message = "The Auto Scaling group should run two instances at least (one per zone), and MaxSize at most."
  }

  assert {
    condition     = local.settings["aws:autoscaling:trigger/MeasureName"] == "CPUUtilization" && local.settings["aws:autoscaling:trigger/Unit"] == "Percent" && local.settings["aws:autoscaling:trigger/Statistic"] == "Average"
    error_message = "Scaling should follow average CPU, not Beanstalk's default NetworkOut."
  }

  assert {
    condition     = tonumber(local.settings["aws:autoscaling:trigger/LowerThreshold"]) < tonumber(local.settings["aws:autoscaling:trigger/UpperThreshold"]) && local.settings["aws:autoscaling:trigger/UpperBreachScaleIncrement"] == "1" && local.settings["aws:autoscaling:trigger/LowerBreachScaleIncrement"] == "-1"
    error_message = "Scale out one instance above the upper threshold, in one below the lower one, which must sit under it."
  }

  assert {
    condition     = tonumber(local.settings["aws:autoscaling:trigger/BreachDuration"]) == tonumber(local.settings["aws:autoscaling:trigger/Period"]) * tonumber(local.settings["aws:autoscaling:trigger/EvaluationPeriods"]) && tonumber(local.settings["aws:autoscaling:trigger/Period"]) >= 5
    error_message = "The trigger must be consistent (BreachDuration = Period x EvaluationPeriods) and use periods basic monitoring fills (5 minutes)."
  }

  # A deploy never drops below full capacity: an additional batch (a share of the fleet, at least one instance)
  # starts and passes the health check before old instances leave; configuration changes that replace instances
  # wait for health too.
  assert {
    condition     = local.settings["aws:elasticbeanstalk:command/DeploymentPolicy"] == "RollingWithAdditionalBatch" && local.settings["aws:elasticbeanstalk:command/BatchSizeType"] == "Percentage" && tonumber(local.settings["aws:elasticbeanstalk:command/BatchSize"]) > 0 && tonumber(local.settings["aws:elasticbeanstalk:command/BatchSize"]) <= 100
    error_message = "Deployments must add a batch of 1 to 100 % of the fleet before replacing any instance."
  }

  assert {
    condition     = local.settings["aws:autoscaling:updatepolicy:rollingupdate/RollingUpdateEnabled"] == "true" && local.settings["aws:autoscaling:updatepolicy:rollingupdate/RollingUpdateType"] == "Health"
    error_message = "Configuration changes that replace instances should roll, each batch waiting for health."
  }

  # Platform updates, logs, notifications.
  assert {
    condition     = local.settings["aws:elasticbeanstalk:managedactions/ManagedActionsEnabled"] == "true" && local.settings["aws:elasticbeanstalk:managedactions/PreferredStartTime"] == var.maintenance_window && local.settings["aws:elasticbeanstalk:managedactions:platformupdate/UpdateLevel"] == "minor"
    error_message = "Managed platform updates should run in the weekly window."
  }

  assert {
    condition     = alltrue([for ns in ["aws:elasticbeanstalk:cloudwatch:logs", "aws:elasticbeanstalk:cloudwatch:logs:health"] : local.settings["${ns}/RetentionInDays"] == tostring(var.log_retention_days) && local.settings["${ns}/DeleteOnTerminate"] == "false"]) && local.settings["aws:elasticbeanstalk:cloudwatch:logs/StreamLogs"] == "true" && local.settings["aws:elasticbeanstalk:cloudwatch:logs:health/HealthStreamingEnabled"] == "true"
    error_message = "Instance and health logs should stream to CloudWatch, and outlive the environment for log_retention_days."
  }

  assert {
    condition     = contains(aws_cloudwatch_metric_alarm.environment_health.alarm_actions, local.settings["aws:elasticbeanstalk:sns:topics/Notification Topic ARN"])
    error_message = "Beanstalk's own notifications should go to the topic the alarms notify."
  }

  # What the container is told.
  assert {
    condition     = toset(split(",", local.settings["aws:elasticbeanstalk:application:environment/CLIENTIP_TRUSTEDPROXIES"])) == toset(["127.0.0.0/8", "172.17.0.0/16", aws_vpc.this.cidr_block])
    error_message = "The service should trust nginx (loopback, Docker bridge) and the VPC, where the load balancer is: nothing on the internet."
  }

  assert {
    condition     = fileexists("${path.module}/../webapp/src/main/resources/application-${local.settings["aws:elasticbeanstalk:application:environment/SPRING_PROFILES_ACTIVE"]}.yaml")
    error_message = "The profile Beanstalk activates should be one the service has (webapp's application-<profile>.yaml)."
  }

  # HTTPS is off.
  assert {
    condition     = length([for k in keys(local.settings) : k if startswith(k, "aws:elbv2:listener:443/")]) == 0 && length(aws_lb_listener_rule.redirect_http_to_https) == 0 && length(aws_acm_certificate.this) == 0 && length(aws_route53_record.service) == 0
    error_message = "Without a domain there should be no 443 listener, no redirect, no certificate and no DNS record."
  }

  assert {
    condition     = length(aws_elastic_beanstalk_application.this.appversion_lifecycle) == 0
    error_message = "No Beanstalk lifecycle rule: by count or age it would delete Terraform's own version, which the next plan would create again."
  }

  assert {
    condition     = aws_elastic_beanstalk_environment.this.version_label == aws_elastic_beanstalk_application_version.initial.name && startswith(aws_elastic_beanstalk_application_version.initial.name, "terraform-")
    error_message = "The environment should start on Terraform's version."
  }

  assert {
    condition     = output.url == "http://simpletimeservice-prod.eu-west-1.elasticbeanstalk.com"
    error_message = "The URL should be plain http without a domain."
  }
}

# IAM is eventually consistent: the NAT gateway is made after the instance profile and the service role, and the
# environment waits for it (scripts/check-infra-and-workflows.sh checks that order in terraform graph).
run "instances_use_our_instance_profile" {
  command = plan

  assert {
    condition     = local.settings["aws:autoscaling:launchconfiguration/IamInstanceProfile"] == aws_iam_instance_profile.instance.name
    error_message = "Instances should use our instance profile."
  }
}

# The knobs users turn reach the environment.
run "capacity_logs_and_maintenance_follow_the_variables" {
  command = plan

  variables {
    instance_type         = "t3.medium"
    min_instances         = 3
    max_instances         = 6
    scale_out_cpu_percent = 60
    scale_in_cpu_percent  = 20
    log_retention_days    = 90
    maintenance_window    = "Sat:22:30"
  }

  assert {
    condition = alltrue([for k, v in {
      "aws:ec2:instances/InstanceTypes"                             = "t3.medium"
      "aws:autoscaling:asg/MinSize"                                 = "3"
      "aws:autoscaling:asg/MaxSize"                                 = "6"
      "aws:autoscaling:trigger/UpperThreshold"                      = "60"
      "aws:autoscaling:trigger/LowerThreshold"                      = "20"
      "aws:elasticbeanstalk:cloudwatch:logs/RetentionInDays"        = "90"
      "aws:elasticbeanstalk:cloudwatch:logs:health/RetentionInDays" = "90"
      "aws:elasticbeanstalk:managedactions/PreferredStartTime"      = "Sat:22:30"
    } : local.settings[k] == v])
    error_message = "Instance type, capacity, scaling thresholds, log retention and the maintenance window should follow their variables."
  }
}

# After creation the platform belongs to managed updates: a new platform name never reaches a running
# environment through Terraform, so a push cannot update the platform in the middle of a deploy.
run "a_push_never_changes_the_platform" {
  command = plan

  variables {
    solution_stack_name = "64bit Amazon Linux 2023 v4.9.0 running Docker"
  }

  assert {
    condition     = aws_elastic_beanstalk_environment.this.solution_stack_name == "64bit Amazon Linux 2023 v4.7.3 running Docker"
    error_message = "An existing environment must keep its platform whatever the configuration now names."
  }
}

run "a_pinned_platform_is_used_at_creation" {
  command   = plan
  state_key = "pinned-platform"

  variables {
    solution_stack_name = "64bit Amazon Linux 2023 v4.5.0 running Docker"
  }

  assert {
    condition     = aws_elastic_beanstalk_environment.this.solution_stack_name == "64bit Amazon Linux 2023 v4.5.0 running Docker"
    error_message = "solution_stack_name should pin the platform a new environment is created on."
  }
}

run "first_version_runs_the_image_variable" {
  command = apply

  variables {
    image = "docker.io/someone/simpletimeservice@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  }

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).Image.Name == var.image
    error_message = "The bundle should run the image from the variable, digest included."
  }

  assert {
    condition     = aws_s3_object.initial_bundle.bucket == module.bundle_bucket.name && aws_elastic_beanstalk_application_version.initial.key == aws_s3_object.initial_bundle.key && aws_elastic_beanstalk_application_version.initial.bucket == module.bundle_bucket.name
    error_message = "The application version should point at the uploaded bundle."
  }

  # The environment exists (run "plain_http_environment"): a new image registers a version, deploys nothing.
  assert {
    condition     = aws_elastic_beanstalk_application_version.initial.name != run.plain_http_environment.initial_version_label && aws_elastic_beanstalk_environment.this.version_label == run.plain_http_environment.initial_version_label
    error_message = "A changed image must only register a new version: the running one stays (the release step owns it)."
  }

  assert {
    condition     = module.bundle_bucket.name == "simpletimeservice-bundles-123456789012-eu-west-1"
    error_message = "The bundle bucket (private, versioned, encrypted: modules/private-bucket) should be named after the account and region."
  }
}

run "roles_carry_the_boundary_the_infrastructure_role_demands" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/simpletimeservice-beanstalk-boundary"
  }

  assert {
    condition     = aws_iam_role.service.permissions_boundary == var.permissions_boundary_arn && aws_iam_role.instance.permissions_boundary == var.permissions_boundary_arn
    error_message = "Both roles should carry the permissions boundary, or the GitHub infrastructure role may not create them."
  }
}
