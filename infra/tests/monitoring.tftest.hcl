mock_provider "aws" {
  source = "./tests/mocks"
}

# Everything else comes from terraform.tfvars, as for a user: only image has no default.
variables {
  image = "docker.io/octo-org/simpletimeservice:1.0.0"
}

run "alarms_watch_the_environments_own_load_balancer" {
  command = apply

  variables {
    alarm_email = "ops@example.com"
  }

  assert {
    condition     = aws_sns_topic_subscription.email[0].protocol == "email" && aws_sns_topic_subscription.email[0].endpoint == "ops@example.com" && aws_sns_topic_subscription.email[0].topic_arn == aws_sns_topic.alarms.arn
    error_message = "alarm_email should subscribe to the environment's topic."
  }

  assert {
    condition     = alltrue([for a in concat([aws_cloudwatch_metric_alarm.environment_health, aws_cloudwatch_metric_alarm.healthy_hosts, aws_cloudwatch_metric_alarm.latency_p99], values(aws_cloudwatch_metric_alarm.server_errors)) : a.alarm_actions == toset([aws_sns_topic.alarms.arn]) && a.ok_actions == toset([aws_sns_topic.alarms.arn])])
    error_message = "Every alarm should notify the topic when it fires and when it clears."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.environment_health.namespace == "AWS/ElasticBeanstalk" && aws_cloudwatch_metric_alarm.environment_health.metric_name == "EnvironmentHealth" && aws_cloudwatch_metric_alarm.environment_health.dimensions == tomap({ EnvironmentName = aws_elastic_beanstalk_environment.this.name })
    error_message = "The health alarm should read the environment's EnvironmentHealth."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.environment_health.threshold == 20 && aws_cloudwatch_metric_alarm.environment_health.comparison_operator == "GreaterThanOrEqualToThreshold" && aws_cloudwatch_metric_alarm.environment_health.statistic == "Maximum"
    error_message = "The health alarm should fire at Degraded (20) or worse by default."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.server_errors["load_balancer"].metric_name == "HTTPCode_ELB_5XX_Count" && aws_cloudwatch_metric_alarm.server_errors["service"].metric_name == "HTTPCode_Target_5XX_Count"
    error_message = "There should be one 5xx alarm for the load balancer and one for the service."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.server_errors : a.namespace == "AWS/ApplicationELB" && a.statistic == "Sum" && a.comparison_operator == "GreaterThanThreshold" && a.treat_missing_data == "notBreaching"])
    error_message = "The 5xx alarms should fire on more than alarm_5xx_per_minute 5xx answers a minute, and not when there are none."
  }

  # CloudWatch names a load balancer by the end of its ARN, after "loadbalancer/": that of the environment's own.
  assert {
    condition     = alltrue([for a in concat([aws_cloudwatch_metric_alarm.healthy_hosts, aws_cloudwatch_metric_alarm.latency_p99], values(aws_cloudwatch_metric_alarm.server_errors)) : "loadbalancer/${a.dimensions.LoadBalancer}" == provider::aws::arn_parse(aws_elastic_beanstalk_environment.this.load_balancers[0]).resource])
    error_message = "The load balancer alarms should watch the environment's own load balancer."
  }

  assert {
    condition     = data.aws_lb.this.arn == aws_elastic_beanstalk_environment.this.load_balancers[0]
    error_message = "The load balancer dimension should come from the environment's own load balancer."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.healthy_hosts.metric_name == "HealthyHostCount" && aws_cloudwatch_metric_alarm.healthy_hosts.dimensions.TargetGroup == "targetgroup/awseb-AWSEB-2/0123456789abcdef"
    error_message = "The healthy hosts alarm should watch the target group the port 80 listener forwards to (the default process; the mock's)."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.healthy_hosts.threshold == var.min_instances && aws_cloudwatch_metric_alarm.healthy_hosts.comparison_operator == "LessThanThreshold" && aws_cloudwatch_metric_alarm.healthy_hosts.statistic == "Minimum" && aws_cloudwatch_metric_alarm.healthy_hosts.treat_missing_data == "breaching"
    error_message = "The healthy hosts alarm should fire below min_instances, and when the metric stops: also when Beanstalk replaced the load balancer, until the next apply points the alarms at the new one."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.latency_p99.metric_name == "TargetResponseTime" && aws_cloudwatch_metric_alarm.latency_p99.extended_statistic == "p99" && aws_cloudwatch_metric_alarm.latency_p99.comparison_operator == "GreaterThanThreshold"
    error_message = "The latency alarm should fire when p99 of the target response time is above alarm_p99_seconds."
  }

  assert {
    condition = jsondecode(aws_sns_topic_policy.alarms.policy) == {
      Version = "2012-10-17"
      Statement = [
        {
          Sid       = "CloudWatchAlarms"
          Effect    = "Allow"
          Principal = { Service = "cloudwatch.amazonaws.com" }
          Action    = "sns:Publish"
          Resource  = aws_sns_topic_policy.alarms.arn
          Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
        },
        {
          Sid       = "BeanstalkNotifications"
          Effect    = "Allow"
          Principal = { AWS = local.settings["aws:elasticbeanstalk:environment/ServiceRole"] }
          Action    = "sns:Publish"
          Resource  = aws_sns_topic_policy.alarms.arn
        },
      ]
    } && aws_sns_topic_policy.alarms.arn == aws_sns_topic.alarms.arn
    error_message = "Only CloudWatch (of this account) and the role the environment runs Beanstalk as may publish to the topic."
  }

  # docs/operations.md, "When an alarm fires": each alarm fires after 3 of 5 one-minute periods.
  assert {
    condition     = alltrue([for a in concat([aws_cloudwatch_metric_alarm.environment_health, aws_cloudwatch_metric_alarm.healthy_hosts, aws_cloudwatch_metric_alarm.latency_p99], values(aws_cloudwatch_metric_alarm.server_errors)) : a.period == 60 && a.evaluation_periods == 5 && a.datapoints_to_alarm == 3])
    error_message = "Every alarm should fire when 3 of 5 one-minute periods breach."
  }

  # Records: the load balancer's access logs in a private, expiring bucket it may write to.
  assert {
    condition     = local.settings["aws:elbv2:loadbalancer/AccessLogsS3Enabled"] == "true" && local.settings["aws:elbv2:loadbalancer/AccessLogsS3Bucket"] == module.access_logs_bucket.name && module.access_logs_bucket.name == "simpletimeservice-lb-logs-123456789012-eu-west-1"
    error_message = "The load balancer should write access logs to the access logs bucket."
  }

  assert {
    condition     = one([for s in jsondecode(module.access_logs_bucket.policy).Statement : s if s.Sid == "LoadBalancerLogDelivery"]).Resource == "arn:aws:s3:::${local.settings["aws:elbv2:loadbalancer/AccessLogsS3Bucket"]}/${local.settings["aws:elbv2:loadbalancer/AccessLogsS3Prefix"]}/AWSLogs/123456789012/*" && one([for s in jsondecode(module.access_logs_bucket.policy).Statement : s if s.Sid == "LoadBalancerLogDelivery"]).Principal == { AWS = "arn:aws:iam::156460612806:root" }
    error_message = "Only Elastic Load Balancing may write, and only where the load balancer writes this account's logs (bucket/prefix/AWSLogs/account/)."
  }

  assert {
    condition     = module.access_logs_bucket.expire_after_days == var.access_log_retention_days
    error_message = "Access logs should expire after access_log_retention_days."
  }
}

run "no_subscription_without_an_email" {
  command = plan

  assert {
    condition     = length(aws_sns_topic_subscription.email) == 0
    error_message = "Without alarm_email nobody is subscribed."
  }
}

run "severe_health_alarms_at_25" {
  command = plan

  variables {
    alarm_environment_health = "Severe"
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.environment_health.threshold == 25
    error_message = "Severe is EnvironmentHealth 25 and above."
  }
}

run "thresholds_follow_the_variables" {
  command = plan

  variables {
    alarm_environment_health = "Warning"
    alarm_5xx_per_minute     = 20
    alarm_p99_seconds        = 0.25
    min_instances            = 3
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.environment_health.threshold == 15 && alltrue([for a in aws_cloudwatch_metric_alarm.server_errors : a.threshold == 20]) && aws_cloudwatch_metric_alarm.latency_p99.threshold == 0.25 && aws_cloudwatch_metric_alarm.healthy_hosts.threshold == 3
    error_message = "Each alarm's threshold should come from its variable."
  }
}

# Regions opened since August 2022 have no Elastic Load Balancing account: logs come from the service principal.
run "access_logs_in_a_region_opened_since_august_2022" {
  command = plan

  variables {
    region = "ap-southeast-7"
  }

  assert {
    condition     = one([for s in jsondecode(module.access_logs_bucket.policy).Statement : s if s.Sid == "LoadBalancerLogDelivery"]).Principal == { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
    error_message = "In a region without an Elastic Load Balancing account, the log delivery service principal writes the logs."
  }
}
