package com.simpletimeservice.http;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits for clients that reach the service without a proxy in front.
 *
 * @param headerTimeout how long a request may take from its first byte to the end of its header block
 * before it gets 408 and the connection closes; set {@code HTTP_HEADERTIMEOUT} (e.g. {@code 5s}) to override
 */
@ConfigurationProperties("http")
public record HttpRequestGuardProperties(@DefaultValue("10s") Duration headerTimeout) {

	public HttpRequestGuardProperties {
		if (headerTimeout.isNegative() || headerTimeout.isZero()) {
			throw new IllegalArgumentException("http.header-timeout must be positive, was " + headerTimeout);
		}
	}

}
