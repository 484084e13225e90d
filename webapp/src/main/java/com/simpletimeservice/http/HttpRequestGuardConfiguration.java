package com.simpletimeservice.http;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link HttpRequestGuard} on every connection, next to Reactor Netty's HTTP codec. */
@Configuration(proxyBeanMethods = false)
class HttpRequestGuardConfiguration {

	@Bean
	NettyServerCustomizer httpRequestGuard(HttpRequestGuardProperties properties) {
		return (server) -> server.doOnChannelInit((observer, channel, remoteAddress) -> HttpRequestGuard
			.install(channel.pipeline(), properties.headerTimeout()));
	}

}
