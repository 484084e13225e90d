package com.simpletimeservice.clientip;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

import org.springframework.core.convert.converter.Converter;

/**
 * Reads a CIDR range such as {@code 10.0.0.0/8} or {@code fd00::/8} into Netty's matcher, so that a bad value
 * in {@code client-ip.trusted-proxies} fails binding with Boot's report naming the property.
 */
public class CidrConverter implements Converter<String, IpSubnetFilterRule> {

	@Override
	public IpSubnetFilterRule convert(String cidr) {
		String trimmed = cidr.strip();
		int slash = trimmed.indexOf('/');
		// Checked here because Netty would resolve a host name through DNS instead of rejecting it.
		if (slash < 0 || !NetUtil.isValidIpV4Address(trimmed.substring(0, slash))
				&& !NetUtil.isValidIpV6Address(trimmed.substring(0, slash))) {
			throw new IllegalArgumentException(
					"Trusted proxy range '" + cidr + "' is not in CIDR form, such as 10.0.0.0/8 or fd00::/8");
		}
		try {
			return new IpSubnetFilterRule(trimmed, IpFilterRuleType.ACCEPT);
		}
		catch (IllegalArgumentException ex) { // includes NumberFormatException
			throw new IllegalArgumentException("Trusted proxy range '" + cidr + "' is invalid: " + ex.getMessage(), ex);
		}
	}

}
