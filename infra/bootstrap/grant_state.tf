# Grants "state-read" (plan role) and "state-write" (infrastructure role): the main module's state in the state
# bucket, locked by S3 itself (use_lockfile: a .tflock object beside the state).

locals {
  # Read the state and take its lock, write nothing else.
  grant_state_read = [
    {
      Sid      = "StateList"
      Effect   = "Allow"
      Action   = "s3:ListBucket"
      Resource = local.state_bucket_arn
    },
    {
      Sid      = "StateRead"
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "${local.state_bucket_arn}/*"
    },
    {
      # A plan takes the lock too: it writes and deletes the lock file only.
      Sid    = "StateLock"
      Effect = "Allow"
      Action = [
        "s3:DeleteObject",
        "s3:PutObject",
      ]
      Resource = "${local.state_bucket_arn}/*.tflock"
    },
  ]

  # terraform apply: read and write the state and its lock.
  grant_state_write = [
    {
      Sid      = "StateListForApply"
      Effect   = "Allow"
      Action   = "s3:ListBucket"
      Resource = local.state_bucket_arn
    },
    {
      Sid    = "StateReadWrite"
      Effect = "Allow"
      Action = [
        "s3:DeleteObject",
        "s3:GetObject",
        "s3:PutObject",
      ]
      Resource = "${local.state_bucket_arn}/*"
    },
  ]
}
