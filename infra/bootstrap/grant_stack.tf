# Grant "stack" (infrastructure role): terraform apply of infra/'s own buckets, application, topic, alarms and
# domain.

locals {
  grant_stack = [
    {
      Sid    = "ProjectBucketsWrite"
      Effect = "Allow"
      Action = [
        "s3:CreateBucket",
        "s3:DeleteBucket",
        "s3:DeleteBucketPolicy",
        "s3:ListBucketVersions",
        "s3:PutBucketOwnershipControls",
        "s3:PutBucketPolicy",
        "s3:PutBucketPublicAccessBlock",
        "s3:PutBucketTagging",
        "s3:PutBucketVersioning",
        "s3:PutEncryptionConfiguration",
        "s3:PutLifecycleConfiguration",
      ]
      Resource = local.project_buckets
    },
    {
      # The first bundle (aws_s3_object) carries the provider's default_tags: PutObject with x-amz-tagging, which
      # S3 authorizes as PutObjectTagging too.
      Sid    = "ProjectObjectsWrite"
      Effect = "Allow"
      Action = [
        "s3:DeleteObject",
        "s3:DeleteObjectVersion",
        "s3:PutObject",
        "s3:PutObjectTagging",
      ]
      Resource = local.project_objects
    },
    {
      # The deploy workflow writes the instances' Docker Hub credentials (aws s3 cp, no tags); it never reads
      # them back.
      Sid      = "RegistryCredentialsWrite"
      Effect   = "Allow"
      Action   = "s3:PutObject"
      Resource = local.registry_auth
    },
    {
      Sid    = "ProjectBeanstalk"
      Effect = "Allow"
      Action = [
        "elasticbeanstalk:AddTags",
        "elasticbeanstalk:CreateApplication",
        "elasticbeanstalk:CreateApplicationVersion",
        "elasticbeanstalk:CreateEnvironment",
        "elasticbeanstalk:DeleteApplication",
        "elasticbeanstalk:DeleteApplicationVersion",
        "elasticbeanstalk:RemoveTags",
        "elasticbeanstalk:TerminateEnvironment",
        "elasticbeanstalk:UpdateApplication",
        "elasticbeanstalk:UpdateApplicationResourceLifecycle",
        "elasticbeanstalk:UpdateApplicationVersion",
        "elasticbeanstalk:UpdateEnvironment",
        "elasticbeanstalk:UpdateTagsForResource",
      ]
      Resource = [local.application, local.environments, local.versions]
    },
    {
      Sid    = "ProjectMonitoring"
      Effect = "Allow"
      Action = [
        "sns:CreateTopic",
        "sns:DeleteTopic",
        "sns:SetTopicAttributes",
        "sns:Subscribe",
        "sns:TagResource",
        "sns:Unsubscribe",
        "sns:UntagResource",
      ]
      Resource = local.topic
    },
    {
      Sid    = "ProjectAlarms"
      Effect = "Allow"
      Action = [
        "cloudwatch:DeleteAlarms",
        "cloudwatch:PutMetricAlarm",
        "cloudwatch:TagResource",
        "cloudwatch:UntagResource",
      ]
      Resource = local.alarms
    },
    {
      # The certificate is requested before it has an ARN, and the hosted zone is the main module's variable.
      Sid    = "Domain"
      Effect = "Allow"
      Action = [
        "acm:AddTagsToCertificate",
        "acm:DeleteCertificate",
        "acm:GetCertificate",
        "acm:RemoveTagsFromCertificate",
        "acm:RequestCertificate",
        "route53:ChangeResourceRecordSets",
        "route53:GetChange",
      ]
      Resource = "*"
    },
  ]
}
