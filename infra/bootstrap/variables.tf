variable "region" {
  description = "AWS region of the state bucket (use the same as the main module)."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region code such as eu-west-1."
  }
}

variable "name" {
  description = "Project name, as in the main module: prefixes the bucket and the roles."
  type        = string
  default     = "simpletimeservice"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 lowercase letters, digits or hyphens, starting with a letter."
  }

  validation {
    # S3 bucket names hold 63 characters: the longest here is "<name>-registry-<12-digit account>-<region>".
    condition     = length("${var.name}-registry-123456789012-${var.region}") <= 63
    error_message = "name is too long for ${var.region}: the bucket \"${var.name}-registry-<account>-${var.region}\" would exceed S3's 63 characters; use at most ${63 - length("-registry-123456789012-${var.region}")} characters."
  }
}

variable "github_repository" {
  description = "GitHub repository (\"owner/name\") whose workflows may deploy; empty skips the GitHub OIDC roles."
  type        = string
  default     = ""

  validation {
    condition     = var.github_repository == "" || can(regex("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", var.github_repository))
    error_message = "github_repository must be empty or \"owner/name\", such as octo-org/simpletimeservice."
  }
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub OIDC provider; false if the account already has one."
  type        = bool
  default     = true
}

variable "allow_state_destroy" {
  description = "Let \"terraform destroy\" delete the state bucket with every state version in it. Set only to tear everything down."
  type        = bool
  default     = false
}
