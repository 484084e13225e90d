data "aws_caller_identity" "current" {}

# Holds the main module's state; S3 itself locks it (use_lockfile), no DynamoDB table needed. Versioned,
# so every state ever written stays recoverable.
module "state_bucket" {
  source = "../modules/private-bucket"

  name = "${var.name}-tfstate-${data.aws_caller_identity.current.account_id}-${var.region}"
  # Deleting the state of live infrastructure is a decision, not an accident (README: "Clean-up").
  force_destroy = var.allow_state_destroy
}
