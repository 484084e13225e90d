package com.simpletimeservice;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM runs the shutdown hook, which closes the context: a request already running must still finish. */
class GracefulShutdownTest {

	static final CountDownLatch requestStarted = new CountDownLatch(1);

	@Test
	void finishesInFlightRequestsOnShutdown() throws InterruptedException {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SimpleTimeServiceApplication.class,
				SlowEndpoint.class)
			.run("--server.port=0");
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		Mono<String> response = WebClient.create("http://127.0.0.1:" + port)
			.get()
			.uri("/slow")
			.retrieve()
			.bodyToMono(String.class)
			.cache();
		response.subscribe();
		assertThat(requestStarted.await(10, TimeUnit.SECONDS)).isTrue();

		context.close();

		assertThat(response.block(Duration.ofSeconds(10))).isEqualTo("finished");
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowEndpoint {

		@Bean
		RouterFunction<ServerResponse> slowRoute() {
			return RouterFunctions.route()
				.GET("/slow", (request) -> {
					requestStarted.countDown();
					return ServerResponse.ok().body(Mono.delay(Duration.ofSeconds(1)).thenReturn("finished"), String.class);
				})
				.build();
		}

	}

}
