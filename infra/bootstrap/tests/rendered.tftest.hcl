# The roles and policies as Terraform renders them, for the IAM evaluation in tests/iam/ (which runs this file
# with -verbose -json and reads its state): every grant, attachment and trust policy, and the boundary.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "rendered" {
  command = apply

  variables {
    github_repository = "octo-org/simpletimeservice"
  }
}
