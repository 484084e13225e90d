terraform {
  # 1.10: S3 state locking without DynamoDB (use_lockfile).
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # Local state unless you opt into S3: see docs/github.md, "Remote state".
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.default_tags
  }
}

locals {
  # On everything the provider creates, in the create call itself: the GitHub roles (infra/bootstrap) may change
  # the network only where it carries Project = <name>.
  default_tags = merge(var.tags, {
    Project   = var.name
    ManagedBy = "terraform"
  })
}
