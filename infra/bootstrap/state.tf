data "aws_caller_identity" "current" {}

# The names of what this module makes, exact; and, over every region, the patterns the roles are scoped to.
module "names" {
  source = "../modules/names"

  name       = var.name
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region
}

module "patterns" {
  source = "../modules/names"

  name       = var.name
  account_id = data.aws_caller_identity.current.account_id
  region     = "*" # the roles follow the main module into whatever region it is applied
}

# Holds the main module's state; S3 itself locks it (use_lockfile), no DynamoDB table needed. Versioned,
# so every state ever written stays recoverable.
module "state_bucket" {
  source = "../modules/private-bucket"

  name = local.state_bucket
  # Deleting the state of live infrastructure is a decision, not an accident (docs/github.md, "Clean-up").
  force_destroy = var.allow_state_destroy
}

# The bucket of the instances' Docker Hub credentials, for pulls with a token instead of anonymous ones
# (docs/operations.md, "Pulling from Docker Hub"): made here, before the main module exists, so that the
# pipeline's very first environment pulls with them. scripts/put-registry-credentials.sh writes the object
# (the deploy workflow, every run); only the instance role reads it.
module "registry_auth_bucket" {
  source = "../modules/private-bucket"

  name          = module.names.buckets.registry_auth
  force_destroy = true
}

# Deleting the bucket while the main module's state still lists resources would leave the NAT gateway, the
# load balancer and the instances running with no state to remove them: with allow_state_destroy the plan
# reads that state first and refuses (docs/github.md, "Clean-up"). The key is the one the workflows use
# (.github/actions/terraform reads it from the same module).
locals {
  state_bucket   = module.names.buckets.state
  main_state_key = module.names.state_key
}

data "aws_s3_objects" "main_state" {
  count = var.allow_state_destroy ? 1 : 0

  bucket = local.state_bucket # known at plan, unlike the module's output while the bucket changes
  prefix = local.main_state_key
}

data "aws_s3_object" "main_state" {
  count = contains(flatten(data.aws_s3_objects.main_state[*].keys), local.main_state_key) ? 1 : 0

  bucket = one(data.aws_s3_objects.main_state[*].bucket)
  key    = local.main_state_key

  lifecycle {
    postcondition {
      condition     = length(try(jsondecode(self.body).resources, [])) == 0
      error_message = "The main module's state (s3://${self.bucket}/${self.key}) still lists ${length(try(jsondecode(self.body).resources, []))} resources: destroy them first (terraform -chdir=infra destroy on this backend, or the destroy workflow; docs/github.md, \"Clean-up\"), then delete the state bucket."
    }
  }
}
