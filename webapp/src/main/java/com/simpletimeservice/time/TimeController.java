package com.simpletimeservice.time;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /} in Spring's terms ({@link TimeEndpoint}): other methods get 405 with {@code Allow}, an {@code Accept}
 * that excludes JSON gets 406, both as problem details. {@link TimeFastPath} answers the plain GETs and HEADs
 * before they reach this controller, with the same response.
 */
@RestController
class TimeController {

	@TimeEndpoint
	ResponseEntity<TimeResponse> now(ServerHttpRequest request) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CACHE_CONTROL, TimeEndpoint.CACHE_CONTROL)
			.body(TimeResponse.now(request.getRemoteAddress()));
	}

}
