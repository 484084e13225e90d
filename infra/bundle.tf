# Source bundles: the repository's Dockerrun.aws.json with the image filled in. Terraform uploads the
# first one; the Maven release step (release/pom.xml) uploads one per git SHA.

data "aws_caller_identity" "current" {}

locals {
  dockerrun = templatefile("${path.module}/../Dockerrun.aws.json", { image = var.image })

  # Content-addressed, so a new image makes a new version and an unchanged one makes none.
  initial_version_label = "terraform-${substr(sha256(local.dockerrun), 0, 12)}"
}

resource "aws_s3_bucket" "bundles" {
  bucket = "${var.name}-bundles-${data.aws_caller_identity.current.account_id}-${var.region}"

  # Bundles are rebuilt from git at will; "terraform destroy" must not stop at a non-empty bucket.
  force_destroy = true
}

resource "aws_s3_bucket_public_access_block" "bundles" {
  bucket = aws_s3_bucket.bundles.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "bundles" {
  bucket = aws_s3_bucket.bundles.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "bundles" {
  bucket = aws_s3_bucket.bundles.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "bundles" {
  bucket = aws_s3_bucket.bundles.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_policy" "bundles" {
  bucket = aws_s3_bucket.bundles.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TLSOnly"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.bundles.arn, "${aws_s3_bucket.bundles.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })

  depends_on = [aws_s3_bucket_public_access_block.bundles]
}

resource "aws_s3_object" "initial_bundle" {
  bucket       = aws_s3_bucket.bundles.id
  key          = "${local.initial_version_label}/Dockerrun.aws.json"
  content      = local.dockerrun
  content_type = "application/json"

  depends_on = [aws_s3_bucket_versioning.bundles, aws_s3_bucket_server_side_encryption_configuration.bundles]
}

resource "aws_elastic_beanstalk_application_version" "initial" {
  application = aws_elastic_beanstalk_application.this.name
  name        = local.initial_version_label
  description = "Deployed by Terraform: ${var.image}"
  bucket      = aws_s3_bucket.bundles.id
  key         = aws_s3_object.initial_bundle.key
}
