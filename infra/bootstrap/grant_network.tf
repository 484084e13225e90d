# Grant "network" (infrastructure role): terraform apply of infra/'s network. EC2 names it by IDs only, so it is
# the project's by its tag: the provider's default_tags (infra/versions.tf) put Project = <name> on all of it in
# the create call itself.

locals {
  network_types = ["elastic-ip", "internet-gateway", "natgateway", "route-table", "security-group", "security-group-rule", "subnet", "vpc"]
  network_creates = [
    "ec2:AllocateAddress",
    "ec2:AuthorizeSecurityGroupEgress",
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:CreateInternetGateway",
    "ec2:CreateNatGateway",
    "ec2:CreateRouteTable",
    "ec2:CreateSecurityGroup",
    "ec2:CreateSubnet",
    "ec2:CreateVpc",
  ]

  grant_network = [
    {
      # What is created carries the project's tag in the create call.
      Sid       = "NetworkCreateTagged"
      Effect    = "Allow"
      Action    = local.network_creates
      Resource  = [for type in local.network_types : "${local.ec2}:${type}/*"]
      Condition = { StringEquals = { "aws:RequestTag/Project" = var.name } }
    },
    {
      # Everything else only on what carries the project's tag (a subnet's VPC, a route's table, a rule's group).
      Sid    = "NetworkChangeTagged"
      Effect = "Allow"
      Action = [
        "ec2:AssociateRouteTable",
        "ec2:AttachInternetGateway",
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:CreateNatGateway",
        "ec2:CreateRoute",
        "ec2:CreateRouteTable",
        "ec2:CreateSecurityGroup",
        "ec2:CreateSubnet",
        "ec2:DeleteInternetGateway",
        "ec2:DeleteNatGateway",
        "ec2:DeleteRoute",
        "ec2:DeleteRouteTable",
        "ec2:DeleteSecurityGroup",
        "ec2:DeleteSubnet",
        "ec2:DeleteVpc",
        "ec2:DetachInternetGateway",
        "ec2:DisassociateAddress",
        "ec2:DisassociateRouteTable",
        "ec2:ModifySecurityGroupRules",
        "ec2:ModifySubnetAttribute",
        "ec2:ModifyVpcAttribute",
        "ec2:ReleaseAddress",
        "ec2:ReplaceRoute",
        "ec2:ReplaceRouteTableAssociation",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
        "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
      ]
      Resource  = "${local.ec2}:*"
      Condition = { StringEquals = local.project_tagged }
    },
    {
      # Destroying a NAT gateway's address names the gateway's interface too, which AWS made and did not tag; the
      # address itself must still be the project's (above).
      Sid      = "NatGatewayInterface"
      Effect   = "Allow"
      Action   = "ec2:DisassociateAddress"
      Resource = "${local.ec2}:network-interface/*"
    },
    {
      Sid       = "NetworkTagsOnCreate"
      Effect    = "Allow"
      Action    = "ec2:CreateTags"
      Resource  = "${local.ec2}:*"
      Condition = { StringEquals = { "ec2:CreateAction" = [for action in local.network_creates : trimprefix(action, "ec2:")] } }
    },
    {
      # A change of var.tags retags the project's resources; none may lose its Project tag or get another's.
      Sid      = "NetworkRetag"
      Effect   = "Allow"
      Action   = "ec2:CreateTags"
      Resource = "${local.ec2}:*"
      Condition = {
        StringEquals         = local.project_tagged
        StringEqualsIfExists = { "aws:RequestTag/Project" = var.name }
      }
    },
    {
      Sid      = "NetworkUntag"
      Effect   = "Allow"
      Action   = "ec2:DeleteTags"
      Resource = "${local.ec2}:*"
      Condition = {
        StringEquals                   = local.project_tagged
        "ForAllValues:StringNotEquals" = { "aws:TagKeys" = ["Project"] }
      }
    },
    {
      # The VPC's default security group is AWS's, made untagged with the VPC; the provider tags it before it
      # strips its rules (aws_default_security_group). The one resource the role may claim: a security group
      # without a Project tag.
      Sid      = "ClaimDefaultSecurityGroup"
      Effect   = "Allow"
      Action   = "ec2:CreateTags"
      Resource = "${local.ec2}:security-group/*"
      Condition = {
        Null         = { "aws:ResourceTag/Project" = "true" }
        StringEquals = { "aws:RequestTag/Project" = var.name }
      }
    },
  ]
}
