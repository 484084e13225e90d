package com.simpletimeservice.clientip;

import java.util.List;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes every request's remote address the visitor's, for the endpoint and for anything else that reads
 * it. {@code server.forward-headers-strategy} is {@code none}: both of Boot's strategies trust the
 * leftmost {@code X-Forwarded-For} entry, which the client controls.
 */
@Configuration(proxyBeanMethods = false)
class ClientIpConfiguration {

	@Bean
	@ConfigurationPropertiesBinding
	static CidrConverter cidrConverter() {
		return new CidrConverter();
	}

	@Bean
	ClientIpResolver clientIpResolver(ClientIpProperties properties) {
		return new ClientIpResolver(properties.trustedProxies());
	}

	/** Boot applies customizers after its own {@code forwarded(false)}, so this handler is the one used. */
	@Bean
	NettyServerCustomizer clientIpFromTrustedProxies(ClientIpResolver resolver) {
		return (server) -> server.forwarded((connection, request) -> connection
			.withRemoteAddress(resolver.resolve(connection.getRemoteAddress(), forwardedFor(request.headers()))));
	}

	/** A repeated header is one list, in order (RFC 9110, section 5.3). */
	private static @Nullable String forwardedFor(HttpHeaders headers) {
		List<String> fields = headers.getAll("X-Forwarded-For");
		return switch (fields.size()) {
			case 0 -> null;
			case 1 -> fields.get(0);
			default -> String.join(",", fields);
		};
	}

}
