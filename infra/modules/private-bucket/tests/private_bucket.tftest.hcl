mock_provider "aws" {
  mock_resource "aws_s3_bucket" {
    defaults = {
      arn = "arn:aws:s3:::example-bucket"
    }
  }
}

variables {
  name = "example-bucket"
}

run "private_versioned_encrypted_and_tls_only" {
  command = apply

  assert {
    condition     = aws_s3_bucket.this.bucket == "example-bucket" && aws_s3_bucket.this.force_destroy == false
    error_message = "The bucket must keep its objects on destroy unless asked."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.this.block_public_acls && aws_s3_bucket_public_access_block.this.block_public_policy && aws_s3_bucket_public_access_block.this.ignore_public_acls && aws_s3_bucket_public_access_block.this.restrict_public_buckets
    error_message = "The bucket must block all public access."
  }

  assert {
    condition     = one(aws_s3_bucket_ownership_controls.this.rule).object_ownership == "BucketOwnerEnforced"
    error_message = "Objects must belong to the bucket owner (no ACLs)."
  }

  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    error_message = "The bucket must be versioned."
  }

  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256"
    error_message = "The bucket must be encrypted at rest."
  }

  assert {
    condition = jsondecode(aws_s3_bucket_policy.this.policy).Statement[0] == {
      Sid       = "TLSOnly"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }
    error_message = "The bucket must refuse every request without TLS."
  }

  assert {
    condition     = output.name == "example-bucket" && output.arn == "arn:aws:s3:::example-bucket"
    error_message = "Outputs should give the bucket's name and ARN."
  }
}

run "force_destroy_when_asked" {
  command = plan

  variables {
    force_destroy = true
  }

  assert {
    condition     = aws_s3_bucket.this.force_destroy
    error_message = "force_destroy should reach the bucket."
  }
}

run "name_must_be_a_bucket_name" {
  command = plan

  variables {
    name = "Not_A_Bucket"
  }

  expect_failures = [var.name]
}

run "extra_statements_and_expiry" {
  command = apply

  variables {
    expire_after_days = 30
    policy_statements = [{ Sid = "Delivery", Effect = "Allow", Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }, Action = "s3:PutObject", Resource = "arn:aws:s3:::example-bucket/logs/*" }]
  }

  assert {
    condition     = [for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s.Sid] == ["TLSOnly", "Delivery"]
    error_message = "Extra statements should follow the TLS-only one, which always stays."
  }

  assert {
    condition     = one(aws_s3_bucket_lifecycle_configuration.this[0].rule).expiration[0].days == 30 && one(aws_s3_bucket_lifecycle_configuration.this[0].rule).noncurrent_version_expiration[0].noncurrent_days == 1 && output.expire_after_days == 30
    error_message = "Objects should expire after expire_after_days, older versions a day later."
  }
}

run "nothing_expires_by_default" {
  command = plan

  assert {
    condition     = length(aws_s3_bucket_lifecycle_configuration.this) == 0
    error_message = "Without expire_after_days, objects are kept."
  }
}

run "expiry_must_be_whole_days" {
  command = plan

  variables {
    expire_after_days = 0.5
  }

  expect_failures = [var.expire_after_days]
}
