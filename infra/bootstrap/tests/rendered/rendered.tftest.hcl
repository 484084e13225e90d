# The roles and policies as Terraform renders them, for the IAM evaluation in tests/iam/: every grant, attachment
# and trust policy, and the boundary. It runs this directory with -verbose -json and reads the state; the
# module's own `terraform test` (tests/) leaves it out.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "rendered" {
  command = apply

  variables {
    github_repository = "octo-org/simpletimeservice"
  }
}
