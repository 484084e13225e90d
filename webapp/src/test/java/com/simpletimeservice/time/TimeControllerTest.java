package com.simpletimeservice.time;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	/**
	 * {@link TimeFastPath} answers plain requests; an Accept that needs negotiation reaches the controller.
	 * Both must give the same response, down to the header set and the body's shape.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "", "*/*", "application/json", "application/*", "text/html, application/json;q=0.9",
			"text/plain, */*;q=0.1" })
	void answersTheSameWhicheverPathServesIt(String accept) throws IOException {
		String request = "GET / HTTP/1.1\r\nHost: localhost\r\n" + (accept.isEmpty() ? "" : "Accept: " + accept + "\r\n")
				+ "Connection: close\r\n\r\n";
		String response = send(request);
		assertThat(response).matches("HTTP/1\\.1 200 OK\r\n"
				+ "Cache-Control: no-store\r\nContent-Type: application/json\r\nContent-Length: \\d+\r\nconnection: close\r\n\r\n"
				+ "\\{\"timestamp\":\"[0-9T:.-]+Z\",\"ip\":\"127\\.0\\.0\\.1\"}");
		assertThat(contentLength(response)).isEqualTo(response.length() - response.indexOf("\r\n\r\n") - 4);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "*/*", "application/*" })
	void answersHeadWithTheContentLengthOfGet(String accept) throws IOException {
		String headers = "Host: localhost\r\n" + (accept.isEmpty() ? "" : "Accept: " + accept + "\r\n") + "Connection: close\r\n\r\n";
		String get = send("GET / HTTP/1.1\r\n" + headers);
		String head = send("HEAD / HTTP/1.1\r\n" + headers);
		// The same headers, and no body; the length is the body's that HEAD leaves out (53 to 63 bytes: the
		// timestamp has 0, 3, 6 or 9 digits of fraction), so two requests may differ in it.
		String sameLength = "Content-Length: N";
		assertThat(head.replaceFirst("Content-Length: \\d+", sameLength)).isEqualTo(
				get.substring(0, get.indexOf("\r\n\r\n") + 4).replaceFirst("Content-Length: \\d+", sameLength));
		assertThat(contentLength(head)).isBetween(53, 63);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "application/xml", "text/plain, image/*", "application/problem+json" })
	void refusesAnAcceptWithoutJsonWith406(String accept) {
		this.client.get()
			.uri("/")
			.header("Accept", accept)
			.exchange()
			.expectStatus()
			.isEqualTo(406)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(406)
			.jsonPath("$.title")
			.isEqualTo("Not Acceptable");
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
			.value("Allow", (allow) -> assertThat(allow.split(",\\s*")).containsExactlyInAnyOrder("GET", "HEAD"))
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

	/** server.max-http-request-header-size (16 KB, as the ALB allows); the connection closes after 431. */
	@Test
	void rejectsHeadersOver16KbWith431AndCloses() throws IOException {
		assertThat(send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + padding(15 * 1024) + "\r\n"))
			.startsWith("HTTP/1.1 200 ");
		assertThat(send("GET / HTTP/1.1\r\nHost: localhost\r\n" + padding(16 * 1024) + "\r\n")).startsWith("HTTP/1.1 431 ");
	}

	/** Netty's 4 KB request line; the connection closes after 414 (send reads to the close). */
	@Test
	void rejectsARequestLineOver4KbWith414AndCloses() throws IOException {
		String fits = "GET /" + "a".repeat(4096 - "GET / HTTP/1.1".length() - 1) + " HTTP/1.1\r\n";
		assertThat(send(fits + "Host: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 404 ");
		assertThat(send("GET /" + "a".repeat(4096) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 414 ");
	}

	private static String padding(int bytes) {
		return "X-Padding: " + "a".repeat(bytes) + "\r\n";
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET / HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n",
			"GET / HTTP/1.1\r\nHost: localhost\r\nBad Name: value\r\n\r\n", "NOT-HTTP\r\n\r\n",
			"GET / HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: \u0001\u0002\r\n\r\n" })
	void rejectsMalformedRequestsWith400(String request) throws IOException {
		assertThat(send(request)).startsWith("HTTP/1.1 400 ");
	}

	private static int contentLength(String response) {
		Matcher header = Pattern.compile("\r\nContent-Length: (\\d+)\r\n").matcher(response);
		assertThat(header.find()).as("Content-Length in %s", response).isTrue();
		return Integer.parseInt(header.group(1));
	}

	/** Writes a raw request and returns the whole response, up to the close (the request or an error asks for it). */
	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
