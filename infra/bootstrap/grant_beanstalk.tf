# Grants "beanstalk-operations" and "beanstalk-instances" (infrastructure and release roles): what Beanstalk does
# with the caller's credentials on CreateEnvironment, UpdateEnvironment and TerminateEnvironment. It creates or
# updates the CloudFormation stack "awseb-*" of an Auto Scaling group, a launch template, a load balancer, alarms
# and log groups, and CloudFormation makes those calls with the same credentials (forward access sessions),
# tagging each resource with the stack's tags in the create call (tests/iam/provider-calls.json, "cloudformation":
# each resource type's handler permissions).

locals {
  grant_beanstalk_operations = [
    {
      # Reads by service; the template check Beanstalk makes before it changes the stack.
      Sid      = "BeanstalkReads"
      Effect   = "Allow"
      Action   = sort(concat(local.service_reads, ["cloudformation:ValidateTemplate", "logs:DescribeLogGroups", "sns:ListSubscriptionsByTopic"]))
      Resource = "*"
    },
    {
      Sid    = "BeanstalkStacks"
      Effect = "Allow"
      Action = [
        "cloudformation:CancelUpdateStack",
        "cloudformation:ContinueUpdateRollback",
        "cloudformation:CreateStack",
        "cloudformation:DeleteStack",
        "cloudformation:UpdateStack",
      ]
      Resource = local.stacks
    },
    {
      # The group's calls as AWS::AutoScaling::AutoScalingGroup's handlers list them, and Beanstalk's own.
      Sid    = "BeanstalkAutoScaling"
      Effect = "Allow"
      Action = [
        "autoscaling:AttachInstances",
        "autoscaling:AttachLoadBalancerTargetGroups",
        "autoscaling:AttachLoadBalancers",
        "autoscaling:AttachTrafficSources",
        "autoscaling:CreateAutoScalingGroup",
        "autoscaling:CreateOrUpdateTags",
        "autoscaling:DeleteAutoScalingGroup",
        "autoscaling:DeleteLifecycleHook",
        "autoscaling:DeleteNotificationConfiguration",
        "autoscaling:DeletePolicy",
        "autoscaling:DeleteScheduledAction",
        "autoscaling:DeleteTags",
        "autoscaling:DetachInstances",
        "autoscaling:DetachLoadBalancerTargetGroups",
        "autoscaling:DetachLoadBalancers",
        "autoscaling:DetachTrafficSources",
        "autoscaling:DisableMetricsCollection",
        "autoscaling:EnableMetricsCollection",
        "autoscaling:PutLifecycleHook",
        "autoscaling:PutNotificationConfiguration",
        "autoscaling:PutScalingPolicy",
        "autoscaling:PutScheduledUpdateGroupAction",
        "autoscaling:ResumeProcesses",
        "autoscaling:SetDesiredCapacity",
        "autoscaling:SuspendProcesses",
        "autoscaling:TerminateInstanceInAutoScalingGroup",
        "autoscaling:UpdateAutoScalingGroup",
      ]
      Resource = local.beanstalk_groups
    },
    {
      # The load balancer, target group and listeners, as their CloudFormation handlers call them.
      Sid    = "BeanstalkLoadBalancer"
      Effect = "Allow"
      Action = [
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:CreateLoadBalancer",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:CreateTargetGroup",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:DeleteRule",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:DeregisterTargets",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:RegisterTargets",
        "elasticloadbalancing:RemoveTags",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetRulePriorities",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
      ]
      Resource = local.beanstalk_load_balancing
    },
    {
      # The scaling alarms AWSEBCloudwatchAlarmHigh/Low: CloudFormation tags them with the stack's tags
      # (AWS::CloudWatch::Alarm handlers), and fails the stack without TagResource (UnauthorizedTaggingOperation).
      Sid    = "BeanstalkAlarms"
      Effect = "Allow"
      Action = [
        "cloudwatch:DeleteAlarms",
        "cloudwatch:PutMetricAlarm",
        "cloudwatch:TagResource",
        "cloudwatch:UntagResource",
      ]
      Resource = local.beanstalk_alarms
    },
    {
      # The log groups the instances stream to, tagged on creation.
      Sid    = "BeanstalkLogGroups"
      Effect = "Allow"
      Action = [
        "logs:CreateLogGroup",
        "logs:DeleteLogGroup",
        "logs:PutRetentionPolicy",
        "logs:TagResource",
      ]
      Resource = local.log_groups
    },
    {
      # Beanstalk keeps its own copy of bundles and its stack templates in elasticbeanstalk-<region>-<account>.
      Sid    = "BeanstalkBucket"
      Effect = "Allow"
      Action = [
        "s3:CreateBucket",
        "s3:GetBucketLocation",
        "s3:GetBucketPolicy",
        "s3:GetObject",
        "s3:ListBucket",
        "s3:PutBucketPolicy",
        "s3:PutObject",
      ]
      Resource = local.beanstalk_bucket
    },
    {
      # Given a topic, Beanstalk sends it a test notification with the caller's credentials on CreateEnvironment
      # and UpdateEnvironment, and fails them if it cannot (Beanstalk guide, "SNS notifications").
      Sid      = "BeanstalkTestNotification"
      Effect   = "Allow"
      Action   = "sns:Publish"
      Resource = local.topic
    },
    merge({ Sid = "PassProjectRoles" }, local.pass_project_roles),
  ]

  # The instances CloudFormation launches for Beanstalk, the same calls as AWS's own
  # AdministratorAccess-AWSElasticBeanstalk makes them, each scoped tighter (tests/iam/aws-managed-policies.json).
  grant_beanstalk_instances = [
    {
      # Launched only from a launch template (AWS's own condition), running only as the project's roles
      # (iam:PassRole above).
      Sid    = "BeanstalkLaunches"
      Effect = "Allow"
      Action = "ec2:RunInstances"
      Resource = [
        "${local.ec2}:instance/*",
        "${local.arn}:ec2:${local.region}::image/*",
        "${local.ec2}:network-interface/*",
        "${local.ec2}:volume/*",
        "${local.ec2}:key-pair/*",
        "${local.ec2}:launch-template/*",
      ]
      Condition = { ArnLike = { "ec2:LaunchTemplate" = "${local.ec2}:launch-template/*" } }
    },
    {
      # ...into the project's subnets, with its security groups.
      Sid       = "BeanstalkLaunchNetwork"
      Effect    = "Allow"
      Action    = "ec2:RunInstances"
      Resource  = ["${local.ec2}:subnet/*", "${local.ec2}:security-group/*"]
      Condition = { StringEquals = local.project_tagged }
    },
    {
      # Terminated only if they run as the project's instance profile.
      Sid       = "BeanstalkTerminations"
      Effect    = "Allow"
      Action    = "ec2:TerminateInstances"
      Resource  = "${local.ec2}:instance/*"
      Condition = { ArnLike = { "ec2:InstanceProfile" = local.project_profiles } }
    },
    {
      # Launch templates carry IDs, and CloudFormation puts no tags on them (AWS::EC2::LaunchTemplate is not
      # taggable): only through an AWS service (CloudFormation, Beanstalk), never by a direct call that could
      # rewrite another team's template. Its delete handler asks for DeleteTags too.
      Sid    = "BeanstalkLaunchTemplates"
      Effect = "Allow"
      Action = [
        "ec2:CreateLaunchTemplate",
        "ec2:CreateLaunchTemplateVersion",
        "ec2:DeleteLaunchTemplate",
        "ec2:DeleteLaunchTemplateVersions",
        "ec2:DeleteTags",
      ]
      Resource  = "${local.ec2}:launch-template/*"
      Condition = { Bool = { "aws:ViaAWSService" = "true" } }
    },
    {
      # The tags of what those calls create, in the create call only.
      Sid       = "BeanstalkTagsOnCreate"
      Effect    = "Allow"
      Action    = "ec2:CreateTags"
      Resource  = "${local.ec2}:*"
      Condition = { StringEquals = { "ec2:CreateAction" = ["CreateLaunchTemplate", "RunInstances"] } }
    },
  ]
}
