// What Terraform renders, from the state of a module's tests/rendered/rendered.tftest.hcl (`terraform test -verbose -json`):
// the GitHub roles and the boundary of infra/bootstrap, and everything infra/ plans.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ACCOUNT = "123456789012";

/**
 * Every resource of the state of run "rendered" in the module's tests/rendered/ (a path under infra/): a test
 * directory of its own, so the module's own `terraform test` does not apply it a second time.
 */
export function renderedResources(module) {
  const out = execFileSync("terraform", ["test", "-no-color", "-verbose", "-json", "-test-directory=tests/rendered"],
    { cwd: fileURLToPath(new URL(`../../../${module}`, import.meta.url)), maxBuffer: 1 << 30, encoding: "utf8" });
  const message = out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l))
    .find((m) => m.type === "test_state" && m["@testrun"] === "rendered");
  assert.ok(message, `terraform test printed no state for run "rendered" of ${module}`);
  const resources = [];
  const walk = (mod) => { resources.push(...(mod.resources ?? [])); (mod.child_modules ?? []).forEach(walk); };
  walk(message.test_state.root_module);
  return resources;
}

/** Roles (with their attached policies) and the boundary, as infra/bootstrap renders them. */
export function render() {
  const resources = renderedResources("bootstrap");
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

/** The tags the provider's default_tags put on everything infra/ creates (infra/versions.tf), as Terraform evaluates them. */
export function infraDefaultTags() {
  const out = execFileSync("terraform", ["console", "-var", "image=docker.io/octo-org/simpletimeservice:1.0.0", "-var", "registry_auth_bucket=simpletimeservice-registry-123456789012-eu-west-1", "-no-color"],
    { cwd: fileURLToPath(new URL("../../..", import.meta.url)), input: "jsonencode(local.default_tags)\n", encoding: "utf8", stdio: ["pipe", "pipe", "ignore"] });
  return JSON.parse(JSON.parse(out.trim()));
}
