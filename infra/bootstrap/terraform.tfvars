region = "eu-west-1"
name   = "simpletimeservice"
# "owner/name" of your GitHub repository, to create the roles the workflows assume.
github_repository           = ""
create_github_oidc_provider = true
