# The permissions boundary: the most any role the infrastructure role creates can ever do, whatever its own
# policies and whatever its trust policy says (IAM has no condition on what a new role's trust allows, so a role
# made with a foreign trust must be harmless outside the project). It is what the AWS managed policies infra/iam.tf
# attaches give Beanstalk's instance and service roles (tests/iam/aws-managed-policies.json), on the project's
# application and environment only: the stack's Auto Scaling group, load balancer and CloudFormation stack by the
# environment's name Beanstalk tags them with, security groups and addresses by the project's tag, launch
# templates and listeners (which carry no tags) only through CloudFormation. Never IAM beyond passing the
# project's roles, never the boundary itself, S3 only on the project's and Beanstalk's buckets and never the
# state, SSM only Session Manager's agent. tests/iam/managed-policies.test.mjs checks it leaves those roles
# everything else their policies give.

locals {
  boundary_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Reads, and the calls IAM grants only on "*".
        Sid    = "Reads"
        Effect = "Allow"
        Action = [
          "autoscaling:Describe*",
          "cloudformation:Describe*",
          "cloudformation:Get*",
          "cloudformation:List*",
          "cloudformation:ValidateTemplate",
          "ec2:Describe*",
          "ec2:GetConsoleOutput",
          "elasticbeanstalk:CheckDNSAvailability",
          "elasticbeanstalk:CreateStorageLocation",
          "elasticbeanstalk:Describe*",
          "elasticbeanstalk:List*",
          "elasticloadbalancing:Describe*",
          "logs:Describe*",
          "sns:ListSubscriptionsByTopic",
          "sqs:GetQueueAttributes",
          "sqs:GetQueueUrl",
          "xray:GetSampling*",
          "xray:PutTelemetryRecords",
          "xray:PutTraceSegments",
        ]
        Resource = "*"
      },
      {
        # Health reports and managed platform updates, on the project's application and environment only.
        Sid    = "ProjectApplication"
        Effect = "Allow"
        Action = "elasticbeanstalk:*"
        Resource = [
          local.application,
          local.environments,
          local.versions,
          "${local.arn}:elasticbeanstalk:${local.region}:${local.account}:configurationtemplate/${var.name}/*",
          "${local.arn}:elasticbeanstalk:${local.region}::platform/*",
          "${local.arn}:elasticbeanstalk:${local.region}::solutionstack/*",
        ]
      },
      {
        # The environment's stack, Auto Scaling group, load balancer, target groups and instances: by the
        # environment's name they carry, not by the "awseb-" every team's environment shares. The stack's own
        # calls only: no change sets, which could import another team's resources into it.
        Sid    = "ProjectEnvironment"
        Effect = "Allow"
        Action = [
          "autoscaling:*",
          "cloudformation:CancelUpdateStack",
          "cloudformation:ContinueUpdateRollback",
          "cloudformation:DeleteStack",
          "cloudformation:SignalResource",
          "cloudformation:TagResource",
          "cloudformation:UntagResource",
          "cloudformation:UpdateStack",
          "ec2:TerminateInstances",
          "elasticloadbalancing:*",
        ]
        Resource  = "*"
        Condition = { StringLike = local.environment_tagged }
      },
      {
        # What is created carries the environment's name in the create call.
        Sid    = "NewProjectEnvironment"
        Effect = "Allow"
        Action = [
          "autoscaling:CreateAutoScalingGroup",
          "cloudformation:CreateStack",
          "elasticloadbalancing:CreateLoadBalancer",
          "elasticloadbalancing:CreateTargetGroup",
        ]
        Resource  = "*"
        Condition = { StringLike = local.environment_request }
      },
      {
        # Load balancing tags only in a create call, so that no other team's load balancer gets the name.
        Sid       = "NewProjectLoadBalancerTags"
        Effect    = "Allow"
        Action    = "elasticloadbalancing:AddTags"
        Resource  = "*"
        Condition = { StringLike = local.environment_request, StringEquals = { "elasticloadbalancing:CreateAction" = ["CreateLoadBalancer", "CreateTargetGroup"] } }
      },
      {
        # Listeners, listener rules and launch templates carry no tags (CloudFormation tags neither): only
        # through an AWS service, that is CloudFormation on the project's stacks above.
        Sid    = "UntaggedViaCloudFormation"
        Effect = "Allow"
        Action = [
          "ec2:CreateLaunchTemplate",
          "ec2:CreateLaunchTemplateVersion",
          "ec2:DeleteLaunchTemplate",
          "ec2:DeleteLaunchTemplateVersions",
          "elasticloadbalancing:*",
        ]
        Resource  = ["${local.ec2}:launch-template/*", local.beanstalk_load_balancing[2], local.beanstalk_load_balancing[3]]
        Condition = { Bool = { "aws:ViaAWSService" = "true" } }
      },
      {
        # Security groups and addresses as AWS's managed policies give them to Beanstalk, on the project's only:
        # infra/'s carry its tag (default_tags), the stack's the environment's tags.
        Sid    = "ProjectNetwork"
        Effect = "Allow"
        Action = [
          "ec2:AssociateAddress",
          "ec2:AuthorizeSecurityGroupEgress",
          "ec2:AuthorizeSecurityGroupIngress",
          "ec2:CreateSecurityGroup",
          "ec2:DeleteSecurityGroup",
          "ec2:DisassociateAddress",
          "ec2:ReleaseAddress",
          "ec2:RevokeSecurityGroupEgress",
          "ec2:RevokeSecurityGroupIngress",
        ]
        Resource  = "${local.ec2}:*"
        Condition = { StringEquals = local.project_tagged }
      },
      {
        Sid    = "NewProjectNetwork"
        Effect = "Allow"
        Action = [
          "ec2:AllocateAddress",
          "ec2:CreateSecurityGroup",
        ]
        Resource  = "${local.ec2}:*"
        Condition = { StringEquals = { "aws:RequestTag/Project" = var.name } }
      },
      {
        # Launches from a launch template (AWS's own condition)...
        Sid       = "LaunchesFromLaunchTemplates"
        Effect    = "Allow"
        Action    = "ec2:RunInstances"
        Resource  = "*"
        Condition = { ArnLike = { "ec2:LaunchTemplate" = "${local.ec2}:launch-template/*" } }
      },
      {
        # ...into the project's subnets with its security groups only.
        Sid       = "LaunchesIntoProjectNetworkOnly"
        Effect    = "Deny"
        Action    = "ec2:RunInstances"
        Resource  = ["${local.ec2}:subnet/*", "${local.ec2}:security-group/*"]
        Condition = { StringNotEquals = local.project_tagged }
      },
      {
        # CloudFormation tags the scaling alarms with the stack's tags.
        Sid    = "BeanstalkLogsAndAlarms"
        Effect = "Allow"
        Action = [
          "cloudwatch:PutMetricAlarm",
          "cloudwatch:TagResource",
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:DeleteLogGroup",
          "logs:PutLogEvents",
          "logs:PutRetentionPolicy",
        ]
        Resource = ["${local.arn}:logs:${local.region}:${local.account}:log-group:/aws/elasticbeanstalk/*", local.beanstalk_alarms]
      },
      {
        # Health notifications go to the project's topic only.
        Sid      = "ProjectTopic"
        Effect   = "Allow"
        Action   = "sns:Publish"
        Resource = local.topic
      },
      {
        # S3 only where Beanstalk keeps bundles and templates, and the project's buckets: never another bucket of
        # the account, the state's included (tests/iam: "a bounded role is denied ... the Terraform state").
        Sid    = "BeanstalkBuckets"
        Effect = "Allow"
        Action = [
          "s3:GetBucketLocation",
          "s3:GetBucketPolicy",
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:PutBucketPolicy",
          "s3:PutObject",
        ]
        Resource = concat(local.beanstalk_bucket, local.project_buckets, local.project_objects)
      },
      {
        # The instances pull the image with the Docker Hub credentials (Dockerrun.aws.json, Authentication).
        Sid      = "RegistryCredentials"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = local.registry_auth
      },
      {
        # Session Manager's agent (AmazonSSMManagedInstanceCore minus Run Command and parameters): operators get a
        # shell through it; the instances can neither read parameters nor send commands anywhere.
        Sid    = "SessionManagerAgent"
        Effect = "Allow"
        Action = [
          "ssm:UpdateInstanceInformation",
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
        ]
        Resource = "*"
      },
      # IAM: passing the project's roles, nothing else. So no role under the boundary can change it, leave it,
      # change its own or another role's policies, or open a role's trust to another account.
      merge({ Sid = "BoundaryPassProjectRoles" }, local.pass_project_roles),
    ]
  })
}

resource "aws_iam_policy" "boundary" {
  name        = local.boundary_name
  description = "Permissions boundary of every role the ${var.name} infrastructure role creates"
  policy      = local.boundary_policy
}
