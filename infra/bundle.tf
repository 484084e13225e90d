# Source bundles: the repository's Dockerrun.aws.json with the image and the registry credentials' S3
# location filled in (never the credentials themselves). Terraform uploads the first one; the Maven release
# step (release/pom.xml) uploads one per git SHA.

data "aws_caller_identity" "current" {}

module "names" {
  source = "./modules/names"

  name        = var.name
  environment = var.environment
  account_id  = data.aws_caller_identity.current.account_id
  region      = var.region
}

locals {
  # Where the instances' Docker Hub credentials are (README, "Pulling from Docker Hub"): infra/bootstrap makes
  # the bucket, the deploy workflow writes the key; the release step (registry.auth.key) uses the same key.
  registry_auth = { bucket = var.registry_auth_bucket, key = module.names.registry_auth_key }

  dockerrun = templatefile("${path.module}/../Dockerrun.aws.json", { image = var.image, registry = { auth = local.registry_auth } })

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
