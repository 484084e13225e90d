package com.simpletimeservice.clientip;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.handler.ipfilter.IpSubnetFilterRule;
import reactor.netty.transport.AddressUtils;

import org.jspecify.annotations.Nullable;

/**
 * Finds the visitor's address the way Tomcat's {@code RemoteIpValve} does: start at the socket peer and,
 * while the current address is a trusted proxy, step one {@code X-Forwarded-For} entry to the left. The
 * first untrusted address is the visitor. Entries left of it were written by the client and are ignored,
 * so a forged header cannot change the answer.
 */
public final class ClientIpResolver {

	private final List<IpSubnetFilterRule> trustedProxies;

	/**
	 * @param trustedProxies the ranges of the proxies allowed to vouch for the next address
	 */
	public ClientIpResolver(List<IpSubnetFilterRule> trustedProxies) {
		this.trustedProxies = List.copyOf(trustedProxies);
	}

	/**
	 * @param peer the address at the other end of the TCP connection
	 * @param forwardedFor every {@code X-Forwarded-For} field of the request joined by commas, or null
	 * @return the visitor's address: the peer itself when it is not a trusted proxy
	 */
	public InetSocketAddress resolve(InetSocketAddress peer, @Nullable String forwardedFor) {
		InetSocketAddress current = peer;
		// Scan right to left with indexes: one pass, no split, linear in the header length.
		int end = (forwardedFor != null) ? forwardedFor.length() : -1;
		while (end >= 0 && isTrustedProxy(current)) {
			int comma = forwardedFor.lastIndexOf(',', end - 1);
			InetSocketAddress next = parseEntry(forwardedFor.substring(comma + 1, end));
			if (next == null) {
				break; // not an IP literal: keep the last address a trusted proxy vouched for
			}
			current = next;
			end = comma;
		}
		return current;
	}

	private boolean isTrustedProxy(InetSocketAddress address) {
		for (IpSubnetFilterRule range : this.trustedProxies) {
			if (range.matches(address)) {
				return true;
			}
		}
		return false;
	}

	/** Parses {@code 1.2.3.4}, {@code 1.2.3.4:80}, {@code 2001:db8::1} or {@code [2001:db8::1]:80}, never via DNS. */
	private static @Nullable InetSocketAddress parseEntry(String entry) {
		String trimmed = entry.strip();
		if (trimmed.isEmpty()) {
			return null;
		}
		try {
			InetSocketAddress address = AddressUtils.parseAddress(trimmed, 0, false);
			return address.isUnresolved() ? null : address; // unresolved means "not an IP literal"
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
