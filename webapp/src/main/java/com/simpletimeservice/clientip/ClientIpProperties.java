package com.simpletimeservice.clientip;

import java.util.List;

import io.netty.handler.ipfilter.IpSubnetFilterRule;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service finds the visitor's address behind load balancers and reverse proxies.
 *
 * @param trustedProxies CIDR ranges (read by {@link CidrConverter}) of the proxies whose {@code X-Forwarded-For}
 * entries are believed; set {@code CLIENTIP_TRUSTEDPROXIES} (comma-separated) to override
 */
@ConfigurationProperties("client-ip")
public record ClientIpProperties(List<IpSubnetFilterRule> trustedProxies) {
}
