package com.simpletimeservice.release;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.elasticbeanstalk.AWSElasticBeanstalk;
import com.amazonaws.services.elasticbeanstalk.AWSElasticBeanstalkClientBuilder;
import com.amazonaws.services.elasticbeanstalk.model.ApplicationVersionDescription;
import com.amazonaws.services.elasticbeanstalk.model.DeleteApplicationVersionRequest;
import com.amazonaws.services.elasticbeanstalk.model.DescribeApplicationVersionsRequest;
import com.amazonaws.services.elasticbeanstalk.model.DescribeApplicationVersionsResult;
import com.amazonaws.services.elasticbeanstalk.model.DescribeEnvironmentsRequest;
import com.amazonaws.services.elasticbeanstalk.model.DescribeEventsRequest;
import com.amazonaws.services.elasticbeanstalk.model.EnvironmentDescription;
import com.amazonaws.services.elasticbeanstalk.model.EventDescription;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;

/**
 * The steps of a release that beanstalk-maven-plugin gets wrong, run by exec:java in the release profile around
 * the plugin's create-application-version and update-environment (README, "Releases"):
 * <ul>
 * <li>{@code ready}: waits until the environment is Ready, for as long as a Terraform or managed update runs (the
 * plugin gives up after 2 minutes), and remembers its newest event, so that only later events count;</li>
 * <li>{@code upload}: uploads the bundle unless the version exists. An existing version must be this very image
 * (its description), and then nothing is uploaded: re-running a failed release completes;</li>
 * <li>{@code released}: waits until the environment runs this version, Ready and Green, and fails at once on an
 * ERROR event, on Ready and Red, or on Ready with another version (the plugin waits out its timeout);</li>
 * <li>{@code prune}: forgets all but the newest {@code keep} releases (labels that are git SHAs), never the one
 * running and never Terraform's own {@code terraform-*} version, which a Beanstalk lifecycle rule by count would
 * delete, and the next plan create again. Beanstalk holds 1,000 versions a region; bundles stay in S3.</li>
 * </ul>
 * The environment is named by its ID: after it was re-created, DescribeEnvironments still lists the terminated one
 * of the same name. Arguments are {@code name=value} pairs; credentials and the session come from the environment,
 * as for the plugin.
 */
public final class Release {

	private final Map<String, String> arguments;

	private final AWSElasticBeanstalk beanstalk;

	private final Path newestEventFile;

	private Release(Map<String, String> arguments) {
		this.arguments = arguments;
		this.beanstalk = AWSElasticBeanstalkClientBuilder.standard().withRegion(argument("region")).build();
		this.newestEventFile = Path.of(argument("workDirectory"), "release-newest-event");
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> arguments = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			arguments.put(arg.substring(0, equals), arg.substring(equals + 1));
		}
		Release release = new Release(arguments);
		switch (release.argument("step")) {
			case "ready" -> release.waitUntilReady();
			case "upload" -> release.uploadUnlessReleased();
			case "released" -> release.waitUntilReleased();
			case "prune" -> release.pruneOldReleases();
			default -> throw new IllegalArgumentException("step must be ready, upload, released or prune");
		}
	}

	void waitUntilReady() throws IOException, InterruptedException {
		Instant deadline = deadline();
		EnvironmentDescription environment = environment();
		while (!"Ready".equals(environment.getStatus())) {
			log("waiting for %s to be Ready: it is %s", environment.getEnvironmentName(), environment.getStatus());
			pause(deadline, "still " + environment.getStatus() + ": another update is running");
			environment = environment();
		}
		Instant newest = events(Instant.EPOCH).stream().map(Release::date).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
		Files.writeString(this.newestEventFile, newest.toString());
		log("%s is Ready (%s, version %s); events after %s count", environment.getEnvironmentName(), environment.getHealth(),
				environment.getVersionLabel(), newest);
	}

	void uploadUnlessReleased() {
		String label = argument("versionLabel");
		String image = argument("description");
		List<ApplicationVersionDescription> versions = this.beanstalk
			.describeApplicationVersions(
					new DescribeApplicationVersionsRequest().withApplicationName(argument("application")).withVersionLabels(label))
			.getApplicationVersions()
			.stream()
			.filter((version) -> label.equals(version.getVersionLabel()))
			.toList();
		if (!versions.isEmpty()) {
			if (!image.equals(versions.get(0).getDescription())) {
				throw new IllegalStateException("Version " + label + " already exists with " + versions.get(0).getDescription()
						+ ", not " + image + ": a label names one image, so nothing was uploaded");
			}
			log("version %s already exists with %s: nothing to upload", label, image);
			return;
		}
		File bundle = new File(argument("bundle"));
		AmazonS3ClientBuilder.standard().withRegion(argument("region")).build().putObject(argument("bucket"), argument("key"), bundle);
		log("uploaded %s to s3://%s/%s", bundle.getName(), argument("bucket"), argument("key"));
	}

	void waitUntilReleased() throws IOException, InterruptedException {
		String label = argument("versionLabel");
		Instant deadline = deadline();
		Instant seen = Instant.parse(Files.readString(this.newestEventFile).strip());
		while (true) {
			for (EventDescription event : events(seen)) {
				log("%s %s %s", date(event), event.getSeverity(), event.getMessage());
				if ("ERROR".equals(event.getSeverity())) {
					throw new IllegalStateException("The release of " + label + " failed: " + event.getMessage());
				}
				seen = date(event);
			}
			EnvironmentDescription environment = environment();
			if ("Ready".equals(environment.getStatus())) {
				if (!label.equals(environment.getVersionLabel())) {
					throw new IllegalStateException(environment.getEnvironmentName() + " is Ready on version "
							+ environment.getVersionLabel() + ", not " + label + ": the deployment was rolled back or replaced");
				}
				if ("Green".equals(environment.getHealth())) {
					log("%s runs %s, Ready and Green", environment.getEnvironmentName(), label);
					return;
				}
				if ("Red".equals(environment.getHealth())) {
					throw new IllegalStateException(environment.getEnvironmentName() + " runs " + label
							+ " but its health is Red: see describe-environment-health (README, \"When an alarm fires\")");
				}
			}
			log("%s is %s and %s", environment.getEnvironmentName(), environment.getStatus(), environment.getHealth());
			pause(deadline, environment.getStatus() + " and " + environment.getHealth() + ", not Ready and Green on " + label);
		}
	}

	void pruneOldReleases() {
		String application = argument("application");
		String running = environment().getVersionLabel();
		List<ApplicationVersionDescription> releases = new ArrayList<>();
		String page = null;
		do {
			DescribeApplicationVersionsResult result = this.beanstalk.describeApplicationVersions(
					new DescribeApplicationVersionsRequest().withApplicationName(application).withNextToken(page));
			result.getApplicationVersions()
				.stream()
				.filter((version) -> version.getVersionLabel().matches("[0-9a-f]{40}"))
				.forEach(releases::add);
			page = result.getNextToken();
		}
		while (page != null);
		releases.sort(Comparator.comparing(ApplicationVersionDescription::getDateCreated).reversed());
		int keep = Integer.parseInt(argument("keep"));
		for (ApplicationVersionDescription old : releases.subList(Math.min(keep, releases.size()), releases.size())) {
			if (!old.getVersionLabel().equals(running)) {
				this.beanstalk.deleteApplicationVersion(new DeleteApplicationVersionRequest().withApplicationName(application)
					.withVersionLabel(old.getVersionLabel())
					.withDeleteSourceBundle(false));
				log("forgot version %s of %s", old.getVersionLabel(), old.getDateCreated().toInstant());
			}
		}
	}

	private EnvironmentDescription environment() {
		String id = argument("environmentId");
		return this.beanstalk.describeEnvironments(new DescribeEnvironmentsRequest().withEnvironmentIds(id).withIncludeDeleted(false))
			.getEnvironments()
			.stream()
			.filter((environment) -> id.equals(environment.getEnvironmentId()))
			.filter((environment) -> !environment.getStatus().startsWith("Terminat"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No running environment " + id + " in " + argument("region")));
	}

	/** The environment's events after the given time, oldest first. */
	private List<EventDescription> events(Instant after) {
		return this.beanstalk
			.describeEvents(new DescribeEventsRequest().withEnvironmentId(argument("environmentId"))
				.withStartTime(Date.from(after.plusMillis(1))))
			.getEvents()
			.stream()
			.filter((event) -> date(event).isAfter(after))
			.sorted(Comparator.comparing(Release::date))
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

	private static Instant date(EventDescription event) {
		return event.getEventDate().toInstant();
	}

	private static void log(String format, Object... values) {
		System.out.println("[release] " + String.format(format, values));
	}

}
