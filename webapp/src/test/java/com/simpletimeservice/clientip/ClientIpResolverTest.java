package com.simpletimeservice.clientip;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.netty.util.NetUtil;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientIpResolverTest {

	static final CidrConverter cidr = new CidrConverter();

	static final ClientIpResolver resolver = new ClientIpResolver(
			List.of(cidr.convert("127.0.0.0/8"), cidr.convert("10.0.0.0/8"), cidr.convert("fd00::/8")));

	static final InetSocketAddress NGINX = new InetSocketAddress(NetUtil.LOCALHOST4, 40000);

	/**
	 * Thousands of generated chains: whatever a client writes on the left, and however many trusted hops
	 * append after it, the answer is the address the first trusted hop saw.
	 */
	@RepeatedTest(20)
	void forgedEntriesNeverChangeTheAnswer(RepetitionInfo repetition) {
		Random random = new Random(repetition.getCurrentRepetition()); // seeded: a failure replays exactly
		for (int i = 0; i < 500; i++) {
			List<String> chain = new ArrayList<>();
			int forged = random.nextInt(6);
			for (int j = 0; j < forged; j++) {
				chain.add(anyEntry(random));
			}
			String client = untrusted(random);
			chain.add(withOptionalPort(random, client));
			int hops = random.nextInt(4);
			for (int j = 0; j < hops; j++) {
				chain.add(withOptionalPort(random, trusted(random)));
			}
			String header = String.join(random.nextBoolean() ? "," : ", ", chain);

			InetSocketAddress resolved = resolver.resolve(NGINX, header);

			assertThat(NetUtil.toAddressString(resolved.getAddress())).as(header)
				.isEqualTo(NetUtil.toAddressString(NetUtil.createInetAddressFromIpAddressString(client)));
		}
	}

	@Test
	void ignoresTheHeaderFromAnUntrustedPeer() {
		InetSocketAddress peer = new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString("198.51.100.1"), 1);
		assertThat(resolver.resolve(peer, "203.0.113.9, 10.0.0.5")).isSameAs(peer);
	}

	@Test
	void returnsThePeerWithoutHeader() {
		assertThat(resolver.resolve(NGINX, null)).isSameAs(NGINX);
	}

	@Test
	void stopsAtTheLastValidAddressWhenTheChainIsAllTrusted() {
		String header = "10.0.0.1, ".repeat(100_000) + "10.0.0.2";
		assertThat(resolver.resolve(NGINX, header).getHostString()).isEqualTo("10.0.0.1");
	}

	@Test
	void keepsThePortOfAnEntry() {
		assertThat(resolver.resolve(NGINX, "[2001:db8::1]:443").getPort()).isEqualTo(443);
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0", "10.0.0.0/33", "10.0.0.0/x", "localhost/8", "example.com/24", "fd00::/129",
			"" })
	void rejectsInvalidRangesWithTheirValue(String range) {
		assertThatIllegalArgumentException().isThrownBy(() -> cidr.convert(range))
			.withMessageContaining("'" + range + "'");
	}

	@Test
	void readsRangesWithSpaces() {
		assertThat(cidr.convert(" 192.168.0.0/16 ").matches(new InetSocketAddress(
				NetUtil.createInetAddressFromIpAddressString("192.168.7.7"), 1))).isTrue();
	}

	static String anyEntry(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> trusted(random);
			case 1 -> untrusted(random);
			case 2 -> "unknown";
			case 3 -> "[" + untrusted(random) + "]:x";
			default -> "";
		};
	}

	static String trusted(Random random) {
		return random.nextBoolean() ? "10." + random.nextInt(256) + "." + random.nextInt(256) + ".1"
				: "fd00::" + Integer.toHexString(random.nextInt(0xffff));
	}

	static String untrusted(Random random) {
		return random.nextBoolean() ? "203.0." + random.nextInt(256) + "." + random.nextInt(256)
				: "2001:db8:" + Integer.toHexString(random.nextInt(0xffff)) + "::" + Integer.toHexString(random.nextInt(0xffff));
	}

	static String withOptionalPort(Random random, String ip) {
		if (random.nextBoolean()) {
			return ip;
		}
		return ip.contains(":") ? "[" + ip + "]:" + random.nextInt(65536) : ip + ":" + random.nextInt(65536);
	}

}
