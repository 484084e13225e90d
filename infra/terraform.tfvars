# Defaults that stand up a working, highly available service. Override here or with -var.
region             = "eu-west-1"
name               = "simpletimeservice"
environment        = "prod"
vpc_cidr           = "10.0.0.0/16"
az_count           = 2
nat_gateway_per_az = false
image              = "docker.io/simpletimeservice/simpletimeservice:latest"
instance_type      = "t3.small"
min_instances      = 2
max_instances      = 4
log_retention_days = 30
certificate_arn    = ""
maintenance_window = "Sun:03:00"
