variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region code such as eu-west-1."
  }
}

variable "name" {
  description = "Name of the Elastic Beanstalk application; prefixes every resource name."
  type        = string
  default     = "simpletimeservice"

  validation {
    # Also a valid S3 bucket prefix and Beanstalk CNAME prefix.
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 lowercase letters, digits or hyphens, starting with a letter."
  }

  validation {
    # S3 bucket names hold 63 characters: the longest here is "<name>-bundles-<12-digit account>-<region>".
    condition     = length("${var.name}-bundles-123456789012-${var.region}") <= 63
    error_message = "name is too long for ${var.region}: the bucket \"${var.name}-bundles-<account>-${var.region}\" would exceed S3's 63 characters; use at most ${63 - length("-bundles-123456789012-${var.region}")} characters."
  }
}

variable "environment" {
  description = "Environment name suffix: the Beanstalk environment is \"<name>-<environment>\"."
  type        = string
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z0-9]{1,8}$", var.environment))
    error_message = "environment must be 1-8 lowercase letters or digits."
  }

  validation {
    condition     = length("${var.name}-${var.environment}") <= 40
    error_message = "environment makes the Beanstalk environment name \"${var.name}-${var.environment}\" longer than the 40 characters Beanstalk accepts: shorten environment or name."
  }
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary for the roles this module creates. The GitHub infrastructure role may only create roles that carry it (infra/bootstrap output permissions_boundary_arn); empty for none."
  type        = string
  default     = ""

  validation {
    condition     = var.permissions_boundary_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/.+$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be empty or an IAM policy ARN (arn:aws:iam::ACCOUNT:policy/NAME)."
  }
}

variable "tags" {
  description = "Extra tags for every resource (Project and ManagedBy are always set)."
  type        = map(string)
  default     = {}
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC, /16 to /22; each subnet gets a sixteenth of it."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition = (
      can(cidrhost(var.vpc_cidr, 0)) &&
      try(cidrhost(var.vpc_cidr, 0) == split("/", var.vpc_cidr)[0], false) &&
      try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 22, false)
    )
    error_message = "vpc_cidr must be a network address with a prefix from /16 to /22, such as 10.0.0.0/16."
  }
}

variable "az_count" {
  description = "Availability zones to spread subnets and instances over (2 to 8, and no more than the region has)."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 8 && floor(var.az_count) == var.az_count
    error_message = "az_count must be a whole number from 2 to 8: the load balancer needs two zones."
  }
}

variable "nat_gateway_per_az" {
  description = "One NAT gateway per availability zone (survives a zone outage) instead of one shared gateway (cheaper)."
  type        = bool
  default     = false
}

variable "image" {
  description = "Container image of the first application version, on Docker Hub: yours, e.g. docker.io/you/simpletimeservice:<sha>, or pinned by digest, docker.io/you/simpletimeservice@sha256:<64 hex digits>. Later releases come from the Maven release step, always by digest. No default: an image named here runs with the instance role."
  type        = string
  default     = ""

  validation {
    condition     = var.image != ""
    error_message = "image is not set: build and push your own (docs/image.md) and set image = \"docker.io/YOU/simpletimeservice:<tag>\" in terraform.tfvars or with -var. An image of a namespace you do not own would run somebody else's code with the instance role."
  }

  validation {
    # [registry/]repository[:tag][@sha256:digest], lowercase repository as Docker requires.
    condition     = var.image == "" || can(regex("^([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$", var.image))
    error_message = "image must be a container image reference such as docker.io/user/simpletimeservice:1.0.0."
  }
}

variable "registry_auth_bucket" {
  description = "Empty: the instances pull the public image anonymously (Docker Hub allows 10 pulls an hour per address, shared by every instance behind the NAT gateway). Set to an S3 bucket in this region that holds their Docker config.json, written by scripts/put-registry-credentials.sh from a read-only token (the plan names the exact command): they pull with it (100 an hour on a free account; private repositories work), and the plan refuses while the object is missing."
  type        = string
  default     = ""

  validation {
    condition     = var.registry_auth_bucket == "" || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.registry_auth_bucket))
    error_message = "registry_auth_bucket must be empty (anonymous pulls) or the name of an S3 bucket, such as simpletimeservice-registry-123456789012-eu-west-1 (no s3:// and no key)."
  }
}

variable "instance_type" {
  description = "EC2 instance type of the Beanstalk instances: x86_64 (the image is built for amd64)."
  type        = string
  default     = "t3.small"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must be an EC2 instance type such as t3.small."
  }

  validation {
    # Graviton families carry a "g" after the generation (t4g, m7g, c7gn, r8gd) or are a1.
    condition     = !can(regex("^(a1|[a-z]+[0-9]+g[a-z0-9-]*)\\.", var.instance_type))
    error_message = "instance_type is an Arm (Graviton) type, but the image is built for amd64 only: choose an x86_64 type such as t3.small."
  }
}

variable "min_instances" {
  description = "Minimum number of instances; 2 or more keeps one running in each of two zones."
  type        = number
  default     = 2

  validation {
    condition     = var.min_instances >= 1 && floor(var.min_instances) == var.min_instances
    error_message = "min_instances must be a whole number of at least 1."
  }
}

variable "max_instances" {
  description = "Maximum number of instances the Auto Scaling group may grow to."
  type        = number
  default     = 4

  validation {
    condition     = var.max_instances >= 1 && var.max_instances <= 100 && floor(var.max_instances) == var.max_instances
    error_message = "max_instances must be a whole number from 1 to 100."
  }

  validation {
    condition     = var.max_instances >= var.min_instances
    error_message = "max_instances must be at least min_instances."
  }
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the instance and health logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one CloudWatch accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827 or 3653."
  }
}

variable "domain_name" {
  description = "Your domain for the service, e.g. time.example.com: HTTPS on 443 with an ACM certificate, port 80 redirecting to it, and an alias record in hosted_zone_id. Empty serves plain HTTP on the environment's elasticbeanstalk.com name."
  type        = string
  default     = ""

  validation {
    condition     = var.domain_name == "" || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be empty or a lowercase DNS name such as time.example.com."
  }
}

variable "hosted_zone_id" {
  description = "Route 53 hosted zone that holds domain_name: the alias record and the certificate's validation records go there."
  type        = string
  default     = ""

  validation {
    condition     = var.hosted_zone_id == "" || can(regex("^Z[A-Z0-9]{1,31}$", var.hosted_zone_id))
    error_message = "hosted_zone_id must be empty or a Route 53 zone ID such as Z0123456789ABCDEFGHIJ."
  }

  validation {
    condition     = (var.domain_name == "") == (var.hosted_zone_id == "")
    error_message = "domain_name and hosted_zone_id go together: the zone receives the alias record for the domain."
  }
}

variable "certificate_arn" {
  description = "An existing ACM certificate for domain_name, in this region; empty lets Terraform request and validate one."
  type        = string
  default     = ""

  validation {
    condition     = var.certificate_arn == "" || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}$", var.certificate_arn))
    error_message = "certificate_arn must be empty or an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/UUID)."
  }

  validation {
    condition     = var.certificate_arn == "" || var.domain_name != ""
    error_message = "certificate_arn needs domain_name: no certificate can match the environment's elasticbeanstalk.com name, so HTTPS works only on your own domain."
  }
}

variable "solution_stack_name" {
  description = "Beanstalk platform to create the environment on; empty takes the newest Amazon Linux 2023 Docker platform. Only used at creation: managed updates keep it current (docs/operations.md, \"Platform updates\")."
  type        = string
  default     = ""

  validation {
    condition     = var.solution_stack_name == "" || can(regex("^64bit Amazon Linux 2023 v[0-9.]+ running Docker$", var.solution_stack_name))
    error_message = "solution_stack_name must be empty or an Amazon Linux 2023 Docker platform such as \"64bit Amazon Linux 2023 v4.7.3 running Docker\"."
  }
}

variable "scale_out_cpu_percent" {
  description = "Average CPU over 5 minutes above which an instance is added. t3 instances earn CPU credits for 20 % (t3.small); scaling out well before they run dry keeps them off surplus charges."
  type        = number
  default     = 40

  validation {
    condition     = var.scale_out_cpu_percent > 0 && var.scale_out_cpu_percent <= 100
    error_message = "scale_out_cpu_percent must be a percentage above 0 and at most 100."
  }
}

variable "scale_in_cpu_percent" {
  description = "Average CPU over 5 minutes below which an instance is removed (never below min_instances)."
  type        = number
  default     = 10

  validation {
    condition     = var.scale_in_cpu_percent >= 0 && var.scale_in_cpu_percent < var.scale_out_cpu_percent
    error_message = "scale_in_cpu_percent must be at least 0 and below scale_out_cpu_percent, or the group would scale in and out at once."
  }
}

variable "alarm_email" {
  description = "E-mail address that receives the alarms and Beanstalk's notifications (confirm the subscription mail once); empty subscribes nobody."
  type        = string
  default     = ""

  validation {
    condition     = var.alarm_email == "" || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be empty or an e-mail address."
  }
}

variable "alarm_environment_health" {
  description = "Enhanced health level that raises the alarm when it lasts 3 of 5 minutes: Warning, Degraded or Severe."
  type        = string
  default     = "Degraded"

  validation {
    condition     = contains(["Warning", "Degraded", "Severe"], var.alarm_environment_health)
    error_message = "alarm_environment_health must be Warning, Degraded or Severe."
  }
}

variable "alarm_5xx_per_minute" {
  description = "5xx answers a minute (from the load balancer, or from the service) above which, for 3 of 5 minutes, the alarm fires."
  type        = number
  default     = 5

  validation {
    condition     = var.alarm_5xx_per_minute >= 0 && floor(var.alarm_5xx_per_minute) == var.alarm_5xx_per_minute
    error_message = "alarm_5xx_per_minute must be a whole number, 0 or more."
  }
}

variable "alarm_p99_seconds" {
  description = "p99 of the service's response time, in seconds, above which, for 3 of 5 minutes, the alarm fires."
  type        = number
  default     = 1

  validation {
    condition     = var.alarm_p99_seconds > 0 && var.alarm_p99_seconds <= 60
    error_message = "alarm_p99_seconds must be above 0 and at most 60."
  }
}

variable "access_log_retention_days" {
  description = "Days the load balancer's access logs are kept in their bucket."
  type        = number
  default     = 90

  validation {
    condition     = var.access_log_retention_days >= 1 && floor(var.access_log_retention_days) == var.access_log_retention_days
    error_message = "access_log_retention_days must be a whole number of days, at least 1."
  }
}

variable "maintenance_window" {
  description = "Weekly start of managed platform updates, \"Day:HH:MM\" in UTC."
  type        = string
  default     = "Sun:03:00"

  validation {
    condition     = can(regex("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window))
    error_message = "maintenance_window must look like Sun:03:00 (day, hour and minute in UTC)."
  }
}
