# What each GitHub role may do: named grants, each a customer managed policy of its own (IAM holds 6,144
# characters a managed policy, 10,240 for all inline policies of a role together, 10 managed policies a role),
# attached per role from local.role_grants in github.tf. Statements are HCL objects (asserted in tests/).
# Actions are listed one by one: no wildcards. Resources are the project's names wherever IAM supports
# resource-level permissions, and EC2's (named by IDs only) the project's by their Project tag; Describe/List
# calls that IAM only grants on "*" are in statements of their own.
# Last, the permissions boundary every role the infrastructure role creates must carry.

data "aws_partition" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  arn     = "arn:${data.aws_partition.current.partition}"
  region  = "*" # the roles follow the main module into whatever region it is applied

  state_bucket_arn = module.state_bucket.arn
  boundary_name    = module.names.permissions_boundary
  boundary_arn     = "${local.arn}:iam::${local.account}:policy/${local.boundary_name}"

  # The main module's names (infra/): roles and profile "<name>-beanstalk-*", buckets "<name>-*-<account>-*",
  # environment "<name>-*", Beanstalk's CloudFormation stacks "awseb-*", its resources "awseb-*".
  project_roles    = "${local.arn}:iam::${local.account}:role/${module.names.beanstalk_role_prefix}*"
  project_profiles = "${local.arn}:iam::${local.account}:instance-profile/${module.names.beanstalk_role_prefix}*"
  project_buckets  = [for b in [module.patterns.buckets.bundles, module.patterns.buckets.lb_logs] : "${local.arn}:s3:::${b}"]
  project_objects  = [for b in local.project_buckets : "${b}/*"]
  beanstalk_bucket = ["${local.arn}:s3:::elasticbeanstalk-*-${local.account}", "${local.arn}:s3:::elasticbeanstalk-*-${local.account}/*"]
  application      = "${local.arn}:elasticbeanstalk:${local.region}:${local.account}:application/${var.name}"
  environments     = "${local.arn}:elasticbeanstalk:${local.region}:${local.account}:environment/${var.name}/*"
  versions         = "${local.arn}:elasticbeanstalk:${local.region}:${local.account}:applicationversion/${var.name}/*"
  stacks           = "${local.arn}:cloudformation:${local.region}:${local.account}:stack/awseb-*"
  beanstalk_groups = "${local.arn}:autoscaling:${local.region}:${local.account}:autoScalingGroup:*:autoScalingGroupName/awseb-e-*"
  beanstalk_load_balancing = [for r in ["loadbalancer/app/awseb-*", "targetgroup/awseb-*", "listener/app/awseb-*", "listener-rule/app/awseb-*"] :
    "${local.arn}:elasticloadbalancing:${local.region}:${local.account}:${r}"
  ]
  topic           = "${local.arn}:sns:${local.region}:${local.account}:${var.name}-*"
  alarms          = "${local.arn}:cloudwatch:${local.region}:${local.account}:alarm:${var.name}-*"
  log_groups      = "${local.arn}:logs:${local.region}:${local.account}:log-group:/aws/elasticbeanstalk/${var.name}-*"
  github_roles    = "${local.arn}:iam::${local.account}:role/${module.names.github_prefix}*"
  github_policies = "${local.arn}:iam::${local.account}:policy/${module.names.github_prefix}*"
  registry_auth   = "${module.registry_auth_bucket.arn}/${module.names.registry_auth_key}"

  # EC2: what the project made carries its tag (infra/versions.tf, default_tags); what the network calls create.
  ec2            = "${local.arn}:ec2:${local.region}:${local.account}"
  project_tagged = { "aws:ResourceTag/Project" = var.name }
  network_types  = ["elastic-ip", "internet-gateway", "natgateway", "route-table", "security-group", "security-group-rule", "subnet", "vpc"]
  network_creates = [
    "ec2:AllocateAddress", "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
    "ec2:CreateInternetGateway", "ec2:CreateNatGateway", "ec2:CreateRouteTable", "ec2:CreateSecurityGroup",
    "ec2:CreateSubnet", "ec2:CreateVpc",
  ]

  # The only managed policies the infrastructure role may attach: those infra/iam.tf uses.
  attachable_policies = [for p in [
    "AWSElasticBeanstalkWebTier",
    "AmazonSSMManagedInstanceCore",
    "service-role/AWSElasticBeanstalkEnhancedHealth",
    "AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
  ] : "${local.arn}:iam::aws:policy/${p}"]

  # Passing the project's roles, and only to the services that take them.
  pass_project_roles = {
    Sid       = "PassProjectRoles"
    Effect    = "Allow"
    Action    = "iam:PassRole"
    Resource  = local.project_roles
    Condition = { StringEquals = { "iam:PassedToService" = ["ec2.amazonaws.com", "elasticbeanstalk.amazonaws.com"] } }
  }

  # What Beanstalk does with the caller's credentials when it creates or updates an environment
  # (CloudFormation stack "awseb-*" of an Auto Scaling group, load balancer, alarms, log groups; its instances
  # are beanstalk_instance_statements): shared by the infrastructure and the release role.
  beanstalk_statements = [
    {
      Sid    = "BeanstalkReads"
      Effect = "Allow"
      Action = [
        "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeLifecycleHooks",
        "autoscaling:DescribeNotificationConfigurations", "autoscaling:DescribePolicies",
        "autoscaling:DescribeScalingActivities", "autoscaling:DescribeScheduledActions", "autoscaling:DescribeTags",
        "cloudformation:DescribeStackEvents", "cloudformation:DescribeStackResource", "cloudformation:DescribeStackResources",
        "cloudformation:DescribeStacks", "cloudformation:GetTemplate", "cloudformation:ListStackResources",
        "cloudformation:ValidateTemplate",
        "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricStatistics",
        "ec2:DescribeAccountAttributes", "ec2:DescribeAvailabilityZones", "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes", "ec2:DescribeInstances", "ec2:DescribeKeyPairs",
        "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeLaunchTemplates", "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets", "ec2:DescribeVpcs",
        "elasticbeanstalk:DescribeEnvironmentResources", "elasticbeanstalk:DescribeEvents",
        "elasticbeanstalk:DescribeEnvironments", "elasticbeanstalk:DescribeApplicationVersions",
        "elasticbeanstalk:DescribeConfigurationSettings", "elasticbeanstalk:DescribeConfigurationOptions",
        "elasticbeanstalk:ListPlatformVersions",
        "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
        "logs:DescribeLogGroups", "sns:ListSubscriptionsByTopic",
      ]
      Resource = "*"
    },
    {
      Sid      = "BeanstalkStacks"
      Effect   = "Allow"
      Action   = ["cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:DeleteStack", "cloudformation:CancelUpdateStack", "cloudformation:ContinueUpdateRollback"]
      Resource = local.stacks
    },
    {
      Sid    = "BeanstalkAutoScaling"
      Effect = "Allow"
      Action = [
        "autoscaling:AttachInstances", "autoscaling:CreateAutoScalingGroup", "autoscaling:CreateOrUpdateTags",
        "autoscaling:DeleteAutoScalingGroup", "autoscaling:DeletePolicy", "autoscaling:DeleteScheduledAction",
        "autoscaling:DeleteTags", "autoscaling:DetachInstances", "autoscaling:PutNotificationConfiguration",
        "autoscaling:PutScalingPolicy", "autoscaling:PutScheduledUpdateGroupAction", "autoscaling:ResumeProcesses",
        "autoscaling:SetDesiredCapacity", "autoscaling:SuspendProcesses",
        "autoscaling:TerminateInstanceInAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup",
      ]
      Resource = local.beanstalk_groups
    },
    {
      Sid    = "BeanstalkLoadBalancer"
      Effect = "Allow"
      Action = [
        "elasticloadbalancing:AddTags", "elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateLoadBalancer",
        "elasticloadbalancing:CreateRule", "elasticloadbalancing:CreateTargetGroup",
        "elasticloadbalancing:DeleteListener", "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:DeleteRule", "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:RemoveTags", "elasticloadbalancing:SetRulePriorities",
        "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
      ]
      Resource = local.beanstalk_load_balancing
    },
    {
      Sid      = "BeanstalkAlarms"
      Effect   = "Allow"
      Action   = ["cloudwatch:DeleteAlarms", "cloudwatch:PutMetricAlarm"]
      Resource = "${local.arn}:cloudwatch:${local.region}:${local.account}:alarm:awseb-*"
    },
    {
      Sid      = "BeanstalkLogGroups"
      Effect   = "Allow"
      Action   = ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:TagResource"]
      Resource = local.log_groups
    },
    {
      # Beanstalk keeps its own copy of bundles and its stack templates in elasticbeanstalk-<region>-<account>.
      Sid      = "BeanstalkBucket"
      Effect   = "Allow"
      Action   = ["s3:CreateBucket", "s3:GetBucketLocation", "s3:GetBucketPolicy", "s3:GetObject", "s3:ListBucket", "s3:PutBucketPolicy", "s3:PutObject"]
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
    local.pass_project_roles,
  ]

  # The instances CloudFormation launches for Beanstalk with the caller's credentials, the same calls as AWS's own
  # AdministratorAccess-AWSElasticBeanstalk makes them, each scoped tighter (tests/iam/aws-managed-policies.json).
  beanstalk_instance_statements = [
    # Instances: launched only from a launch template (AWS's own condition) into the project's subnets with its
    # security groups, running only as the project's roles (iam:PassRole); terminated only if they run as its profile.
    {
      Sid       = "BeanstalkLaunches"
      Effect    = "Allow"
      Action    = "ec2:RunInstances"
      Resource  = ["${local.ec2}:instance/*", "${local.arn}:ec2:${local.region}::image/*", "${local.ec2}:network-interface/*", "${local.ec2}:volume/*", "${local.ec2}:key-pair/*", "${local.ec2}:launch-template/*"]
      Condition = { ArnLike = { "ec2:LaunchTemplate" = "${local.ec2}:launch-template/*" } }
    },
    {
      Sid       = "BeanstalkLaunchNetwork"
      Effect    = "Allow"
      Action    = "ec2:RunInstances"
      Resource  = ["${local.ec2}:subnet/*", "${local.ec2}:security-group/*"]
      Condition = { StringEquals = local.project_tagged }
    },
    {
      Sid       = "BeanstalkTerminations"
      Effect    = "Allow"
      Action    = "ec2:TerminateInstances"
      Resource  = "${local.ec2}:instance/*"
      Condition = { ArnLike = { "ec2:InstanceProfile" = local.project_profiles } }
    },
    {
      # Launch templates carry IDs, and CloudFormation puts no tags on them: only through an AWS service
      # (CloudFormation, Beanstalk), never by a direct call that could rewrite another team's template.
      Sid       = "BeanstalkLaunchTemplates"
      Effect    = "Allow"
      Action    = ["ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion", "ec2:DeleteLaunchTemplate", "ec2:DeleteLaunchTemplateVersions"]
      Resource  = "${local.ec2}:launch-template/*"
      Condition = { Bool = { "aws:ViaAWSService" = "true" } }
    },
    {
      Sid       = "BeanstalkTagsOnCreate"
      Effect    = "Allow"
      Action    = "ec2:CreateTags"
      Resource  = "${local.ec2}:*"
      Condition = { StringEquals = { "ec2:CreateAction" = ["RunInstances", "CreateLaunchTemplate"] } }
    },
  ]

  # What terraform plan of infra/ refreshes, data sources included (the provider's calls per resource type;
  # the aws_lb data source also reads the load balancer's attributes).
  reads_statements = [
    {
      Sid    = "RefreshReads"
      Effect = "Allow"
      Action = [
        "acm:DescribeCertificate", "acm:ListTagsForCertificate",
        "cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource",
        "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute",
        "ec2:DescribeAvailabilityZones", "ec2:DescribeInternetGateways", "ec2:DescribeNatGateways",
        "ec2:DescribeNetworkAcls", "ec2:DescribeNetworkInterfaces", "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroupRules", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets",
        "ec2:DescribeVpcAttribute", "ec2:DescribeVpcs",
        "elasticbeanstalk:DescribeApplicationVersions", "elasticbeanstalk:DescribeApplications",
        "elasticbeanstalk:DescribeConfigurationSettings", "elasticbeanstalk:DescribeEnvironmentResources",
        "elasticbeanstalk:DescribeEnvironments", "elasticbeanstalk:ListAvailableSolutionStacks",
        "elasticbeanstalk:ListTagsForResource",
        "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTags",
        "route53:GetHostedZone", "route53:ListResourceRecordSets",
        "sns:GetSubscriptionAttributes", "sns:GetTopicAttributes", "sns:ListTagsForResource",
        "sts:GetCallerIdentity",
      ]
      Resource = "*"
    },
    {
      Sid    = "ProjectIam"
      Effect = "Allow"
      Action = [
        "iam:GetInstanceProfile", "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole", "iam:ListRolePolicies",
      ]
      Resource = [local.project_roles, local.project_profiles]
    },
    {
      Sid    = "ProjectBuckets"
      Effect = "Allow"
      Action = [
        "s3:GetAccelerateConfiguration", "s3:GetBucketAcl", "s3:GetBucketCORS", "s3:GetBucketLogging",
        "s3:GetBucketObjectLockConfiguration", "s3:GetBucketOwnershipControls", "s3:GetBucketPolicy",
        "s3:GetBucketPublicAccessBlock", "s3:GetBucketRequestPayment", "s3:GetBucketTagging",
        "s3:GetBucketVersioning", "s3:GetBucketWebsite", "s3:GetEncryptionConfiguration",
        "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration", "s3:ListBucket",
      ]
      Resource = local.project_buckets
    },
    {
      Sid      = "ProjectObjects"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:GetObjectTagging"]
      Resource = local.project_objects
    },
  ]

  grants = {
    # Pull requests: terraform plan reads; nothing account-wide.
    reads = local.reads_statements

    # Read the state and take its lock (a .tflock object beside it), write nothing else.
    state-read = [
      { Sid = "StateBucket", Effect = "Allow", Action = "s3:ListBucket", Resource = local.state_bucket_arn },
      { Sid = "StateRead", Effect = "Allow", Action = "s3:GetObject", Resource = "${local.state_bucket_arn}/*" },
      { Sid = "StateLock", Effect = "Allow", Action = ["s3:PutObject", "s3:DeleteObject"], Resource = "${local.state_bucket_arn}/*.tflock" },
    ]

    # terraform apply: read and write the state.
    state-write = [
      { Sid = "StateBucket", Effect = "Allow", Action = "s3:ListBucket", Resource = local.state_bucket_arn },
      { Sid = "StateReadWrite", Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource = "${local.state_bucket_arn}/*" },
    ]

    # What Beanstalk does with the caller's credentials on CreateEnvironment, UpdateEnvironment and
    # TerminateEnvironment: the infrastructure and the release role.
    beanstalk-operations = local.beanstalk_statements
    beanstalk-instances  = local.beanstalk_instance_statements

    # terraform apply of infra/: the network. EC2 names it by IDs only, so it is the project's by its tag: the
    # provider's default_tags (infra/versions.tf) put Project = <name> on all of it in the create call itself.
    network = [
      {
        Sid       = "NetworkCreateTagged"
        Effect    = "Allow"
        Action    = local.network_creates
        Resource  = [for type in local.network_types : "${local.ec2}:${type}/*"]
        Condition = { StringEquals = { "aws:RequestTag/Project" = var.name } }
      },
      {
        # Everything else only on what carries the project's tag (a subnet's VPC, a route's table, a rule's group).
        Sid    = "NetworkChangeTagged"
        Effect = "Allow"
        Action = [
          "ec2:AssociateRouteTable", "ec2:AttachInternetGateway", "ec2:AuthorizeSecurityGroupEgress",
          "ec2:AuthorizeSecurityGroupIngress", "ec2:CreateNatGateway", "ec2:CreateRoute", "ec2:CreateRouteTable",
          "ec2:CreateSecurityGroup", "ec2:CreateSubnet", "ec2:DeleteInternetGateway", "ec2:DeleteNatGateway",
          "ec2:DeleteRoute", "ec2:DeleteRouteTable", "ec2:DeleteSecurityGroup", "ec2:DeleteSubnet", "ec2:DeleteVpc",
          "ec2:DetachInternetGateway", "ec2:DisassociateAddress", "ec2:DisassociateRouteTable",
          "ec2:ModifySecurityGroupRules", "ec2:ModifySubnetAttribute", "ec2:ModifyVpcAttribute", "ec2:ReleaseAddress",
          "ec2:ReplaceRoute", "ec2:ReplaceRouteTableAssociation", "ec2:RevokeSecurityGroupEgress",
          "ec2:RevokeSecurityGroupIngress", "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
          "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
        ]
        Resource  = "${local.ec2}:*"
        Condition = { StringEquals = local.project_tagged }
      },
      {
        # Destroying a NAT gateway's address names the gateway's interface too, which AWS made and did not tag; the
        # address itself must still be the project's (above).
        Sid      = "NatGatewayInterface"
        Effect   = "Allow"
        Action   = "ec2:DisassociateAddress"
        Resource = "${local.ec2}:network-interface/*"
      },
      {
        Sid       = "NetworkTagsOnCreate"
        Effect    = "Allow"
        Action    = "ec2:CreateTags"
        Resource  = "${local.ec2}:*"
        Condition = { StringEquals = { "ec2:CreateAction" = [for action in local.network_creates : trimprefix(action, "ec2:")] } }
      },
      {
        # A change of var.tags retags the project's resources; none may lose its Project tag or get another's.
        Sid      = "NetworkRetag"
        Effect   = "Allow"
        Action   = "ec2:CreateTags"
        Resource = "${local.ec2}:*"
        Condition = {
          StringEquals         = local.project_tagged
          StringEqualsIfExists = { "aws:RequestTag/Project" = var.name }
        }
      },
      {
        Sid      = "NetworkUntag"
        Effect   = "Allow"
        Action   = "ec2:DeleteTags"
        Resource = "${local.ec2}:*"
        Condition = {
          StringEquals                   = local.project_tagged
          "ForAllValues:StringNotEquals" = { "aws:TagKeys" = ["Project"] }
        }
      },
      {
        # The VPC's default security group is AWS's, made untagged with the VPC; the provider tags it before it
        # strips its rules (aws_default_security_group). The one resource the role may claim: a security group
        # without a Project tag.
        Sid      = "ClaimDefaultSecurityGroup"
        Effect   = "Allow"
        Action   = "ec2:CreateTags"
        Resource = "${local.ec2}:security-group/*"
        Condition = {
          Null         = { "aws:ResourceTag/Project" = "true" }
          StringEquals = { "aws:RequestTag/Project" = var.name }
        }
      },
    ]

    # terraform apply of infra/: the stack's own buckets, application, topic, alarms and domain.
    stack = [
      {
        Sid    = "ProjectBucketsWrite"
        Effect = "Allow"
        Action = [
          "s3:CreateBucket", "s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketOwnershipControls",
          "s3:PutBucketPolicy", "s3:PutBucketPublicAccessBlock", "s3:PutBucketTagging", "s3:PutBucketVersioning",
          "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration", "s3:ListBucketVersions",
        ]
        Resource = local.project_buckets
      },
      {
        Sid      = "ProjectObjectsWrite"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"]
        Resource = local.project_objects
      },
      # The deploy workflow writes the instances' Docker Hub credentials; it never reads them back.
      { Sid = "RegistryCredentialsWrite", Effect = "Allow", Action = "s3:PutObject", Resource = local.registry_auth },
      {
        Sid    = "ProjectBeanstalk"
        Effect = "Allow"
        Action = [
          "elasticbeanstalk:AddTags", "elasticbeanstalk:CreateApplication", "elasticbeanstalk:CreateApplicationVersion",
          "elasticbeanstalk:CreateEnvironment", "elasticbeanstalk:DeleteApplication",
          "elasticbeanstalk:DeleteApplicationVersion", "elasticbeanstalk:RemoveTags",
          "elasticbeanstalk:TerminateEnvironment", "elasticbeanstalk:UpdateApplication",
          "elasticbeanstalk:UpdateApplicationResourceLifecycle", "elasticbeanstalk:UpdateApplicationVersion",
          "elasticbeanstalk:UpdateEnvironment", "elasticbeanstalk:UpdateTagsForResource",
        ]
        Resource = [local.application, local.environments, local.versions]
      },
      {
        Sid    = "ProjectMonitoring"
        Effect = "Allow"
        Action = [
          "sns:CreateTopic", "sns:DeleteTopic", "sns:SetTopicAttributes", "sns:Subscribe", "sns:Unsubscribe",
          "sns:TagResource", "sns:UntagResource",
        ]
        Resource = local.topic
      },
      {
        Sid      = "ProjectAlarms"
        Effect   = "Allow"
        Action   = ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource"]
        Resource = local.alarms
      },
      {
        # The certificate is requested before it has an ARN, and the hosted zone is the main module's variable.
        Sid    = "Domain"
        Effect = "Allow"
        Action = [
          "acm:AddTagsToCertificate", "acm:DeleteCertificate", "acm:GetCertificate", "acm:RemoveTagsFromCertificate",
          "acm:RequestCertificate",
          "route53:ChangeResourceRecordSets", "route53:GetChange",
        ]
        Resource = "*"
      },
    ]

    # terraform apply of infra/: IAM that cannot escalate (README, "Roles").
    bounded-iam = [
      {
        # The project's roles, created only with the boundary, which they can never lose.
        Sid       = "CreateBoundedRoles"
        Effect    = "Allow"
        Action    = ["iam:CreateRole", "iam:PutRolePermissionsBoundary"]
        Resource  = local.project_roles
        Condition = { StringEquals = { "iam:PermissionsBoundary" = local.boundary_arn } }
      },
      {
        Sid       = "AttachAllowedPolicies"
        Effect    = "Allow"
        Action    = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]
        Resource  = local.project_roles
        Condition = { ArnEquals = { "iam:PolicyARN" = local.attachable_policies } }
      },
      {
        # Inline policies are capped by the boundary the roles must carry.
        Sid    = "ManageProjectRoles"
        Effect = "Allow"
        Action = [
          "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:PutRolePolicy", "iam:TagRole", "iam:UntagRole",
          "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription",
        ]
        Resource = local.project_roles
      },
      {
        Sid    = "ProjectInstanceProfiles"
        Effect = "Allow"
        Action = [
          "iam:AddRoleToInstanceProfile", "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile",
          "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile",
        ]
        Resource = local.project_profiles
      },
      {
        # Auto Scaling's and load balancing's own roles, made once per account on first use.
        Sid       = "ServiceLinkedRoles"
        Effect    = "Allow"
        Action    = "iam:CreateServiceLinkedRole"
        Resource  = "${local.arn}:iam::${local.account}:role/aws-service-role/*"
        Condition = { StringEquals = { "iam:AWSServiceName" = ["autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com", "elasticbeanstalk.amazonaws.com"] } }
      },
      {
        Sid    = "NeverTouchTheBoundaryOrTheGithubRoles"
        Effect = "Deny"
        Action = [
          "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion",
          "iam:DeleteRolePermissionsBoundary",
        ]
        Resource = [local.boundary_arn, local.project_roles, local.github_roles, local.github_policies]
      },
      {
        # A role it creates could name this role in its trust policy: it may still never assume one.
        Sid      = "NeverAssumeTheRolesItMakes"
        Effect   = "Deny"
        Action   = "sts:AssumeRole"
        Resource = local.project_roles
      },
    ]

    # The release step (release/pom.xml): the bundle upload, Beanstalk's calls on the project's application
    # and environment. ReleaseIT checks every call the release makes against this role's actions.
    release = [
      { Sid = "Bundles", Effect = "Allow", Action = ["s3:PutObject", "s3:GetObject"], Resource = "${local.arn}:s3:::${module.patterns.buckets.bundles}/*" },
      {
        Sid      = "Beanstalk"
        Effect   = "Allow"
        Action   = ["elasticbeanstalk:CreateApplicationVersion", "elasticbeanstalk:DeleteApplicationVersion", "elasticbeanstalk:DescribeApplicationVersions", "elasticbeanstalk:UpdateEnvironment"]
        Resource = [local.application, local.environments, local.versions]
      },
    ]
  }

  # Which grants each role holds, and so what each may do, in one place.
  role_grants = {
    plan           = ["reads", "state-read"]
    infrastructure = ["reads", "state-write", "network", "stack", "bounded-iam", "beanstalk-operations", "beanstalk-instances"]
    release        = ["release", "beanstalk-operations", "beanstalk-instances"]
  }

  # Every statement of each role, for the tests and ReleaseIT (ReleaseRole).
  role_statements = { for role, grants in local.role_grants : role => flatten([for g in grants : local.grants[g]]) }

  # The most any role the infrastructure role creates can ever do: what the AWS managed policies infra/iam.tf attaches
  # give Beanstalk's instance and service roles, scoped as AWS scopes them (tests/iam/aws-managed-policies.json), on
  # the project's Beanstalk application and environment; never IAM beyond passing the project's roles, never the
  # boundary itself, S3 only on the project's and Beanstalk's buckets and never the state, SSM only Session Manager's
  # agent. tests/iam/managed-policies.test.mjs checks it leaves those roles everything else their policies give.
  boundary_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Reads, and the calls IAM grants only on "*".
        Sid    = "Reads"
        Effect = "Allow"
        Action = [
          "autoscaling:Describe*", "cloudformation:Describe*", "cloudformation:Get*", "cloudformation:List*",
          "cloudformation:ValidateTemplate", "ec2:Describe*", "ec2:GetConsoleOutput", "elasticbeanstalk:CheckDNSAvailability",
          "elasticbeanstalk:CreateStorageLocation", "elasticbeanstalk:Describe*", "elasticbeanstalk:List*",
          "elasticloadbalancing:Describe*", "logs:Describe*", "sns:ListSubscriptionsByTopic", "sqs:GetQueueAttributes",
          "sqs:GetQueueUrl", "xray:GetSampling*", "xray:PutTelemetryRecords", "xray:PutTraceSegments",
        ]
        Resource = "*"
      },
      {
        # Health reports and managed platform updates, on the project's application and environment only.
        Sid      = "ProjectApplication"
        Effect   = "Allow"
        Action   = "elasticbeanstalk:*"
        Resource = [local.application, local.environments, local.versions, "${local.arn}:elasticbeanstalk:${local.region}:${local.account}:configurationtemplate/${var.name}/*", "${local.arn}:elasticbeanstalk:${local.region}::platform/*", "${local.arn}:elasticbeanstalk:${local.region}::solutionstack/*"]
      },
      {
        # The environment's stack and what it is made of, on the names Beanstalk gives them.
        Sid      = "BeanstalkStack"
        Effect   = "Allow"
        Action   = ["autoscaling:*", "cloudformation:*", "elasticloadbalancing:*"]
        Resource = concat([local.stacks, local.beanstalk_groups, "${local.arn}:elasticloadbalancing:${local.region}:${local.account}:loadbalancer/awseb-*"], local.beanstalk_load_balancing)
      },
      {
        # EC2 as AWS's managed policies give it to Beanstalk: no VPC, subnet, route or volume of the account.
        Sid    = "BeanstalkInstances"
        Effect = "Allow"
        Action = [
          "ec2:AllocateAddress", "ec2:AssociateAddress", "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
          "ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion", "ec2:CreateSecurityGroup", "ec2:DeleteLaunchTemplate",
          "ec2:DeleteLaunchTemplateVersions", "ec2:DeleteSecurityGroup", "ec2:DisassociateAddress", "ec2:ReleaseAddress",
          "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
        ]
        Resource = "*"
      },
      {
        Sid       = "LaunchesFromLaunchTemplates"
        Effect    = "Allow"
        Action    = "ec2:RunInstances"
        Resource  = "*"
        Condition = { ArnLike = { "ec2:LaunchTemplate" = "${local.ec2}:launch-template/*" } }
      },
      {
        Sid       = "TerminationsOfStackInstances"
        Effect    = "Allow"
        Action    = "ec2:TerminateInstances"
        Resource  = "${local.ec2}:instance/*"
        Condition = { StringLike = { "ec2:ResourceTag/aws:cloudformation:stack-id" = local.stacks } }
      },
      {
        Sid      = "BeanstalkLogsAndAlarms"
        Effect   = "Allow"
        Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DeleteLogGroup", "logs:PutLogEvents", "logs:PutRetentionPolicy", "cloudwatch:PutMetricAlarm"]
        Resource = ["${local.arn}:logs:${local.region}:${local.account}:log-group:/aws/elasticbeanstalk/*", "${local.arn}:cloudwatch:${local.region}:${local.account}:alarm:awseb-*"]
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
        # the account (the state's included, denied below).
        Sid      = "BeanstalkBuckets"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation", "s3:PutObject", "s3:GetBucketPolicy", "s3:PutBucketPolicy"]
        Resource = concat(local.beanstalk_bucket, local.project_buckets, local.project_objects)
      },
      {
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
          "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
        ]
        Resource = "*"
      },
      {
        Sid      = "NeverTheState"
        Effect   = "Deny"
        Action   = "s3:*"
        Resource = [local.state_bucket_arn, "${local.state_bucket_arn}/*"]
      },
      local.pass_project_roles,
      {
        Sid    = "NeverTheBoundaryOrTheGithubRoles"
        Effect = "Deny"
        Action = [
          "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion",
          "iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary", "iam:AttachRolePolicy",
          "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy",
        ]
        Resource = [local.boundary_arn, local.project_roles, local.github_roles]
      },
    ]
  })
}

resource "aws_iam_policy" "boundary" {
  name        = local.boundary_name
  description = "Permissions boundary of every role the ${var.name} infrastructure role creates"
  policy      = local.boundary_policy
}

resource "aws_iam_policy" "github" {
  for_each = { for name, statements in local.grants : name => statements if local.github }

  name        = "${module.names.github_prefix}${each.key}"
  description = "${var.name} GitHub Actions: ${each.key} (infra/bootstrap/permissions.tf)"
  policy      = jsonencode({ Version = "2012-10-17", Statement = each.value })
}
