# Source bundles: the repository's Dockerrun.aws.json with the image filled in, plus, when the instances pull
# with credentials, where those are (registry.tf; never the credentials themselves). Terraform uploads the
# first one; the Maven release step (release/pom.xml) renders the same file the same way for each git SHA.

data "aws_caller_identity" "current" {}

module "names" {
  source = "./modules/names"

  name        = var.name
  environment = var.environment
  account_id  = data.aws_caller_identity.current.account_id
  region      = var.region
}

locals {
  dockerrun = jsonencode(merge(
    jsondecode(templatefile("${path.module}/../Dockerrun.aws.json", { image = var.image })),
    local.registry_auth != null ? { Authentication = local.registry_auth } : {},
  ))

  # Content-addressed, so a new image makes a new version and an unchanged one makes none.
  initial_version_label = "terraform-${substr(sha256(local.dockerrun), 0, 12)}"
}

module "bundle_bucket" {
  source = "./modules/private-bucket"

  name = module.names.buckets.bundles
  # Bundles are rebuilt from git at will; "terraform destroy" must not stop at a non-empty bucket.
  force_destroy = true
}

resource "aws_s3_object" "initial_bundle" {
  bucket       = module.bundle_bucket.name
  key          = "${local.initial_version_label}/Dockerrun.aws.json"
  content      = local.dockerrun
  content_type = "application/json"
}

resource "aws_elastic_beanstalk_application_version" "initial" {
  application = aws_elastic_beanstalk_application.this.name
  name        = local.initial_version_label
  description = "Deployed by Terraform: ${var.image}"
  bucket      = module.bundle_bucket.name
  key         = aws_s3_object.initial_bundle.key
}
