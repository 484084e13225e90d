// A pull request's plan (plan.yml) must be the plan main applies (deploy.yml): both give Terraform its
// variables in one place, the workflow-level TF_CLI_ARGS_plan, with the same value, and nothing else feeds
// variables to a plan: no TF_VAR_* or TF_CLI_ARGS* in any env (workflow, job or step), no -var or
// -var-file on a terraform command line. Usage: node check-plan-variables.mjs PLAN_YML DEPLOY_YML
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const [planFile, deployFile] = process.argv.slice(2);
const problems = [];

function planArguments(file) {
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
      const allowed = where === "workflow" && name === "TF_CLI_ARGS_plan";
      if (!allowed && /^(TF_VAR_|TF_CLI_ARGS)/.test(name)) problems.push(`${file}: ${where} sets ${name}`);
    }
  }
  for (const [where, run] of runs) {
    // Lines continued with a trailing backslash or folded by ">-" are one command: look at the whole text.
    if (/\bterraform\b[\s\S]*(^|\s)-var(-file)?[=\s]/m.test(run)) problems.push(`${file}: ${where} passes -var to terraform`);
  }
  const args = workflow.env?.TF_CLI_ARGS_plan;
  if (typeof args !== "string" || args.trim() === "") problems.push(`${file}: no workflow-level TF_CLI_ARGS_plan`);
  return args;
}

const plan = planArguments(planFile);
const deploy = planArguments(deployFile);
if (plan !== deploy) problems.push(`TF_CLI_ARGS_plan differs:\n  ${planFile}: ${plan}\n  ${deployFile}: ${deploy}`);

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`plan.yml and deploy.yml plan with the same variables: ${plan}`);
