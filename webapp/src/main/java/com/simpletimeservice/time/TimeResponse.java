package com.simpletimeservice.time;

import java.net.InetSocketAddress;
import java.time.Instant;

import io.netty.util.NetUtil;

/**
 * The body of {@code GET /}. Jackson writes record components in declaration order, so the JSON is
 * always {@code {"timestamp":"...","ip":"..."}}.
 *
 * @param timestamp when the request was answered, ISO-8601 in UTC
 * @param ip the visitor's address as a plain literal (no port, no brackets)
 */
public record TimeResponse(Instant timestamp, String ip) {

	/**
	 * The answer for a request from this remote address, which is already the visitor's:
	 * {@code ClientIpConfiguration} resolves it from the trusted proxy chain before the request reaches Spring.
	 */
	static TimeResponse now(InetSocketAddress visitor) {
		return new TimeResponse(Instant.now(), NetUtil.toAddressString(visitor.getAddress()));
	}

}
