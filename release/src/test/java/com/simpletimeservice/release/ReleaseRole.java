package com.simpletimeservice.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * The actions the GitHub release role may take, read from infra/bootstrap with {@code terraform console}, so
 * that a call the release starts making without a permission fails the build instead of the first deploy.
 */
final class ReleaseRole {

	private final List<String> allowedActions;

	private ReleaseRole(List<String> allowedActions) {
		this.allowedActions = allowedActions;
	}

	static ReleaseRole load(Path root) throws IOException, InterruptedException {
		Path bootstrap = root.resolve("infra/bootstrap");
		run(bootstrap, "", "terraform", "init", "-backend=false", "-input=false", "-no-color");
		String printed = run(bootstrap, "jsonencode(distinct(flatten([for s in local.role_statements.release : s.Action])))\n",
				"terraform", "console", "-no-color");
		// console prints the JSON as an HCL string literal, whose escapes are JSON's.
		String json = JsonMapper.shared().readValue(printed.strip(), String.class);
		return new ReleaseRole(List.of(JsonMapper.shared().readValue(json, String[].class)));
	}

	/** The IAM action behind a call to the fake: "PUT /bucket/key" or a Beanstalk action name. */
	static String actionOf(String call) {
		return call.startsWith("PUT /") ? "s3:PutObject" : "elasticbeanstalk:" + call;
	}

	boolean allows(String action) {
		return this.allowedActions.stream()
			.anyMatch((allowed) -> Pattern.compile(Pattern.quote(allowed).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE)
				.matcher(action)
				.matches());
	}

	List<String> allowedActions() {
		return this.allowedActions;
	}

	private static String run(Path directory, String input, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(false).start();
		process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed in " + directory + ":\n" + output + errors);
		}
		return output;
	}

}
