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
}

variable "environment" {
  description = "Environment name suffix: the Beanstalk environment is \"<name>-<environment>\"."
  type        = string
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z0-9]{1,8}$", var.environment))
    error_message = "environment must be 1-8 lowercase letters or digits."
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
  description = "Container image of the first application version, e.g. docker.io/user/simpletimeservice:1.0.0. Later releases come from the Maven release step."
  type        = string
  default     = "docker.io/simpletimeservice/simpletimeservice:latest"

  validation {
    # [registry/]repository[:tag][@sha256:digest], lowercase repository as Docker requires.
    condition     = can(regex("^([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$", var.image))
    error_message = "image must be a container image reference such as docker.io/user/simpletimeservice:1.0.0."
  }
}

variable "instance_type" {
  description = "EC2 instance type of the Beanstalk instances."
  type        = string
  default     = "t3.small"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must be an EC2 instance type such as t3.small."
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

variable "certificate_arn" {
  description = "ACM certificate ARN for HTTPS on the load balancer; empty serves plain HTTP on port 80."
  type        = string
  default     = ""

  validation {
    condition     = var.certificate_arn == "" || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}$", var.certificate_arn))
    error_message = "certificate_arn must be empty or an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/UUID)."
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
