package com.simpletimeservice.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * S3 and Elastic Beanstalk on 127.0.0.1: over TLS for beanstalk-maven-plugin, whose AWS SDK 1 speaks nothing else
 * and finds the fake through {@link #regionsFile}; over HTTP for Release, whose AWS SDK 2 takes the endpoint from
 * {@code aws.endpointUrl} (its HTTP client has no switch for a self-signed certificate). The environment
 * is Ready and Green on the old version until UpdateEnvironment, then in whatever state the test chose, at
 * once. Its events hold an ERROR of an earlier, failed release until UpdateEnvironment, then the test's.
 */
final class FakeAws implements AutoCloseable {

	static final String APPLICATION = "simpletimeservice";

	static final String ENVIRONMENT = "simpletimeservice-prod";

	static final String BUCKET = "simpletimeservice-bundles-123456789012-eu-west-1";

	static final String REGION = "eu-west-1";

	static final String ENVIRONMENT_ID = "e-abcdefghij";

	private boolean recreated;

	private final WireMockServer server = new WireMockServer(options().dynamicPort().dynamicHttpsPort());

	FakeAws() {
		this.server.start();
		this.server.stubFor(put(urlPathMatching("/" + BUCKET + "/.*")).willReturn(ok().withHeader("ETag", "\"fake\"")));
		this.server.stubFor(action("CreateApplicationVersion").willReturn(ok(response("CreateApplicationVersion",
				"<ApplicationVersion><ApplicationName>" + APPLICATION + "</ApplicationName></ApplicationVersion>"))));
		this.server.stubFor(action("DescribeApplicationVersions")
			.willReturn(ok(response("DescribeApplicationVersions", "<ApplicationVersions/>"))));
		this.server.stubFor(action("DeleteApplicationVersion").willReturn(ok(response("DeleteApplicationVersion", ""))));
		this.server.stubFor(action("DescribeEvents").willReturn(ok(response("DescribeEvents",
				"<Events>" + event("2025-12-31T23:59:00Z", "ERROR", "An earlier release failed.") + "</Events>"))));
		before("Ready", "Green");
		this.server.stubFor(action("UpdateEnvironment").inScenario("deploy")
			.willSetStateTo("updating")
			.willReturn(ok(response("UpdateEnvironment", environment("Updating", "Grey", "previous")))));
		afterUpdate("Ready", "Green");
		events("INFO", "Environment update completed successfully.");
	}

	/** What DescribeEnvironments says once UpdateEnvironment was called. */
	FakeAws afterUpdate(String status, String health) {
		return afterUpdate(status, health, ReleaseIT.SHA);
	}

	/** The same, with the version the environment then runs (ReleaseIT.SHA is the release's). */
	FakeAws afterUpdate(String status, String health, String version) {
		this.server.stubFor(action("DescribeEnvironments").inScenario("deploy")
			.whenScenarioStateIs("updating")
			.willReturn(ok(environments(status, health, version))));
		return this;
	}

	/** A Terraform or managed update is running when the release starts; the next look finds it Ready. */
	FakeAws updateRunningAtFirst() {
		this.server.stubFor(action("DescribeEnvironments").inScenario("deploy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("idle")
			.willReturn(ok(environments("Updating", "Grey", "previous"))));
		this.server.stubFor(action("DescribeEnvironments").inScenario("deploy")
			.whenScenarioStateIs("idle")
			.willReturn(ok(environments("Ready", "Green", "previous"))));
		return this;
	}

	/** The environment was terminated and created again under its name: both are listed, with their own IDs. */
	FakeAws recreated() {
		this.recreated = true;
		before("Ready", "Green");
		return afterUpdate("Ready", "Green");
	}

	/** What DescribeEvents says after UpdateEnvironment: severity and message pairs. */
	FakeAws events(String... severityAndMessage) {
		StringBuilder members = new StringBuilder();
		for (int i = 0; i < severityAndMessage.length; i += 2) {
			members.append(event("2026-01-01T00:00:0" + i / 2 + "Z", severityAndMessage[i], severityAndMessage[i + 1]));
		}
		this.server.stubFor(action("DescribeEvents").inScenario("deploy")
			.whenScenarioStateIs("updating")
			.willReturn(ok(response("DescribeEvents", "<Events>" + members + "</Events>"))));
		return this;
	}

	/** The label names an existing version, described (as the release describes it) by its image. */
	FakeAws labelAlreadyExists(String label, String description) {
		this.server.stubFor(action("DescribeApplicationVersions").willReturn(ok(response("DescribeApplicationVersions",
				"<ApplicationVersions><member><ApplicationName>" + APPLICATION + "</ApplicationName><VersionLabel>" + label
						+ "</VersionLabel><Description>" + description + "</Description><Status>PROCESSED</Status>"
						+ "</member></ApplicationVersions>"))));
		this.server.stubFor(action("CreateApplicationVersion").willReturn(aResponse().withStatus(400)
			.withBody("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>Application Version "
					+ label + " already exists.</Message></Error><RequestId>fake</RequestId></ErrorResponse>")));
		return this;
	}

	/** The application's versions, newest first, one a day back from 2026-01-01. */
	FakeAws versions(List<String> labels) {
		StringBuilder members = new StringBuilder();
		for (int i = 0; i < labels.size(); i++) {
			members.append("<member><ApplicationName>").append(APPLICATION).append("</ApplicationName><VersionLabel>")
				.append(labels.get(i)).append("</VersionLabel><DateCreated>")
				.append(LocalDate.of(2026, 1, 1).minusDays(i)).append("T00:00:00Z</DateCreated></member>");
		}
		this.server.stubFor(action("DescribeApplicationVersions").withRequestBody(notContaining("VersionLabels"))
			.willReturn(ok(response("DescribeApplicationVersions", "<ApplicationVersions>" + members + "</ApplicationVersions>"))));
		return this;
	}

	private void before(String status, String health) {
		this.server.stubFor(action("DescribeEnvironments").inScenario("deploy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(ok(environments(status, health, "previous"))));
	}

	/** The SDK's legacy region file, sending every service of {@link #REGION} here. */
	Path regionsFile(Path directory) throws IOException {
		String endpoints = List.of("s3", "elasticbeanstalk", "sts", "ec2")
			.stream()
			.map((service) -> "<Endpoint><ServiceName>" + service + "</ServiceName><Http>false</Http><Https>true</Https>"
					+ "<Hostname>127.0.0.1:" + this.server.httpsPort() + "</Hostname></Endpoint>")
			.collect(Collectors.joining());
		return Files.writeString(directory.resolve("regions.xml"), "<XmlResponse><Regions><Region><Name>" + REGION
				+ "</Name><Domain>amazonaws.com</Domain>" + endpoints + "</Region></Regions></XmlResponse>");
	}

	/** Where AWS SDK 2 finds every service ({@code -Daws.endpointUrl=...}). */
	String endpointUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** Every request, oldest first, as "PUT /path" or the Beanstalk action name. */
	List<String> calls() {
		List<String> calls = new ArrayList<>();
		this.server.getAllServeEvents().forEach((event) -> calls.add(0, describe(event.getRequest())));
		return calls;
	}

	List<LoggedRequest> allRequests() {
		return this.server.getAllServeEvents().stream().map((event) -> event.getRequest()).toList();
	}

	List<LoggedRequest> requests(String action) {
		return this.server.findAll(postRequestedFor(urlPathMatching("/"))
			.withRequestBody(containing("Action=" + action + "&")));
	}

	/**
	 * The object the first PUT stored, as S3 stores it: AWS SDK 2 sends it aws-chunked (each chunk its size in hex,
	 * a signature, the bytes; then trailing checksums), which S3 decodes.
	 */
	byte[] uploadedObject() {
		LoggedRequest put = this.server.findAll(putRequestedFor(urlPathMatching("/.*"))).get(0);
		byte[] body = put.getBody();
		if (!put.containsHeader("Content-Encoding") || !put.getHeader("Content-Encoding").contains("aws-chunked")) {
			return body;
		}
		ByteArrayOutputStream object = new ByteArrayOutputStream();
		int at = 0;
		while (true) {
			int lineEnd = indexOfCrLf(body, at);
			String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
			int size = Integer.parseInt(header.split(";", 2)[0], 16);
			if (size == 0) {
				return object.toByteArray();
			}
			object.write(body, lineEnd + 2, size);
			at = lineEnd + 2 + size + 2;
		}
	}

	private static int indexOfCrLf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		throw new IllegalStateException("Malformed aws-chunked body");
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private static String describe(LoggedRequest request) {
		String body = request.getBodyAsString();
		if (request.getMethod().getName().equals("POST") && body.startsWith("Action=")) {
			return body.substring("Action=".length(), body.indexOf('&'));
		}
		return request.getMethod().getName() + " " + request.getUrl().replaceFirst("\\?.*", "");
	}

	private static MappingBuilder action(String action) {
		return post(urlPathMatching("/")).withRequestBody(containing("Action=" + action + "&"));
	}

	private String environments(String status, String health, String version) {
		String terminated = this.recreated
				? "<member>" + environment("e-terminated", "Terminated", "Grey", "previous") + "</member>" : "";
		return response("DescribeEnvironments", "<Environments>" + terminated + "<member>"
				+ environment(ENVIRONMENT_ID, status, health, version) + "</member></Environments>");
	}

	private static String environment(String status, String health, String version) {
		return environment(ENVIRONMENT_ID, status, health, version);
	}

	private static String environment(String id, String status, String health, String version) {
		return "<EnvironmentName>" + ENVIRONMENT + "</EnvironmentName><EnvironmentId>" + id + "</EnvironmentId>"
				+ "<ApplicationName>" + APPLICATION + "</ApplicationName><VersionLabel>" + version + "</VersionLabel>"
				+ "<Status>" + status + "</Status><Health>" + health + "</Health>"
				+ "<CNAME>" + ENVIRONMENT + ".eu-west-1.elasticbeanstalk.com</CNAME>"
				+ "<Tier><Name>WebServer</Name><Type>Standard</Type><Version>1.0</Version></Tier>";
	}

	private static String event(String date, String severity, String message) {
		return "<member><EventDate>" + date + "</EventDate><Severity>" + severity + "</Severity><Message>" + message
				+ "</Message><ApplicationName>" + APPLICATION + "</ApplicationName><EnvironmentName>" + ENVIRONMENT
				+ "</EnvironmentName></member>";
	}

	private static String response(String action, String result) {
		return "<" + action + "Response xmlns=\"http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/\"><" + action
				+ "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>fake</RequestId>"
				+ "</ResponseMetadata></" + action + "Response>";
	}

}
