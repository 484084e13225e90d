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

# A plan already shows the settings that matter most, before anything exists.
run "plan_shows_the_essentials" {
  command = plan

  assert {
    condition     = local.settings["aws:elasticbeanstalk:environment/LoadBalancerType"] == "application"
    error_message = "The load balancer must be an Application Load Balancer."
  }

  assert {
    condition     = local.settings["aws:ec2:vpc/AssociatePublicIpAddress"] == "false" && local.settings["aws:autoscaling:launchconfiguration/DisableIMDSv1"] == "true"
    error_message = "Instances must not get public IPs, and must accept IMDSv2 only."
  }

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).Image.Name == var.image && jsondecode(aws_s3_object.initial_bundle.content).Ports[0].ContainerPort == 8080
    error_message = "The bundle should run the image variable on port 8080."
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

  # What the pause hands on, told apart from the profile's own name: the environment must take this one.
  override_resource {
    target = terraform_data.instance_profile
    values = { output = "simpletimeservice-beanstalk-instance, after the IAM pause" }
  }

  assert {
    condition     = length([for s in aws_elastic_beanstalk_environment.this.setting : s if local.settings["${s.namespace}/${s.name}"] == s.value]) == length(local.settings)
    error_message = "The environment must carry every entry of local.settings, split back into namespace and name."
  }

  # Where the load balancer and the instances go.
  assert {
    condition     = local.settings["aws:ec2:vpc/ELBSubnets"] == join(",", [for s in aws_subnet.public : s.id]) && local.settings["aws:ec2:vpc/ELBScheme"] == "public"
    error_message = "The internet-facing load balancer belongs in the public subnets."
  }

  assert {
    condition     = local.settings["aws:ec2:vpc/Subnets"] == join(",", [for s in aws_subnet.private : s.id]) && local.settings["aws:ec2:vpc/AssociatePublicIpAddress"] == "false"
    error_message = "The instances belong in the private subnets, without public IPs."
  }

  assert {
    condition     = local.settings["aws:ec2:vpc/VPCId"] == aws_vpc.this.id
    error_message = "The environment belongs in our VPC."
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

  # Instances: IMDSv2 only, launch templates, gp3, our instance profile once IAM has propagated, no SSH.
  assert {
    condition     = local.settings["aws:autoscaling:launchconfiguration/DisableIMDSv1"] == "true" && local.settings["aws:autoscaling:launchconfiguration/RootVolumeType"] == "gp3"
    error_message = "Instances must accept IMDSv2 only, on gp3 root volumes."
  }

  assert {
    condition     = local.settings["aws:autoscaling:launchconfiguration/IamInstanceProfile"] == "simpletimeservice-beanstalk-instance, after the IAM pause" && terraform_data.instance_profile.input == aws_iam_instance_profile.instance.name
    error_message = "Instances should use our instance profile, taken through the propagation pause."
  }

  assert {
    # That no other rule exists at all is checked on the whole configuration (scripts/check-infra-and-workflows.sh).
    condition     = !contains(keys(local.settings), "aws:autoscaling:launchconfiguration/EC2KeyName") && length(aws_security_group.instances.ingress) == 0
    error_message = "No key pair and no SSH port: operators use Session Manager."
  }

  # Security groups: internet -> load balancer -> instances, nothing else.
  assert {
    condition     = local.settings["aws:autoscaling:launchconfiguration/SecurityGroups"] == aws_security_group.instances.id && local.settings["aws:autoscaling:launchconfiguration/DisableDefaultEC2SecurityGroup"] == "true"
    error_message = "Instances must have only our security group, not Beanstalk's default one."
  }

  assert {
    condition     = local.settings["aws:elbv2:loadbalancer/SecurityGroups"] == aws_security_group.load_balancer.id
    error_message = "The load balancer should use our security group."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.instances_from_load_balancer.referenced_security_group_id == aws_security_group.load_balancer.id && aws_vpc_security_group_ingress_rule.instances_from_load_balancer.from_port == 80 && aws_vpc_security_group_ingress_rule.instances_from_load_balancer.to_port == 80
    error_message = "Instances should accept port 80 from the load balancer's security group."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.instances_from_load_balancer.cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.instances_from_load_balancer.cidr_ipv6 == null
    error_message = "Instances must accept no traffic by address range."
  }

  assert {
    condition     = keys(aws_vpc_security_group_ingress_rule.load_balancer) == ["80"]
    error_message = "Without a domain the load balancer should open port 80 only."
  }

  # IAM: exactly the managed policies Beanstalk and Session Manager need.
  assert {
    condition     = toset([for a in aws_iam_role_policy_attachment.service : a.policy_arn]) == toset(["arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth", "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy"])
    error_message = "The service role should have the enhanced health and managed updates policies, and nothing else."
  }

  assert {
    condition     = jsondecode(aws_iam_role.service.assume_role_policy).Statement[0].Principal.Service == "elasticbeanstalk.amazonaws.com" && jsondecode(aws_iam_role.service.assume_role_policy).Statement[0].Condition.StringEquals["sts:ExternalId"] == "elasticbeanstalk"
    error_message = "Only Elastic Beanstalk may assume the service role."
  }

  assert {
    condition     = toset([for a in aws_iam_role_policy_attachment.instance : a.policy_arn]) == toset(["arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]) && jsondecode(aws_iam_role.instance.assume_role_policy).Statement[0].Principal.Service == "ec2.amazonaws.com"
    error_message = "The instance role should be for EC2, with the web tier and Session Manager policies and nothing else."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.instance_reads_bundles.policy) == {
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = ["s3:GetObject", "s3:GetObjectVersion"], Resource = "arn:aws:s3:::simpletimeservice-bundles-123456789012-eu-west-1/*" },
        { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::simpletimeservice-registry-123456789012-eu-west-1/dockerhub/config.json" },
      ]
    } && aws_iam_role_policy.instance_reads_bundles.role == aws_iam_role.instance.id
    error_message = "Instances should only read objects of the bundle bucket, and the one object of their registry credentials."
  }

  assert {
    condition     = local.settings["aws:elasticbeanstalk:environment/ServiceRole"] == "arn:aws:iam::123456789012:role/simpletimeservice-beanstalk-service"
    error_message = "The environment should use our service role."
  }

  # Health: the readiness probe, enhanced reporting blind to clients' 4xx, EnvironmentHealth published.
  assert {
    condition     = local.settings["aws:elasticbeanstalk:environment:process:default/HealthCheckPath"] == "/actuator/health/readiness" && local.settings["aws:elasticbeanstalk:healthreporting:system/SystemType"] == "enhanced"
    error_message = "The health check should hit the readiness probe, with enhanced health reporting."
  }

  assert {
    condition     = jsondecode(local.settings["aws:elasticbeanstalk:healthreporting:system/ConfigDocument"]).Rules.Environment.Application.ApplicationRequests4xx.Enabled == false && jsondecode(local.settings["aws:elasticbeanstalk:healthreporting:system/ConfigDocument"]).Rules.Environment.ELB.ELBRequests4xx.Enabled == false
    error_message = "Clients' 4xx (from the service or the load balancer) must not change the environment's health."
  }

  assert {
    condition     = jsondecode(local.settings["aws:elasticbeanstalk:healthreporting:system/ConfigDocument"]).CloudWatchMetrics.Environment.EnvironmentHealth == 60 && jsondecode(local.settings["aws:elasticbeanstalk:healthreporting:system/ConfigDocument"]).Version == 1
    error_message = "EnvironmentHealth should go to CloudWatch every minute, for the health alarm."
  }

  # Capacity: 2 to 4 instances, scaling on CPU with thresholds for t3 credits.
  assert {
    condition     = local.settings["aws:autoscaling:asg/MinSize"] == "2" && local.settings["aws:autoscaling:asg/MaxSize"] == "4"
    error_message = "The Auto Scaling group should run 2 to 4 instances by default."
  }

  assert {
    condition     = local.settings["aws:autoscaling:trigger/MeasureName"] == "CPUUtilization" && local.settings["aws:autoscaling:trigger/Unit"] == "Percent" && local.settings["aws:autoscaling:trigger/Statistic"] == "Average"
    error_message = "Scaling should follow average CPU, not Beanstalk's default NetworkOut."
  }

  assert {
    condition     = local.settings["aws:autoscaling:trigger/UpperThreshold"] == "40" && local.settings["aws:autoscaling:trigger/LowerThreshold"] == "10" && local.settings["aws:autoscaling:trigger/UpperBreachScaleIncrement"] == "1" && local.settings["aws:autoscaling:trigger/LowerBreachScaleIncrement"] == "-1"
    error_message = "Scale out one instance above 40 % CPU, in one below 10 %."
  }

  assert {
    condition     = tonumber(local.settings["aws:autoscaling:trigger/BreachDuration"]) == tonumber(local.settings["aws:autoscaling:trigger/Period"]) * tonumber(local.settings["aws:autoscaling:trigger/EvaluationPeriods"]) && tonumber(local.settings["aws:autoscaling:trigger/Period"]) >= 5
    error_message = "The trigger must be consistent (BreachDuration = Period x EvaluationPeriods) and use periods basic monitoring fills (5 minutes)."
  }

  # Updates, deployments, logs, notifications.
  assert {
    condition     = local.settings["aws:elasticbeanstalk:managedactions/ManagedActionsEnabled"] == "true" && local.settings["aws:elasticbeanstalk:managedactions/PreferredStartTime"] == "Sun:03:00" && local.settings["aws:elasticbeanstalk:managedactions:platformupdate/UpdateLevel"] == "minor"
    error_message = "Managed platform updates should run in the weekly window."
  }

  assert {
    condition     = local.settings["aws:elasticbeanstalk:command/DeploymentPolicy"] == "RollingWithAdditionalBatch"
    error_message = "Deployments must keep full capacity."
  }

  assert {
    condition     = local.settings["aws:elasticbeanstalk:cloudwatch:logs/StreamLogs"] == "true" && local.settings["aws:elasticbeanstalk:cloudwatch:logs/RetentionInDays"] == "30" && local.settings["aws:elasticbeanstalk:cloudwatch:logs:health/RetentionInDays"] == "30"
    error_message = "Instance and health logs should stream to CloudWatch with the retention variable."
  }

  assert {
    condition     = local.settings["aws:elasticbeanstalk:sns:topics/Notification Topic ARN"] == aws_sns_topic.alarms.arn
    error_message = "Beanstalk's own notifications should go to the environment's topic."
  }

  # What the container is told.
  assert {
    condition     = local.settings["aws:elasticbeanstalk:application:environment/CLIENTIP_TRUSTEDPROXIES"] == "127.0.0.0/8,172.17.0.0/16,10.0.0.0/16"
    error_message = "The service should trust nginx (loopback, Docker bridge) and the VPC, where the load balancer is."
  }

  assert {
    condition     = local.settings["aws:elasticbeanstalk:application:environment/SPRING_PROFILES_ACTIVE"] == "beanstalk"
    error_message = "The beanstalk profile (JSON logs) should be active."
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
    condition     = jsondecode(aws_s3_object.initial_bundle.content).AWSEBDockerrunVersion == "1" && jsondecode(aws_s3_object.initial_bundle.content).Image.Name == var.image
    error_message = "The bundle should be a Dockerrun v1 file running the image from the variable, digest included."
  }

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).Ports[0].ContainerPort == 8080
    error_message = "nginx should proxy to the container's port 8080."
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
