package com.simpletimeservice.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.simpletimeservice.SimpleTimeServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** What a client that talks to the port directly gets, over raw sockets. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "http.header-timeout=1s", "logging.level.com.simpletimeservice.http=debug" })
@ExtendWith(OutputCaptureExtension.class)
class HttpRequestGuardTest {

	static final String GET = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

	@LocalServerPort
	int port;

	@Test
	void answers408AndClosesWhenHeadersStall(CapturedOutput output) throws IOException {
		try (Socket socket = connect()) {
			write(socket, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
			long start = System.nanoTime();

			String response = readUntilClosed(socket);

			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			assertThat(response).startsWith("HTTP/1.1 408 ").contains("connection: close");
			assertThat(waited).isBetween(Duration.ofMillis(800), Duration.ofSeconds(4));
		}
		assertThat(output).contains("Rejected a request from 127.0.0.1: request headers incomplete after PT1S");
	}

	/** The timeout runs from the request's first byte: bytes that keep trickling in do not re-arm it. */
	@Test
	void answers408AtTheTimeoutWhileHeadersTrickleIn() throws Exception {
		try (Socket socket = connect()) {
			write(socket, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
			long start = System.nanoTime();
			Thread trickle = new Thread(() -> {
				try {
					for (int i = 0; i < 20; i++) { // one byte every 300 ms, for six times the timeout
						Thread.sleep(300);
						write(socket, "a");
					}
				}
				catch (IOException | InterruptedException ex) {
					// the server closed the connection: what the test waits for
				}
			});
			trickle.start();

			String response = readUntilClosed(socket);

			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			trickle.interrupt();
			assertThat(response).startsWith("HTTP/1.1 408 ");
			assertThat(waited).isBetween(Duration.ofMillis(800), Duration.ofMillis(1900));
		}
	}

	@Test
	void keepsHeadersThatTrickleInWithinTheTimeout() throws Exception {
		try (Socket socket = connect()) {
			for (String part : new String[] { "GET / HT", "TP/1.1\r\nHo", "st: localhost\r\n", "\r\n" }) {
				write(socket, part);
				Thread.sleep(200);
			}
			assertThat(readResponse(socket)).startsWith("HTTP/1.1 200 ");
		}
	}

	/** nginx keeps idle upstream connections open: only the idle timeout may close them, not this one. */
	@Test
	void leavesIdleKeepAliveConnectionsOpen() throws Exception {
		try (Socket socket = connect()) {
			write(socket, GET);
			assertThat(readResponse(socket)).startsWith("HTTP/1.1 200 ");

			Thread.sleep(2000);

			write(socket, GET);
			assertThat(readResponse(socket)).startsWith("HTTP/1.1 200 ");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTP/9.9", "HTTP/2.0", "HTTP/1.2", "HTTP/0.9" })
	void answersOtherProtocolVersionsWith505(String version, CapturedOutput output) throws IOException {
		try (Socket socket = connect()) {
			write(socket, "GET / " + version + "\r\nHost: localhost\r\n\r\n");
			assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 505 ");
		}
		assertThat(output).contains("Rejected a request from 127.0.0.1: unsupported HTTP version");
	}

	@Test
	void answersHttp10() throws IOException {
		try (Socket socket = connect()) {
			write(socket, "GET / HTTP/1.0\r\n\r\n");
			assertThat(readUntilClosed(socket)).startsWith("HTTP/1.0 200 ").contains("\"ip\":\"127.0.0.1\"");
		}
	}

	@Test
	void logsAMalformedRequestAsOneLineWithoutTheClientsText(CapturedOutput output) throws IOException {
		try (Socket socket = connect()) {
			write(socket, "GET / HTTP/1.1\r\nHost: localhost\r\nEvil<script> Name: x\r\n\r\n");
			assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 400 ");
		}
		assertThat(output).contains("Rejected a request from 127.0.0.1: malformed request (")
			.doesNotContain("Evil<script>")
			.doesNotContain("Decoding failed");
	}

	@Test
	void refusesANonPositiveTimeoutAtStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> SpringApplication.run(SimpleTimeServiceApplication.class,
				"--server.port=0", "--http.header-timeout=0s"));
		assertThat(output).contains("APPLICATION FAILED TO START", "http.header-timeout must be positive");
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static void write(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	/** Reads one response with a Content-Length body, leaving the connection open. */
	private static String readResponse(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				return head.toString();
			}
			head.append((char) b);
		}
		String lower = head.toString().toLowerCase();
		int at = lower.indexOf("content-length: ");
		int length = (at < 0) ? 0 : Integer.parseInt(lower.substring(at + 16, lower.indexOf('\r', at)).strip());
		return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
	}

	private static String readUntilClosed(Socket socket) throws IOException {
		return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
	}

}
