package com.simpletimeservice;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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

/**
 * SIGTERM runs the shutdown hook, which closes the context: the server stops taking connections at once, and
 * a request already running still finishes. The request outlasts the 3 s Reactor Netty gives in-flight
 * requests when shutdown is immediate, so only graceful shutdown lets it finish.
 */
class GracefulShutdownTest {

	static final Duration REQUEST_TIME = Duration.ofSeconds(4);

	static final CountDownLatch requestStarted = new CountDownLatch(1);

	@Test
	void refusesNewConnectionsAndFinishesInFlightRequestsOnShutdown() throws Exception {
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
		long start = System.nanoTime();

		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

		assertThat(refusesConnections(port, Duration.ofSeconds(2))).as("new connections refused while draining").isTrue();
		assertThat(closing).isNotDone();
		assertThat(response.block(Duration.ofSeconds(10))).isEqualTo("finished");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REQUEST_TIME.plusSeconds(2));
		closing.get(10, TimeUnit.SECONDS);
	}

	/** Tries to connect until the port refuses, for at most the given time. */
	private static boolean refusesConnections(int port, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				Thread.sleep(50);
			}
			catch (ConnectException ex) {
				return true;
			}
			catch (IOException ex) {
				// another failure: try again
			}
		}
		return false;
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowEndpoint {

		@Bean
		RouterFunction<ServerResponse> slowRoute() {
			return RouterFunctions.route()
				.GET("/slow", (request) -> {
					requestStarted.countDown();
					return ServerResponse.ok().body(Mono.delay(REQUEST_TIME).thenReturn("finished"), String.class);
				})
				.build();
		}

	}

}
