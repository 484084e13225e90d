package com.simpletimeservice.time;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract of {@code /} in Spring MVC terms: GET and HEAD answer JSON; other methods get 405 with
 * {@code Allow}, an {@code Accept} that excludes JSON gets 406, both as problem details. {@link TimeFastPath}
 * answers the plain GETs and HEADs before they reach this controller, with the same response.
 */
@RestController
class TimeController {

	static final CacheControl CACHE_CONTROL = CacheControl.noStore();

	@RequestMapping(path = "/", method = { RequestMethod.GET, RequestMethod.HEAD },
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TimeResponse> now(ServerHttpRequest request) {
		return ResponseEntity.ok().cacheControl(CACHE_CONTROL).body(TimeResponse.now(request.getRemoteAddress()));
	}

}
