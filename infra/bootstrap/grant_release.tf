# Grant "release" (release role): the release step (release/pom.xml), the bundle upload and Beanstalk's calls on
# the project's application and environment. ReleaseIT checks every call the release makes against this role's
# actions; what Beanstalk then does with its credentials is grant_beanstalk.tf.

locals {
  grant_release = [
    {
      Sid    = "Bundles"
      Effect = "Allow"
      Action = [
        "s3:GetObject",
        "s3:PutObject",
      ]
      Resource = "${local.arn}:s3:::${module.patterns.buckets.bundles}/*"
    },
    {
      Sid    = "Beanstalk"
      Effect = "Allow"
      Action = [
        "elasticbeanstalk:CreateApplicationVersion",
        "elasticbeanstalk:DeleteApplicationVersion",
        "elasticbeanstalk:DescribeApplicationVersions",
        "elasticbeanstalk:UpdateEnvironment",
      ]
      Resource = [local.application, local.environments, local.versions]
    },
  ]
}
