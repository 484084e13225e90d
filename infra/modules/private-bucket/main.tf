# An S3 bucket nobody outside the account can read: public access blocked, owner-enforced objects,
# versioned, encrypted at rest, and refusing requests without TLS. Holds Terraform state, source bundles and
# load balancer access logs (which need a delivery statement and expiry).

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

variable "name" {
  description = "Globally unique bucket name."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.name))
    error_message = "name must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens."
  }
}

variable "force_destroy" {
  description = "Let \"terraform destroy\" delete the bucket with every object version in it."
  type        = bool
  default     = false
}

variable "policy_statements" {
  description = "More bucket policy statements (IAM policy JSON written as HCL objects), after the TLS-only one."
  type        = any
  default     = []
}

variable "expire_after_days" {
  description = "Delete objects this many days after they were written (older versions a day later); null keeps them."
  type        = number
  default     = null

  validation {
    condition     = var.expire_after_days == null || try(var.expire_after_days >= 1 && floor(var.expire_after_days) == var.expire_after_days, false)
    error_message = "expire_after_days must be null or a whole number of days, at least 1."
  }
}

resource "aws_s3_bucket" "this" {
  bucket        = var.name
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([{
      Sid       = "TLSOnly"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }], var.policy_statements)
  })

  depends_on = [aws_s3_bucket_public_access_block.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count = var.expire_after_days != null ? 1 : 0

  bucket = aws_s3_bucket.this.id

  rule {
    id     = "expire"
    status = "Enabled"

    filter {}

    expiration {
      days = var.expire_after_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

output "name" {
  description = "Bucket name, known once versioning, encryption and the policy are in place, so everything written after it is covered."
  value       = aws_s3_bucket.this.bucket

  depends_on = [aws_s3_bucket_versioning.this, aws_s3_bucket_server_side_encryption_configuration.this, aws_s3_bucket_policy.this]
}

output "arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "policy" {
  description = "The bucket policy (JSON): TLS only, then policy_statements."
  value       = aws_s3_bucket_policy.this.policy
}

output "expire_after_days" {
  description = "Days after which objects expire, or null."
  value       = one(aws_s3_bucket_lifecycle_configuration.this[*].rule[0].expiration[0].days)
}

output "force_destroy" {
  description = "Whether \"terraform destroy\" deletes the bucket with everything in it."
  value       = aws_s3_bucket.this.force_destroy
}
