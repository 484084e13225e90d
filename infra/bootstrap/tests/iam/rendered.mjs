// The GitHub roles and the boundary as infra/bootstrap renders them: the state of tests/rendered.tftest.hcl,
// read from `terraform test -verbose -json`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ACCOUNT = "123456789012";
const bootstrap = fileURLToPath(new URL("../..", import.meta.url));

/** Roles (with their attached policies) and the boundary, from the state of the "rendered" run. */
export function render() {
  const out = execFileSync("terraform", ["test", "-no-color", "-verbose", "-json", "-filter=tests/rendered.tftest.hcl"],
    { cwd: bootstrap, maxBuffer: 1 << 30, encoding: "utf8" });
  const message = out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l))
    .find((m) => m.type === "test_state" && m["@testrun"] === "rendered");
  assert.ok(message, "terraform test printed no state for run \"rendered\"");
  const resources = [];
  const walk = (module) => { resources.push(...(module.resources ?? [])); (module.child_modules ?? []).forEach(walk); };
  walk(message.test_state.root_module);
  const of = (address) => resources.filter((r) => r.address.startsWith(address));
  const policies = Object.fromEntries(of("aws_iam_policy.github[").map((r) => [r.values.arn, { name: r.values.name, document: JSON.parse(r.values.policy) }]));
  const roles = {};
  for (const role of of("aws_iam_role.github[")) {
    const attached = of("aws_iam_role_policy_attachment.github[").filter((a) => a.values.role === role.values.name);
    roles[role.index] = {
      arn: role.values.arn, name: role.values.name, trust: JSON.parse(role.values.assume_role_policy),
      policies: attached.map((a) => policies[a.values.policy_arn]),
    };
  }
  const b = of("aws_iam_policy.boundary")[0];
  return { roles, boundary: { arn: b.values.arn, name: b.values.name, document: JSON.parse(b.values.policy) } };
}
