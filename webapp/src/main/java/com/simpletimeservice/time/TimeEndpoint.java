package com.simpletimeservice.time;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The contract of {@code /}, stated once: GET and HEAD answer a {@link TimeResponse} as JSON that no cache may
 * keep. {@link TimeController} is mapped by it, as by any composed mapping such as {@code @GetMapping}, and
 * {@link TimeFastPath} reads the same {@link RequestMapping}, so the two paths cannot answer different requests.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequestMapping(path = "/", method = { RequestMethod.GET, RequestMethod.HEAD }, produces = MediaType.APPLICATION_JSON_VALUE)
@interface TimeEndpoint {

	/** Every answer is stale at once: the time, and an address that is only this visitor's. */
	String CACHE_CONTROL = "no-store";

}
