package com.simpletimeservice.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeApplicationVersionsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.EventDescription;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The steps of a release that beanstalk-maven-plugin gets wrong, on AWS SDK for Java 2, run by exec:java in the
 * release profile before and after the plugin's create-application-version and update-environment
 * (docs/release.md):
 * <ul>
 * <li>{@code before}: waits until the environment is Ready, for as long as a Terraform or managed update runs (the
 * plugin gives up after 2 minutes), and notes its newest event, so that only later events count; then uploads the
 * bundle unless the version exists. An existing version must be this very image (its description), and then nothing
 * is uploaded: re-running a failed release completes, and releasing an earlier SHA again rolls back;</li>
 * <li>{@code after}: waits until the environment runs this version, Ready and Green, and fails at once on an ERROR
 * event, on Ready and Red, or on Ready with another version (the plugin waits out its timeout). Then forgets all but
 * the newest {@code keep} releases (labels that are git SHAs), never the one running and never Terraform's own
 * {@code terraform-*} version, which a Beanstalk lifecycle rule by count would delete, and the next plan create
 * again. Beanstalk holds 1,000 versions a region; bundles stay in S3.</li>
 * </ul>
 * The two runs are two class loaders in one Maven build: the time of the newest event before the update passes from
 * the first to the second in a file of the build directory. The environment is named by its ID: after it was
 * re-created, DescribeEnvironments still lists the terminated one of the same name. Arguments are {@code name=value}
 * pairs; credentials and the session come from the environment, as for the plugin.
 */
public final class Release implements AutoCloseable {

	private final Map<String, String> arguments;

	private final ElasticBeanstalkClient beanstalk;

	private final S3Client s3;

	private final Path newestEventFile;

	private Release(Map<String, String> arguments) {
		this.arguments = arguments;
		Region region = Region.of(argument("region"));
		this.beanstalk = ElasticBeanstalkClient.builder()
			.region(region)
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.build();
		this.s3 = S3Client.builder().region(region).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
		this.newestEventFile = Path.of(argument("workDirectory"), "release-events-after");
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> arguments = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			arguments.put(arg.substring(0, equals), arg.substring(equals + 1));
		}
		try (Release release = new Release(arguments)) {
			switch (release.argument("step")) {
				case "before" -> {
					release.waitUntilReady();
					release.uploadUnlessReleased();
				}
				case "after" -> {
					release.waitUntilReleased();
					release.pruneOldReleases();
				}
				default -> throw new IllegalArgumentException("step must be before or after");
			}
		}
	}

	void waitUntilReady() throws IOException, InterruptedException {
		Instant deadline = deadline();
		EnvironmentDescription environment = environment();
		while (!"Ready".equals(environment.statusAsString())) {
			log("waiting for %s to be Ready: it is %s", environment.environmentName(), environment.statusAsString());
			pause(deadline, "still " + environment.statusAsString() + ": another update is running");
			environment = environment();
		}
		Instant newest = events(Instant.EPOCH).stream()
			.map(EventDescription::eventDate)
			.max(Comparator.naturalOrder())
			.orElse(Instant.EPOCH);
		Files.writeString(this.newestEventFile, newest.toString());
		log("%s is Ready (%s, version %s); events after %s count", environment.environmentName(),
				environment.healthAsString(), environment.versionLabel(), newest);
	}

	void uploadUnlessReleased() throws IOException {
		String label = argument("versionLabel");
		String image = argument("image");
		List<ApplicationVersionDescription> versions = this.beanstalk
			.describeApplicationVersions((request) -> request.applicationName(argument("application")).versionLabels(label))
			.applicationVersions()
			.stream()
			.filter((version) -> label.equals(version.versionLabel()))
			.toList();
		if (!versions.isEmpty()) {
			if (!image.equals(versions.get(0).description())) {
				throw new IllegalStateException("Version " + label + " already exists with " + versions.get(0).description()
						+ ", not " + image + ": a label names one image, so nothing was uploaded");
			}
			log("version %s already exists with %s: nothing to upload", label, image);
			return;
		}
		this.s3.putObject((request) -> request.bucket(argument("bucket")).key(argument("key")),
				RequestBody.fromBytes(sourceBundle()));
		log("uploaded the source bundle of %s to s3://%s/%s", image, argument("bucket"), argument("key"));
	}

	void waitUntilReleased() throws IOException, InterruptedException {
		String label = argument("versionLabel");
		Instant deadline = deadline();
		Instant seen = Instant.parse(Files.readString(this.newestEventFile).strip());
		while (true) {
			for (EventDescription event : events(seen)) {
				log("%s %s %s", event.eventDate(), event.severityAsString(), event.message());
				if ("ERROR".equals(event.severityAsString())) {
					throw new IllegalStateException("The release of " + label + " failed: " + event.message());
				}
				seen = event.eventDate();
			}
			EnvironmentDescription environment = environment();
			if ("Ready".equals(environment.statusAsString())) {
				if (!label.equals(environment.versionLabel())) {
					throw new IllegalStateException(environment.environmentName() + " is Ready on version "
							+ environment.versionLabel() + ", not " + label + ": the deployment was rolled back or replaced");
				}
				if ("Green".equals(environment.healthAsString())) {
					log("%s runs %s, Ready and Green", environment.environmentName(), label);
					return;
				}
				if ("Red".equals(environment.healthAsString())) {
					throw new IllegalStateException(environment.environmentName() + " runs " + label
							+ " but its health is Red: see describe-environment-health (docs/operations.md, \"When an alarm fires\")");
				}
			}
			log("%s is %s and %s", environment.environmentName(), environment.statusAsString(), environment.healthAsString());
			pause(deadline, environment.statusAsString() + " and " + environment.healthAsString() + ", not Ready and Green on "
					+ label);
		}
	}

	void pruneOldReleases() {
		String application = argument("application");
		String running = environment().versionLabel();
		List<ApplicationVersionDescription> releases = new ArrayList<>();
		String page = null;
		do {
			String token = page;
			DescribeApplicationVersionsResponse response = this.beanstalk
				.describeApplicationVersions((request) -> request.applicationName(application).nextToken(token));
			response.applicationVersions()
				.stream()
				.filter((version) -> version.versionLabel().matches("[0-9a-f]{40}"))
				.forEach(releases::add);
			page = response.nextToken();
		}
		while (page != null);
		releases.sort(Comparator.comparing(ApplicationVersionDescription::dateCreated).reversed());
		int keep = Integer.parseInt(argument("keep"));
		for (ApplicationVersionDescription old : releases.subList(Math.min(keep, releases.size()), releases.size())) {
			if (!old.versionLabel().equals(running)) {
				this.beanstalk.deleteApplicationVersion((request) -> request.applicationName(application)
					.versionLabel(old.versionLabel())
					.deleteSourceBundle(false));
				log("forgot version %s of %s", old.versionLabel(), old.dateCreated());
			}
		}
	}

	/**
	 * The source bundle, a zip: the repository's Dockerrun.aws.json with the image filled in and, when the instances
	 * pull with credentials, where those are (never the credentials themselves), as Terraform renders it; and
	 * .ebextensions/ as it stands.
	 */
	byte[] sourceBundle() throws IOException {
		Path sources = Path.of(argument("sources"));
		String template = Files.readString(sources.resolve("Dockerrun.aws.json"));
		ObjectNode dockerrun = (ObjectNode) JsonMapper.shared().readTree(template.replace("${image}", argument("image")));
		String registryAuthBucket = this.arguments.getOrDefault("registryAuthBucket", "");
		if (!registryAuthBucket.isBlank()) {
			dockerrun.putObject("Authentication").put("Bucket", registryAuthBucket).put("Key", argument("registryAuthKey"));
		}
		String rendered = dockerrun.toPrettyString();
		if (rendered.contains("${")) {
			throw new IllegalStateException("Dockerrun.aws.json has a placeholder the release does not fill: " + rendered);
		}
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(zip); Stream<Path> extensions = Files.walk(sources.resolve(".ebextensions"))) {
			out.putNextEntry(new ZipEntry("Dockerrun.aws.json"));
			out.write(rendered.getBytes(StandardCharsets.UTF_8));
			for (Path file : extensions.filter(Files::isRegularFile).sorted().toList()) {
				out.putNextEntry(new ZipEntry(sources.relativize(file).toString().replace('\\', '/')));
				out.write(Files.readAllBytes(file));
			}
		}
		return zip.toByteArray();
	}

	private EnvironmentDescription environment() {
		String id = argument("environmentId");
		return this.beanstalk.describeEnvironments((request) -> request.environmentIds(id).includeDeleted(false))
			.environments()
			.stream()
			.filter((environment) -> id.equals(environment.environmentId()))
			.filter((environment) -> !environment.statusAsString().startsWith("Terminat"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No running environment " + id + " in " + argument("region")));
	}

	/** The environment's events after the given time, oldest first. */
	private List<EventDescription> events(Instant after) {
		return this.beanstalk
			.describeEvents((request) -> request.environmentId(argument("environmentId")).startTime(after.plusMillis(1)))
			.events()
			.stream()
			.filter((event) -> event.eventDate().isAfter(after))
			.sorted(Comparator.comparing(EventDescription::eventDate))
			.toList();
	}

	private Instant deadline() {
		return Instant.now().plus(Duration.ofMinutes(Long.parseLong(argument("timeoutMins"))));
	}

	private void pause(Instant deadline, String state) throws InterruptedException {
		if (Instant.now().isAfter(deadline)) {
			throw new IllegalStateException("Timed out after " + argument("timeoutMins") + " min: " + state);
		}
		Thread.sleep(Duration.ofSeconds(Long.parseLong(argument("pollSeconds"))).toMillis());
	}

	private String argument(String name) {
		String value = this.arguments.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Release needs " + name + "=...");
		}
		return value;
	}

	private static void log(String format, Object... values) {
		System.out.println("[release] " + String.format(format, values));
	}

	@Override
	public void close() {
		this.beanstalk.close();
		this.s3.close();
	}

}
