package com.simpletimeservice.time;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of the service, over a real socket. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TimeControllerTest {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Test
	void answersTimestampAndIpAsJsonInThatOrder() {
		Instant before = Instant.now();
		String body = this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.cacheControl(CacheControl.noStore())
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Instant after = Instant.now();

		assertThat(body).matches("\\{\"timestamp\":\"[^\"]+Z\",\"ip\":\"127\\.0\\.0\\.1\"}");
		Instant timestamp = Instant.parse(body.substring(14, body.indexOf('"', 14)));
		assertThat(timestamp).isBetween(before, after);
	}

	@Test
	void answersHeadWithHeadersAndNoBody() {
		this.client.head()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH" })
	void rejectsOtherMethodsWith405AndAllow(String method) {
		this.client.method(HttpMethod.valueOf(method))
			.uri("/")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals("Allow", "GET")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(405)
			.jsonPath("$.title")
			.isEqualTo("Method Not Allowed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/nope", "/actuator/env", "/actuator/info", "/actuator/metrics", "/index.html" })
	void answersUnknownPathsWithProblemDetails(String path) {
		this.client.get()
			.uri(path)
			.accept(MediaType.TEXT_HTML) // a browser must not get an HTML error page either
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.trace")
			.doesNotExist();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void exposesHealthProbes(String path) {
		this.client.get().uri(path).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void rejectsOversizedHeadersWith431() throws IOException {
		String header = "X-Padding: " + "a".repeat(20 * 1024) + "\r\n";
		assertThat(send("GET / HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\n"))
			.startsWith("HTTP/1.1 431 ");
	}

	@Test
	void rejectsOversizedRequestLineWith414() throws IOException {
		assertThat(send("GET /" + "a".repeat(8 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"))
			.startsWith("HTTP/1.1 414 ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET / HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n",
			"GET / HTTP/1.1\r\nHost: localhost\r\nBad Name: value\r\n\r\n", "NOT-HTTP\r\n\r\n",
			"GET / HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: \u0001\u0002\r\n\r\n" })
	void rejectsMalformedRequestsWith400(String request) throws IOException {
		assertThat(send(request)).startsWith("HTTP/1.1 400 ");
	}

	/** Writes a raw request and returns the whole response; the server closes the connection on errors. */
	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[1024];
			int read = in.read(buffer);
			return (read < 0) ? "" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
		}
	}

}
