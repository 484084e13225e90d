package com.simpletimeservice.time;

import java.time.Instant;

import io.netty.util.NetUtil;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimeController {

	/**
	 * The remote address is already the visitor's: {@code ClientIpConfiguration} resolves it from the
	 * trusted proxy chain before the request reaches Spring.
	 */
	@GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TimeResponse> now(ServerHttpRequest request) {
		String ip = NetUtil.toAddressString(request.getRemoteAddress().getAddress());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new TimeResponse(Instant.now(), ip));
	}

}
