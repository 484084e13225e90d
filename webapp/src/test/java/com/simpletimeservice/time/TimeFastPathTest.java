package com.simpletimeservice.time;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests the fast path answers itself and which it leaves to Spring, one row each. */
class TimeFastPathTest {

	@ParameterizedTest(name = "{0} {1} Accept: {2} -> {3}")
	@CsvSource(nullValues = "none", textBlock = """
			GET,     /,         none,                       fast path
			HEAD,    /,         none,                       fast path
			GET,     /?x=1,     none,                       fast path
			GET,     /,         */*,                        fast path
			GET,     /,         application/json,           fast path
			GET,     /,         application/*,              Spring
			GET,     /,         text/html,                  Spring
			GET,     /,         'text/html, */*;q=0.8',     Spring
			POST,    /,         none,                       Spring
			OPTIONS, /,         none,                       Spring
			GET,     /time,     none,                       Spring
			GET,     /index,    none,                       Spring
			GET,     /actuator/health/readiness, none,      Spring
			""")
	void answersOnlyPlainRequestsForTheTime(String method, String uri, String accept, String expected) {
		AtomicBoolean springCalled = new AtomicBoolean();
		HttpHandler spring = (request, response) -> {
			springCalled.set(true);
			return Mono.empty();
		};
		HttpHandler handler = new TimeFastPath(JsonMapper.builder().findAndAddModules().build()).apply(spring);
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.method(HttpMethod.valueOf(method), uri)
			.remoteAddress(new InetSocketAddress("203.0.113.10", 4711));
		if (accept != null) {
			request.header("Accept", accept);
		}
		MockServerHttpResponse response = new MockServerHttpResponse();

		handler.handle(request.build(), response).block();

		assertThat(springCalled.get() ? "Spring" : "fast path").isEqualTo(expected);
		if (!springCalled.get()) {
			assertThat(response.getHeaders().getFirst("Content-Type")).isEqualTo("application/json");
			String body = response.getBodyAsString().defaultIfEmpty("").block();
			if (method.equals("HEAD")) {
				assertThat(body).isEmpty();
			}
			else {
				assertThat(body).matches("\\{\"timestamp\":\"[^\"]+Z\",\"ip\":\"203\\.0\\.113\\.10\"}");
			}
		}
	}

}
