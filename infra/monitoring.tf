# Knowing when it breaks: one SNS topic for the environment, Beanstalk's own notifications and four alarms
# on it, and an optional e-mail subscription. Add other subscribers (chat, paging) to the topic.

resource "aws_sns_topic" "alarms" {
  name = "${var.name}-${var.environment}-alarms"
}

# CloudWatch alarms and Beanstalk (through the service role) publish; nobody else.
resource "aws_sns_topic_policy" "alarms" {
  arn = aws_sns_topic.alarms.arn

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudWatchAlarms"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.alarms.arn
        Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
      },
      {
        Sid       = "BeanstalkNotifications"
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.service.arn }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.alarms.arn
      },
    ]
  })
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email != "" ? 1 : 0

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

locals {
  alarm_actions = [aws_sns_topic.alarms.arn]

  # Beanstalk's EnvironmentHealth values (published through the health ConfigDocument in beanstalk.tf).
  environment_health_levels = { Warning = 15, Degraded = 20, Severe = 25 }

  load_balancer_dimensions = { LoadBalancer = data.aws_lb.this.arn_suffix }
}

resource "aws_cloudwatch_metric_alarm" "environment_health" {
  alarm_name          = "${aws_elastic_beanstalk_environment.this.name}-health"
  alarm_description   = "Enhanced health is ${var.alarm_environment_health} or worse (4xx from clients do not count). Runbook: docs/operations.md, \"When an alarm fires\"."
  namespace           = "AWS/ElasticBeanstalk"
  metric_name         = "EnvironmentHealth"
  dimensions          = { EnvironmentName = aws_elastic_beanstalk_environment.this.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = local.environment_health_levels[var.alarm_environment_health]
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "server_errors" {
  for_each = {
    load_balancer = { metric = "HTTPCode_ELB_5XX_Count", what = "The load balancer answered 5xx (no healthy target, or targets failing)" }
    service       = { metric = "HTTPCode_Target_5XX_Count", what = "The service answered 5xx" }
  }

  alarm_name          = "${aws_elastic_beanstalk_environment.this.name}-5xx-${replace(each.key, "_", "-")}"
  alarm_description   = "${each.value.what} more than ${var.alarm_5xx_per_minute} times a minute. Runbook: docs/operations.md, \"When an alarm fires\"."
  namespace           = "AWS/ApplicationELB"
  metric_name         = each.value.metric
  dimensions          = local.load_balancer_dimensions
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_5xx_per_minute
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "healthy_hosts" {
  alarm_name        = "${aws_elastic_beanstalk_environment.this.name}-healthy-hosts"
  alarm_description = "Fewer healthy instances than min_instances (${var.min_instances}). Runbook: docs/operations.md, \"When an alarm fires\"."
  namespace         = "AWS/ApplicationELB"
  metric_name       = "HealthyHostCount"
  # The target group of the default process, which the port 80 listener forwards to.
  dimensions = merge(local.load_balancer_dimensions, {
    TargetGroup = provider::aws::arn_parse(one(data.aws_lb_listener.http.default_action).target_group_arn).resource
  })
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "LessThanThreshold"
  threshold           = var.min_instances
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "latency_p99" {
  alarm_name          = "${aws_elastic_beanstalk_environment.this.name}-latency-p99"
  alarm_description   = "p99 of the service's response time above ${var.alarm_p99_seconds} s. Runbook: docs/operations.md, \"When an alarm fires\"."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  dimensions          = local.load_balancer_dimensions
  extended_statistic  = "p99"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_p99_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
