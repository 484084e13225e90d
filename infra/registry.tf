# How the instances pull the image from Docker Hub. By default anonymously: nothing to set up, and Docker Hub
# allows 10 anonymous pulls an hour per address, which all instances share through the NAT gateway. With
# registry_auth_bucket set they pull with a read-only token (100 pulls an hour on a free account, and private
# repositories work): the bundle's Dockerrun names the credentials object (never its content), and only the
# instance role may read it (iam.tf).

locals {
  registry_auth     = var.registry_auth_bucket != "" ? { Bucket = var.registry_auth_bucket, Key = module.names.registry_auth_key } : null
  registry_auth_url = var.registry_auth_bucket != "" ? "s3://${var.registry_auth_bucket}/${module.names.registry_auth_key}" : null
}

# Instances without their credentials fail to pull deep into a 15-minute apply: the plan checks that the object
# exists instead. Listing only, never reading it: a data source that fetched the body would put the token in
# the state, and every role that can plan could read it there.
data "aws_s3_objects" "registry_auth" {
  count = local.registry_auth != null ? 1 : 0

  bucket = var.registry_auth_bucket
  prefix = module.names.registry_auth_key

  lifecycle {
    postcondition {
      condition     = contains(self.keys, module.names.registry_auth_key)
      error_message = "No Docker Hub credentials at ${local.registry_auth_url}. Write them first: scripts/put-registry-credentials.sh YOUR_DOCKERHUB_USER ${local.registry_auth_url} (it asks for a read-only access token). Or set registry_auth_bucket = \"\" to pull the public image anonymously."
    }
  }
}
