package com.simpletimeservice.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real release build ({@code ./mvnw -pl release -Prelease deploy}) against {@link FakeAws} and
 * checks what reached "AWS" and how the build ended: Release's calls (AWS SDK 2) and the plugin's (AWS SDK 1)
 * alike. The builds share release/target, so they run one at a time.
 */
class ReleaseIT {

	static final String SHA = "0123456789abcdef0123456789abcdef01234567";

	static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

	static final String IMAGE = "docker.io/simpletimeservice/simpletimeservice@" + DIGEST;

	static final String REGISTRY_AUTH_BUCKET = "simpletimeservice-registry-123456789012-eu-west-1";

	/** Not Terraform's key: the bundle must name the key it is given, not one of its own. */
	static final String REGISTRY_AUTH_KEY = "registry/test-config.json";

	/** What "aws configure export-credentials --format env" prints after "aws sso login". */
	static final Map<String, String> SSO_SESSION = Map.of("AWS_ACCESS_KEY_ID", "ASIAFAKEFAKEFAKEFAKE",
			"AWS_SECRET_ACCESS_KEY", "fake-secret-access-key", "AWS_SESSION_TOKEN", "fake-session-token",
			"AWS_CREDENTIAL_EXPIRATION", "2026-11-25T23:00:00+00:00");

	static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath();

	static ReleaseRole releaseRole;

	@TempDir
	Path temp;

	@BeforeAll
	static void readTheReleaseRole() throws Exception {
		releaseRole = ReleaseRole.load(ROOT);
	}

	@Test
	void uploadsTheBundleCreatesTheVersionDeploysItAndWaitsForGreen() throws Exception {
		try (FakeAws aws = new FakeAws()) {
			Build build = release(aws);

			assertThat(build.exitCode).as(build.output).isZero();
			assertThat(aws.calls()).containsSubsequence("DescribeEnvironments", "DescribeApplicationVersions",
					"PUT /" + FakeAws.BUCKET + "/" + SHA + "/source-bundle.zip", "CreateApplicationVersion",
					"UpdateEnvironment", "DescribeEvents", "DescribeEnvironments", "DescribeApplicationVersions");
			// The ERROR event of an earlier release (FakeAws) did not count: only this release's events do.
			assertThat(build.output).contains("Environment update completed successfully.");
			// The last call lists versions, to forget old releases (none here).
			assertThat(aws.calls().get(aws.calls().size() - 1)).isEqualTo("DescribeApplicationVersions");
			assertThat(aws.calls()).doesNotContain("DeleteApplicationVersion");
			assertAllowedByTheReleaseRole(aws.calls());

			Map<String, String> bundle = unzip(aws.uploadedObject());
			assertThat(bundle).containsOnlyKeys("Dockerrun.aws.json", ".ebextensions/autoscaling.config");
			assertThat(bundle.get(".ebextensions/autoscaling.config")).contains("AWSEBAutoScalingGroup",
					"HealthCheckType: ELB");
			JsonNode dockerrun = JsonMapper.shared().readTree(bundle.get("Dockerrun.aws.json"));
			assertThat(dockerrun.get("AWSEBDockerrunVersion").asString()).isEqualTo("1");
			assertThat(dockerrun.at("/Image/Name").asString())
				.isEqualTo(IMAGE);
			assertThat(dockerrun.at("/Ports/0/ContainerPort").asInt()).isEqualTo(8080);
			// Instances pull with the credentials in S3; the bundle says where, and holds no secret.
			assertThat(dockerrun.get("Authentication").properties()).extracting(Map.Entry::getKey).containsExactly("Bucket", "Key");
			assertThat(dockerrun.at("/Authentication/Bucket").asString()).isEqualTo(REGISTRY_AUTH_BUCKET);
			assertThat(dockerrun.at("/Authentication/Key").asString()).isEqualTo(REGISTRY_AUTH_KEY);
			assertThat(bundle.values()).noneMatch((file) -> file.contains("\"auth\"") || file.contains("auths")
					|| file.contains(SSO_SESSION.get("AWS_SECRET_ACCESS_KEY")));

			assertThat(aws.requests("CreateApplicationVersion")).singleElement()
				.satisfies((request) -> assertThat(request.getBodyAsString()).contains("VersionLabel=" + SHA,
						"SourceBundle.S3Bucket=" + FakeAws.BUCKET, "SourceBundle.S3Key=" + SHA + "%2Fsource-bundle.zip",
						"ApplicationName=" + FakeAws.APPLICATION, "Description=" + URLEncoder.encode(IMAGE, StandardCharsets.UTF_8)));
			assertThat(aws.requests("UpdateEnvironment")).singleElement()
				.satisfies((request) -> assertThat(request.getBodyAsString()).contains("VersionLabel=" + SHA,
						"EnvironmentName=" + FakeAws.ENVIRONMENT));
		}
	}

	/** Without a registry bucket the instances pull anonymously: the bundle names no credentials at all. */
	@Test
	void bundleNamesNoCredentialsWhenTheInstancesPullAnonymously() throws Exception {
		try (FakeAws aws = new FakeAws()) {
			Build build = release(aws, "-Drelease.registryAuthBucket=");

			assertThat(build.exitCode).as(build.output).isZero();
			JsonNode dockerrun = JsonMapper.shared().readTree(unzip(aws.uploadedObject()).get("Dockerrun.aws.json"));
			assertThat(dockerrun.properties()).extracting(Map.Entry::getKey)
				.containsExactlyInAnyOrder("AWSEBDockerrunVersion", "Image", "Ports");
			assertThat(dockerrun.at("/Image/Name").asString()).isEqualTo(IMAGE);
		}
	}

	/** The laptop release: signed in with "aws sso login", the session exported as environment variables. */
	@Test
	void signsEveryCallWithTheExportedSsoSession() throws Exception {
		try (FakeAws aws = new FakeAws()) {
			Build build = release(aws);

			assertThat(build.exitCode).as(build.output).isZero();
			assertThat(aws.allRequests()).isNotEmpty()
				.allSatisfy((request) -> assertThat(request.getHeader("X-Amz-Security-Token")).isEqualTo("fake-session-token"))
				.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).contains("Credential=ASIAFAKEFAKEFAKEFAKE/"));
		}
	}

	@Test
	void refusesToReleaseWithoutTheImageDigest() throws Exception {
		try (FakeAws aws = new FakeAws()) {
			Build build = release(aws, "-Drelease.image=docker.io/simpletimeservice/simpletimeservice:latest");

			assertThat(build.exitCode).isNotZero();
			assertThat(build.output).contains("-Drelease.image must be the pushed image by digest");
			assertThat(aws.calls()).isEmpty();
		}
	}

	/** Enhanced health can turn Red without an ERROR event: that fails at once, not after the timeout. */
	@Test
	void failsAtOnceWhenReadyAndRedWithoutAnErrorEvent() throws Exception {
		try (FakeAws aws = new FakeAws().afterUpdate("Ready", "Red")) {
			Build build = release(aws);

			assertThat(build.exitCode).isNotZero();
			assertThat(build.output).contains(FakeAws.ENVIRONMENT + " runs " + SHA + " but its health is Red");
		}
	}

	@Test
	void failsWhenTheEnvironmentEndsOnAnotherVersion() throws Exception {
		try (FakeAws aws = new FakeAws().afterUpdate("Ready", "Green", "previous")) {
			Build build = release(aws);

			assertThat(build.exitCode).isNotZero();
			assertThat(build.output).contains("is Ready on version previous, not " + SHA);
		}
	}

	/** A Terraform apply or a managed update still running: the release waits for it (the plugin gave up after 2 min). */
	@Test
	void waitsForAnUpdateInProgressBeforeDeploying() throws Exception {
		try (FakeAws aws = new FakeAws().updateRunningAtFirst()) {
			Build build = release(aws);

			assertThat(build.exitCode).as(build.output).isZero();
			assertThat(build.output).contains("waiting for " + FakeAws.ENVIRONMENT + " to be Ready: it is Updating");
			assertThat(aws.calls().subList(0, aws.calls().indexOf("UpdateEnvironment")))
				.filteredOn("DescribeEnvironments"::equals)
				.hasSizeGreaterThanOrEqualTo(2);
		}
	}

	/** After "terraform destroy" and a new apply, the old environment is still listed, Terminated, by its name. */
	@Test
	void releasesToTheEnvironmentByIdAfterItWasRecreated() throws Exception {
		try (FakeAws aws = new FakeAws().recreated()) {
			Build build = release(aws);

			assertThat(build.exitCode).as(build.output).isZero();
			assertThat(aws.requests("UpdateEnvironment")).singleElement()
				.satisfies((request) -> assertThat(request.getBodyAsString()).contains("EnvironmentName=" + FakeAws.ENVIRONMENT));
			// Names are unique among live environments, so AWS resolves this one to the new environment.
			assertThat(build.output).contains(FakeAws.ENVIRONMENT + " runs " + SHA + ", Ready and Green");
		}
	}

	@Test
	void failsWhenTheEnvironmentTurnsRed() throws Exception {
		try (FakeAws aws = new FakeAws().afterUpdate("Ready", "Red")
			.events("INFO", "Environment update is starting.", "ERROR", "Failed to deploy application.")) {
			Build build = release(aws);

			assertThat(build.exitCode).isNotZero();
			assertThat(build.output).contains("Failed to deploy application.");
		}
	}

	@Test
	void failsOnAnErrorEventWhileUpdating() throws Exception {
		try (FakeAws aws = new FakeAws().afterUpdate("Updating", "Grey")
			.events("ERROR", "Instance deployment failed to pull the image docker.io/simpletimeservice:" + SHA)) {
			Build build = release(aws);

			assertThat(build.exitCode).isNotZero();
			assertThat(build.output).contains("Instance deployment failed to pull the image");
		}
	}

	@Test
	void failsWhenTheEnvironmentIsNotGreenInTime() throws Exception {
		try (FakeAws aws = new FakeAws().afterUpdate("Updating", "Grey").events("INFO", "Still deploying.")) {
			Build build = release(aws, "-Drelease.timeoutMins=0");

			assertThat(build.exitCode).isNotZero();
			assertThat(build.output).contains("Timed out after 0 min: Updating and Grey, not Ready and Green on " + SHA);
		}
	}

	/**
	 * "Re-run failed jobs", or a rollback (the release of an earlier SHA and its image): the version exists with
	 * this image, so nothing is uploaded or created again, and the environment is updated to it.
	 */
	@Test
	void deploysAnExistingVersionOfTheSameImageWithoutUploading() throws Exception {
		try (FakeAws aws = new FakeAws().labelAlreadyExists(SHA, IMAGE)) {
			Build build = release(aws);

			assertThat(build.exitCode).as(build.output).isZero();
			assertThat(aws.calls()).noneMatch((call) -> call.startsWith("PUT")).doesNotContain("CreateApplicationVersion");
			assertThat(aws.requests("UpdateEnvironment")).singleElement()
				.satisfies((request) -> assertThat(request.getBodyAsString()).contains("VersionLabel=" + SHA));
			assertAllowedByTheReleaseRole(aws.calls());
		}
	}

	@Test
	void refusesALabelThatExistsWithAnotherImage() throws Exception {
		try (FakeAws aws = new FakeAws().labelAlreadyExists(SHA, "docker.io/simpletimeservice/simpletimeservice@sha256:" + "f".repeat(64))) {
			Build build = release(aws);

			assertThat(build.exitCode).isNotZero();
			assertThat(build.output).contains("Version " + SHA + " already exists with", "nothing was uploaded");
			assertThat(aws.calls()).noneMatch((call) -> call.startsWith("PUT")).doesNotContain("UpdateEnvironment");
		}
	}

	/** Beanstalk holds 1,000 versions a region: each release forgets all but the newest 50 releases. */
	@Test
	void forgetsOldReleasesButNeverTerraformsVersionOrTheRunningOne() throws Exception {
		List<String> versions = new ArrayList<>();
		versions.add(SHA);
		for (int i = 1; i <= 51; i++) {
			versions.add(String.format("%040x", i));
		}
		versions.add("terraform-0123456789ab"); // Terraform's, older than all of them
		versions.add(4, "not-a-release"); // anything else someone made by hand
		try (FakeAws aws = new FakeAws().versions(versions)) {
			Build build = release(aws);

			assertThat(build.exitCode).as(build.output).isZero();
			// 52 releases (this one and 51 before it): the 2 oldest go, their bundles stay in S3.
			assertThat(aws.requests("DeleteApplicationVersion")).map((request) -> request.getBodyAsString())
				.hasSize(2)
				.allMatch((body) -> body.contains("DeleteSourceBundle=false"))
				.anyMatch((body) -> body.contains("VersionLabel=" + String.format("%040x", 51)))
				.anyMatch((body) -> body.contains("VersionLabel=" + String.format("%040x", 50)))
				.noneMatch((body) -> body.contains("terraform-") || body.contains("not-a-release") || body.contains(SHA));
			assertAllowedByTheReleaseRole(aws.calls());
		}
	}

	@Test
	void refusesToReleaseWithoutAGitSha() throws Exception {
		try (FakeAws aws = new FakeAws()) {
			Build build = release(aws, "-Drelease.gitSha=");

			assertThat(build.exitCode).isNotZero();
			assertThat(build.output).contains("-Drelease.gitSha must be a git commit SHA");
			assertThat(aws.calls()).isEmpty();
		}
	}

	@Test
	void theRoleCheckRefusesAnActionTheRoleLacks() {
		assertThat(releaseRole.allows("elasticbeanstalk:UpdateEnvironment")).isTrue();
		assertThat(releaseRole.allows("elasticbeanstalk:TerminateEnvironment")).isFalse();
		assertThat(releaseRole.allows("iam:CreateRole")).isFalse();
	}

	/** Every call to the fake AWS is an action the GitHub release role (infra/bootstrap) allows. */
	private static void assertAllowedByTheReleaseRole(List<String> calls) {
		assertThat(calls).map(ReleaseRole::actionOf)
			.as("actions of the release role: %s", releaseRole.allowedActions())
			.allMatch(releaseRole::allows);
	}

	private Build release(FakeAws aws, String... extraArguments) throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(List.of("deploy"));
		arguments.addAll(List.of(extraArguments));
		return run(aws, arguments.toArray(String[]::new));
	}

	private Build run(FakeAws aws, String... goalsAndArguments) throws IOException, InterruptedException {
		Path regions = aws.regionsFile(this.temp);
		List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B", "-ntp", "-f",
				ROOT.resolve("release/pom.xml").toString(), "-Prelease", "-Dmaven.test.skip=true",
				"-Drelease.gitSha=" + SHA, "-Drelease.image=" + IMAGE, "-Drelease.application=" + FakeAws.APPLICATION,
				"-Drelease.environmentId=" + FakeAws.ENVIRONMENT_ID, "-Drelease.bundleBucket=" + FakeAws.BUCKET,
				"-Drelease.region=" + FakeAws.REGION, "-Drelease.registryAuthBucket=" + REGISTRY_AUTH_BUCKET, "-Drelease.registryAuthKey=" + REGISTRY_AUTH_KEY,
				"-Drelease.pollSeconds=1"));
		command.addAll(List.of(goalsAndArguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.temp.resolve("build.log").toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((name) -> name.startsWith("AWS_"));
		env.putAll(SSO_SESSION);
		// The SDKs' own switches: SDK 2's endpoint; SDK 1's region file and self-signed certificate.
		env.put("MAVEN_OPTS", "-Daws.endpointUrl=" + aws.endpointUrl() + " -Dcom.amazonaws.regions.RegionUtils.fileOverride="
				+ regions + " -Dcom.amazonaws.sdk.disableCertChecking=true");
		Process process = builder.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("The release build did not end within 3 minutes");
		}
		return new Build(process.exitValue(), Files.readString(this.temp.resolve("build.log"), StandardCharsets.UTF_8));
	}

	/** The bundle's files by path; directories left out. */
	private static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (!entry.isDirectory()) {
					files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
		}
		return files;
	}

	record Build(int exitCode, String output) {
	}

}
