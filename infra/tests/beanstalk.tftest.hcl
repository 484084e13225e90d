mock_provider "aws" {
  source = "./tests/mocks"
}

# A plan already shows the settings that matter most, before anything exists.
run "plan_shows_the_essentials" {
  command = plan

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:environment" && s.name == "LoadBalancerType"]) == "application"
    error_message = "The load balancer must be an Application Load Balancer."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:ec2:vpc" && s.name == "AssociatePublicIpAddress"]) == "false"
    error_message = "Instances must not get public IPs."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:autoscaling:launchconfiguration" && s.name == "DisableIMDSv1"]) == "true"
    error_message = "Instances must accept IMDSv2 only."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:environment:process:default" && s.name == "HealthCheckPath"]) == "/actuator/health/readiness"
    error_message = "The health check should hit the service's readiness probe."
  }

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).Image.Name == var.image && jsondecode(aws_s3_object.initial_bundle.content).Ports[0].ContainerPort == 8080
    error_message = "The bundle should run the image variable on port 8080."
  }
}

run "plain_http_environment" {
  command = apply

  # Where the load balancer and the instances go.
  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:ec2:vpc" && s.name == "ELBSubnets"]) == join(",", [for s in aws_subnet.public : s.id])
    error_message = "The load balancer belongs in the public subnets."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:ec2:vpc" && s.name == "Subnets"]) == join(",", [for s in aws_subnet.private : s.id])
    error_message = "The instances belong in the private subnets."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:ec2:vpc" && s.name == "AssociatePublicIpAddress"]) == "false"
    error_message = "Instances must not get public IPs."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:ec2:vpc" && s.name == "ELBScheme"]) == "public"
    error_message = "The load balancer must face the internet."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:ec2:vpc" && s.name == "VPCId"]) == aws_vpc.this.id
    error_message = "The environment belongs in our VPC."
  }

  # The load balancer and the platform.
  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:environment" && s.name == "LoadBalancerType"]) == "application"
    error_message = "The load balancer must be an Application Load Balancer (the API default is classic)."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:environment" && s.name == "EnvironmentType"]) == "LoadBalanced"
    error_message = "The environment must be load balanced."
  }

  assert {
    condition     = aws_elastic_beanstalk_environment.this.solution_stack_name == "64bit Amazon Linux 2023 v4.7.3 running Docker" && data.aws_elastic_beanstalk_solution_stack.docker.most_recent
    error_message = "The environment should run the newest Amazon Linux 2023 Docker platform found by the data source."
  }

  assert {
    condition     = can(regex(data.aws_elastic_beanstalk_solution_stack.docker.name_regex, "64bit Amazon Linux 2023 v4.7.3 running Docker")) && !can(regex(data.aws_elastic_beanstalk_solution_stack.docker.name_regex, "64bit Amazon Linux 2 v3.9.1 running Docker")) && !can(regex(data.aws_elastic_beanstalk_solution_stack.docker.name_regex, "64bit Amazon Linux 2023 v4.7.3 running ECS"))
    error_message = "The platform regex must match Amazon Linux 2023 Docker platforms only."
  }

  # Instances: IMDSv2 only, launch templates, gp3, our instance profile.
  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:autoscaling:launchconfiguration" && s.name == "DisableIMDSv1"]) == "true"
    error_message = "Instances must accept IMDSv2 only."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:autoscaling:launchconfiguration" && s.name == "RootVolumeType"]) == "gp3"
    error_message = "Root volumes should be gp3."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:autoscaling:launchconfiguration" && s.name == "IamInstanceProfile"]) == aws_iam_instance_profile.instance.name
    error_message = "Instances should use our instance profile."
  }

  # Security groups: internet -> load balancer -> instances, nothing else.
  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:autoscaling:launchconfiguration" && s.name == "SecurityGroups"]) == aws_security_group.instances.id && one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:autoscaling:launchconfiguration" && s.name == "DisableDefaultEC2SecurityGroup"]) == "true"
    error_message = "Instances must have only our security group, not Beanstalk's default one."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elbv2:loadbalancer" && s.name == "SecurityGroups"]) == aws_security_group.load_balancer.id
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
    error_message = "Without a certificate the load balancer should open port 80 only."
  }

  # IAM: exactly the managed policies Beanstalk needs.
  assert {
    condition     = toset([for a in aws_iam_role_policy_attachment.service : a.policy_arn]) == toset(["arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth", "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy"])
    error_message = "The service role should have the enhanced health and managed updates policies, and nothing else."
  }

  assert {
    condition     = jsondecode(aws_iam_role.service.assume_role_policy).Statement[0].Principal.Service == "elasticbeanstalk.amazonaws.com" && jsondecode(aws_iam_role.service.assume_role_policy).Statement[0].Condition.StringEquals["sts:ExternalId"] == "elasticbeanstalk"
    error_message = "Only Elastic Beanstalk may assume the service role."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.instance.policy_arn == "arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier" && jsondecode(aws_iam_role.instance.assume_role_policy).Statement[0].Principal.Service == "ec2.amazonaws.com"
    error_message = "The instance role should be for EC2 and have the web tier policy."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.instance_reads_bundles.policy).Statement[0].Action == ["s3:GetObject", "s3:GetObjectVersion"] && jsondecode(aws_iam_role_policy.instance_reads_bundles.policy).Statement[0].Resource == "arn:aws:s3:::mock-bundles/*"
    error_message = "Instances should only read objects of the bundle bucket."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:environment" && s.name == "ServiceRole"]) == aws_iam_role.service.arn
    error_message = "The environment should use our service role."
  }

  # Health, updates, scaling, deployments, logs.
  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:environment:process:default" && s.name == "HealthCheckPath"]) == "/actuator/health/readiness"
    error_message = "The health check should hit the service's readiness probe."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:healthreporting:system" && s.name == "SystemType"]) == "enhanced"
    error_message = "Health reporting should be enhanced."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:managedactions" && s.name == "ManagedActionsEnabled"]) == "true" && one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:managedactions" && s.name == "PreferredStartTime"]) == "Sun:03:00"
    error_message = "Managed platform updates should run in the weekly window."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:autoscaling:asg" && s.name == "MinSize"]) == "2" && one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:autoscaling:asg" && s.name == "MaxSize"]) == "4"
    error_message = "The Auto Scaling group should run 2 to 4 instances by default."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:command" && s.name == "DeploymentPolicy"]) == "RollingWithAdditionalBatch"
    error_message = "Deployments must keep full capacity."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:cloudwatch:logs" && s.name == "StreamLogs"]) == "true" && one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:cloudwatch:logs" && s.name == "RetentionInDays"]) == "30" && one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:cloudwatch:logs:health" && s.name == "RetentionInDays"]) == "30"
    error_message = "Instance and health logs should stream to CloudWatch with the retention variable."
  }

  # What the container is told.
  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:application:environment" && s.name == "CLIENTIP_TRUSTEDPROXIES"]) == "127.0.0.0/8,172.17.0.0/16,10.0.0.0/16"
    error_message = "The service should trust nginx (loopback, Docker bridge) and the VPC, where the load balancer is."
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elasticbeanstalk:application:environment" && s.name == "SPRING_PROFILES_ACTIVE"]) == "beanstalk"
    error_message = "The beanstalk profile (JSON logs) should be active."
  }

  # HTTPS is off.
  assert {
    condition     = length([for s in aws_elastic_beanstalk_environment.this.setting : s if s.namespace == "aws:elbv2:listener:443"]) == 0 && length(aws_lb_listener_rule.redirect_http_to_https) == 0
    error_message = "Without a certificate there should be no 443 listener and no redirect."
  }

  assert {
    condition     = aws_elastic_beanstalk_environment.this.version_label == aws_elastic_beanstalk_application_version.initial.name && startswith(aws_elastic_beanstalk_application_version.initial.name, "terraform-")
    error_message = "The environment should start on Terraform's version."
  }

  assert {
    condition     = output.url == "http://simpletimeservice-prod.eu-west-1.elasticbeanstalk.com"
    error_message = "The URL should be plain http without a certificate."
  }
}

run "first_version_runs_the_image_variable" {
  command = apply

  variables {
    image = "docker.io/someone/simpletimeservice:0123abc"
  }

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).AWSEBDockerrunVersion == "1" && jsondecode(aws_s3_object.initial_bundle.content).Image.Name == "docker.io/someone/simpletimeservice:0123abc"
    error_message = "The bundle should be a Dockerrun v1 file running the image from the variable."
  }

  assert {
    condition     = jsondecode(aws_s3_object.initial_bundle.content).Ports[0].ContainerPort == 8080
    error_message = "nginx should proxy to the container's port 8080."
  }

  assert {
    condition     = aws_s3_object.initial_bundle.bucket == module.bundle_bucket.name && aws_elastic_beanstalk_application_version.initial.key == aws_s3_object.initial_bundle.key && aws_elastic_beanstalk_application_version.initial.bucket == module.bundle_bucket.name
    error_message = "The application version should point at the uploaded bundle."
  }

  assert {
    condition     = module.bundle_bucket.name == "simpletimeservice-bundles-123456789012-eu-west-1"
    error_message = "The bundle bucket (private, versioned, encrypted: modules/private-bucket) should be named after the account and region."
  }
}

run "https_with_a_certificate" {
  command = apply

  variables {
    certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
  }

  assert {
    condition     = one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elbv2:listener:443" && s.name == "Protocol"]) == "HTTPS" && one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elbv2:listener:443" && s.name == "SSLCertificateArns"]) == var.certificate_arn
    error_message = "A 443 HTTPS listener should use the certificate."
  }

  assert {
    condition     = startswith(one([for s in aws_elastic_beanstalk_environment.this.setting : s.value if s.namespace == "aws:elbv2:listener:443" && s.name == "SSLPolicy"]), "ELBSecurityPolicy-TLS13-")
    error_message = "The HTTPS listener should use a TLS 1.3 policy."
  }

  assert {
    condition     = one(aws_lb_listener_rule.redirect_http_to_https[0].action).redirect[0].protocol == "HTTPS" && one(aws_lb_listener_rule.redirect_http_to_https[0].action).redirect[0].port == "443" && one(aws_lb_listener_rule.redirect_http_to_https[0].action).redirect[0].status_code == "HTTP_301"
    error_message = "Port 80 should redirect to HTTPS permanently."
  }

  assert {
    condition     = aws_lb_listener_rule.redirect_http_to_https[0].listener_arn == data.aws_lb_listener.http[0].arn && data.aws_lb_listener.http[0].port == 80 && data.aws_lb_listener.http[0].load_balancer_arn == aws_elastic_beanstalk_environment.this.load_balancers[0]
    error_message = "The redirect belongs on the port 80 listener of the environment's load balancer."
  }

  assert {
    condition     = keys(aws_vpc_security_group_ingress_rule.load_balancer) == ["443", "80"]
    error_message = "With a certificate the load balancer should open ports 80 and 443."
  }

  assert {
    condition     = startswith(output.url, "https://")
    error_message = "The URL should be https with a certificate."
  }
}
