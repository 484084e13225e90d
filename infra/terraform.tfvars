# Defaults that stand up a working, highly available service. Override here or with -var.
region             = "eu-west-1"
name               = "simpletimeservice"
environment        = "prod"
vpc_cidr           = "10.0.0.0/16"
az_count           = 2
nat_gateway_per_az = false
# The one value to set: your image on Docker Hub, e.g. "docker.io/YOU/simpletimeservice:1.0.0".
image = ""
# Empty: the instances pull the public image anonymously. A bucket name: they pull with the credentials
# scripts/put-registry-credentials.sh wrote there (see variables.tf).
registry_auth_bucket = ""
instance_type        = "t3.small"
min_instances        = 2
max_instances        = 4
log_retention_days   = 30
maintenance_window   = "Sun:03:00"
# Set when the roles are created by the GitHub infrastructure role (infra/bootstrap output).
permissions_boundary_arn = ""
# Empty: the newest Amazon Linux 2023 Docker platform at creation; managed updates keep it current.
solution_stack_name = ""

# HTTPS on your own domain (both or neither); certificate_arn only to bring an existing certificate.
domain_name     = ""
hosted_zone_id  = ""
certificate_arn = ""

# Scaling and alarms.
scale_out_cpu_percent     = 40
scale_in_cpu_percent      = 10
alarm_email               = ""
alarm_environment_health  = "Degraded"
alarm_5xx_per_minute      = 5
alarm_p99_seconds         = 1
access_log_retention_days = 90
