package com.simpletimeservice.clientip;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.simpletimeservice.SimpleTimeServiceApplication;
import com.simpletimeservice.time.TimeResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The visitor's IP as {@code GET /} reports it, over real sockets from 127.0.0.1. With the default trusted
 * ranges the test client plays the instance's nginx (loopback); 10.x entries play the ALB.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientIpTest {

	static String ipOf(WebTestClient client, List<String> forwardedFor) {
		return client.get()
			.uri("/")
			.headers((headers) -> forwardedFor.forEach((value) -> headers.add("X-Forwarded-For", value)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(TimeResponse.class)
			.returnResult()
			.getResponseBody()
			.ip();
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureWebTestClient
	class BehindTrustedProxies {

		@Autowired
		WebTestClient client;

		@Test
		void isTheSocketPeerWithoutHeader() {
			assertThat(ipOf(this.client, List.of())).isEqualTo("127.0.0.1");
		}

		@ParameterizedTest(name = "X-Forwarded-For: {0} -> {1}")
		@CsvSource(delimiter = '|', textBlock = """
				203.0.113.9                               | 203.0.113.9
				203.0.113.9, 10.0.0.5                     | 203.0.113.9
				6.6.6.6, 203.0.113.9, 10.0.0.5            | 203.0.113.9
				10.1.1.1, 6.6.6.6, 203.0.113.9, 10.0.0.5  | 203.0.113.9
				2001:db8:0:0:0:0:0:1                      | 2001:db8::1
				2001:DB8::1, fd00::7                      | 2001:db8::1
				203.0.113.9:51234                         | 203.0.113.9
				[2001:db8::1]:443                         | 2001:db8::1
				[2001:db8::1]:443,10.0.0.5:80             | 2001:db8::1
				'203.0.113.9 ,   10.0.0.5'                | 203.0.113.9
				unknown                                   | 127.0.0.1
				203.0.113.9, garbage, 10.0.0.5            | 10.0.0.5
				203.0.113.9, example.com, 10.0.0.5        | 10.0.0.5
				203.0.113.9,, 10.0.0.5                    | 10.0.0.5
				'10.0.0.5, '                              | 127.0.0.1
				10.0.0.7, 10.0.0.6, 10.0.0.5              | 10.0.0.7
				""")
		void isTheFirstUntrustedAddressFromTheRight(String forwardedFor, String expected) {
			assertThat(ipOf(this.client, List.of(forwardedFor))).isEqualTo(expected);
		}

		@Test
		void readsRepeatedHeadersAsOneListInOrder() {
			assertThat(ipOf(this.client, List.of("6.6.6.6, 198.51.100.1", "203.0.113.9", "10.0.0.5")))
				.isEqualTo("203.0.113.9");
		}

		@Test
		void answersAHeaderOfThousandsOfEntries() {
			// 1,500 forged entries fill most of the 16 KB header limit; the answer is still the real client.
			String forged = "10.0.0.1, ".repeat(1500);
			assertThat(ipOf(this.client, List.of(forged + "203.0.113.9, 10.0.0.5")))
				.isEqualTo("203.0.113.9");
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "client-ip.trusted-proxies=10.0.0.0/8")
	@AutoConfigureWebTestClient
	class FromAnUntrustedPeer {

		@Autowired
		WebTestClient client;

		@Test
		void ignoresXForwardedFor() {
			assertThat(ipOf(this.client, List.of("203.0.113.9, 10.0.0.5")))
				.isEqualTo("127.0.0.1");
		}

	}

	@Test
	void aBadRangeStopsStartupNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> SpringApplication.run(SimpleTimeServiceApplication.class,
				"--server.port=0", "--client-ip.trusted-proxies=10.0.0.0/8,example.com/8"));
		assertThat(output).contains("APPLICATION FAILED TO START", "client-ip.trusted-proxies",
				"Trusted proxy range 'example.com/8' is not in CIDR form");
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "client-ip.trusted-proxies=127.0.0.0/8, 198.51.100.0/24")
	@AutoConfigureWebTestClient
	class WithConfiguredRanges {

		@Autowired
		WebTestClient client;

		@Test
		void trustsOnlyThoseRanges() {
			// 198.51.100.0/24 is trusted here, 10.0.0.0/8 is not: 10.0.0.5 is the visitor.
			assertThat(ipOf(this.client, List.of("203.0.113.9, 10.0.0.5, 198.51.100.20")))
				.isEqualTo("10.0.0.5");
		}

	}

}
