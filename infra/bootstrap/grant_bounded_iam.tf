# Grant "bounded-iam" (infrastructure role): terraform apply of infra/iam.tf, IAM that cannot escalate
# (docs/github.md, "Roles"). What a role it creates may do at most is the boundary (boundary.tf).

locals {
  # The only managed policies the infrastructure role may attach: those infra/iam.tf uses.
  attachable_policies = [for p in [
    "AWSElasticBeanstalkWebTier",
    "AmazonSSMManagedInstanceCore",
    "service-role/AWSElasticBeanstalkEnhancedHealth",
    "AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
  ] : "${local.arn}:iam::aws:policy/${p}"]

  grant_bounded_iam = [
    {
      # The project's roles, created only with the boundary, which they can never lose.
      Sid    = "CreateBoundedRoles"
      Effect = "Allow"
      Action = [
        "iam:CreateRole",
        "iam:PutRolePermissionsBoundary",
      ]
      Resource  = local.project_roles
      Condition = { StringEquals = { "iam:PermissionsBoundary" = local.boundary_arn } }
    },
    {
      Sid    = "AttachAllowedPolicies"
      Effect = "Allow"
      Action = [
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
      ]
      Resource  = local.project_roles
      Condition = { ArnEquals = { "iam:PolicyARN" = local.attachable_policies } }
    },
    {
      # Inline policies are capped by the boundary the roles must carry. No UpdateAssumeRolePolicy: a role's
      # trust is written once, when it is created (below).
      Sid    = "ManageProjectRoles"
      Effect = "Allow"
      Action = [
        "iam:DeleteRole",
        "iam:DeleteRolePolicy",
        "iam:PutRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
      ]
      Resource = local.project_roles
    },
    {
      Sid    = "ProjectInstanceProfiles"
      Effect = "Allow"
      Action = [
        "iam:AddRoleToInstanceProfile",
        "iam:CreateInstanceProfile",
        "iam:DeleteInstanceProfile",
        "iam:RemoveRoleFromInstanceProfile",
        "iam:TagInstanceProfile",
        "iam:UntagInstanceProfile",
      ]
      Resource = local.project_profiles
    },
    {
      # Auto Scaling's, load balancing's and Beanstalk's own roles, made once per account on first use.
      Sid       = "ServiceLinkedRoles"
      Effect    = "Allow"
      Action    = "iam:CreateServiceLinkedRole"
      Resource  = "${local.arn}:iam::${local.account}:role/aws-service-role/*"
      Condition = { StringEquals = { "iam:AWSServiceName" = ["autoscaling.amazonaws.com", "elasticbeanstalk.amazonaws.com", "elasticloadbalancing.amazonaws.com"] } }
    },
    {
      # Never a wider boundary or grant, never a role freed of the boundary.
      Sid    = "NeverTouchTheBoundaryOrTheGithubRoles"
      Effect = "Deny"
      Action = [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:DeleteRolePermissionsBoundary",
        "iam:SetDefaultPolicyVersion",
      ]
      Resource = [local.boundary_arn, local.project_roles, local.github_roles, local.github_policies]
    },
    {
      # IAM has no condition on what a trust policy says: rewriting an existing role's trust could open a role
      # that already holds the project's permissions to another account. A change of trust replaces the role
      # (terraform apply -replace), and a new role starts with only what the boundary allows.
      Sid      = "NeverRewriteTrust"
      Effect   = "Deny"
      Action   = "iam:UpdateAssumeRolePolicy"
      Resource = [local.project_roles, local.github_roles]
    },
    {
      # A role it creates could name this role in its trust policy: it may still never assume one.
      Sid      = "NeverAssumeTheRolesItMakes"
      Effect   = "Deny"
      Action   = "sts:AssumeRole"
      Resource = local.project_roles
    },
  ]
}
