# Grant "reads" (plan and infrastructure roles): what terraform plan of infra/ refreshes, data sources included
# (tests/iam/provider-calls.json, from the provider's source). Nothing account-wide that is not a read.

locals {
  grant_reads = [
    {
      # By service: a read AWS adds, or Beanstalk makes downstream of DescribeEnvironmentResources, is no failure.
      Sid      = "ServiceReads"
      Effect   = "Allow"
      Action   = local.service_reads
      Resource = "*"
    },
    {
      # The provider's other reads, which IAM grants only on "*" (ACM, Route 53 and SNS are read one by one).
      Sid    = "RefreshReads"
      Effect = "Allow"
      Action = [
        "acm:DescribeCertificate",
        "acm:ListTagsForCertificate",
        "route53:GetHostedZone",
        "route53:ListResourceRecordSets",
        "sns:GetSubscriptionAttributes",
        "sns:GetTopicAttributes",
        "sns:ListTagsForResource",
        "sts:GetCallerIdentity",
      ]
      Resource = "*"
    },
    {
      # The instance and service roles and the instance profile infra/iam.tf makes.
      Sid    = "ProjectIamRead"
      Effect = "Allow"
      Action = [
        "iam:GetInstanceProfile",
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:ListRolePolicies",
      ]
      Resource = [local.project_roles, local.project_profiles]
    },
    {
      # Every configuration aws_s3_bucket reads back on refresh.
      Sid    = "ProjectBucketsRead"
      Effect = "Allow"
      Action = [
        "s3:GetAccelerateConfiguration",
        "s3:GetBucketAcl",
        "s3:GetBucketCORS",
        "s3:GetBucketLogging",
        "s3:GetBucketObjectLockConfiguration",
        "s3:GetBucketOwnershipControls",
        "s3:GetBucketPolicy",
        "s3:GetBucketPublicAccessBlock",
        "s3:GetBucketRequestPayment",
        "s3:GetBucketTagging",
        "s3:GetBucketVersioning",
        "s3:GetBucketWebsite",
        "s3:GetEncryptionConfiguration",
        "s3:GetLifecycleConfiguration",
        "s3:GetReplicationConfiguration",
        "s3:ListBucket",
      ]
      Resource = local.project_buckets
    },
    {
      # The first bundle (aws_s3_object) and its tags.
      Sid    = "ProjectObjectsRead"
      Effect = "Allow"
      Action = [
        "s3:GetObject",
        "s3:GetObjectTagging",
      ]
      Resource = local.project_objects
    },
    {
      # infra/ checks that the registry credentials exist (data "aws_s3_objects", ListObjectsV2 with the key as
      # prefix) without reading them: a listing of that one key, never of the bucket, never GetObject.
      Sid       = "RegistryCredentialsExist"
      Effect    = "Allow"
      Action    = "s3:ListBucket"
      Resource  = local.registry_bucket
      Condition = { StringEquals = { "s3:prefix" = module.names.registry_auth_key } }
    },
  ]
}
