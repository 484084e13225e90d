// A pull request's plan (plan.yml) must be the plan main applies (deploy.yml), and destroy.yml must evaluate
// the same configuration: each gives Terraform its variables in one place, one workflow-level TF_CLI_ARGS_*,
// all with the same value, and nothing else feeds variables to Terraform: no TF_VAR_* or other TF_CLI_ARGS*
// in any env (workflow, job or step), no -var or -var-file on a terraform command line.
// Usage: node check-plan-variables.mjs FILE:VARIABLE... (e.g. plan.yml:TF_CLI_ARGS_plan)
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const problems = [];

function terraformArguments(file, variable) {
  const workflow = parse(readFileSync(file, "utf8"));
  const envs = [["workflow", workflow.env ?? {}]];
  const runs = [];
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    envs.push([`job ${jobName}`, job.env ?? {}]);
    for (const [i, step] of (job.steps ?? []).entries()) {
      envs.push([`job ${jobName}, step ${step.name ?? i + 1}`, step.env ?? {}]);
      if (typeof step.run === "string") runs.push([`job ${jobName}, step ${step.name ?? i + 1}`, step.run]);
    }
  }
  for (const [where, env] of envs) {
    for (const name of Object.keys(env)) {
      const allowed = where === "workflow" && name === variable;
      if (!allowed && /^(TF_VAR_|TF_CLI_ARGS)/.test(name)) problems.push(`${file}: ${where} sets ${name}`);
    }
  }
  for (const [where, run] of runs) {
    // Lines continued with a trailing backslash or folded by ">-" are one command: look at the whole text.
    if (/\bterraform\b[\s\S]*(^|\s)-var(-file)?[=\s]/m.test(run)) problems.push(`${file}: ${where} passes -var to terraform`);
  }
  const args = workflow.env?.[variable];
  if (typeof args !== "string" || args.trim() === "") problems.push(`${file}: no workflow-level ${variable}`);
  return args;
}

const found = process.argv.slice(2).map((pair) => {
  const [file, variable] = pair.split(":");
  return { file, variable, args: terraformArguments(file, variable) };
});
for (const other of found.slice(1)) {
  if (other.args !== found[0].args) {
    problems.push(`Terraform variables differ:\n  ${found[0].file} ${found[0].variable}: ${found[0].args}\n  ${other.file} ${other.variable}: ${other.args}`);
  }
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`${found.map((f) => f.file).join(", ")}: the same Terraform variables: ${found[0].args}`);
