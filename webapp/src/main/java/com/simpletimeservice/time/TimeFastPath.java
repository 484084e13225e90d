package com.simpletimeservice.time;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Answers the service's one hot request, a plain {@code GET /} or {@code HEAD /}, in front of Spring's
 * dispatcher, with exactly what {@link TimeController} would answer: both read {@link TimeEndpoint}. Boot
 * wraps the {@code HttpHandler} it builds with every {@link HttpHandlerDecoratorFactory} bean, so this sees each
 * request before an exchange, the filters and the handler mappings exist, and passes anything else through
 * untouched: Actuator's health probes, 404s, and the requests whose answer needs Spring's negotiation (405,
 * 406). That dispatch cost four times the CPU of the response itself (docs/benchmark.md).
 */
@Component
class TimeFastPath implements HttpHandlerDecoratorFactory {

	/** The mapping the controller has, read from the contract rather than from the controller it bypasses. */
	private static final RequestMapping CONTRACT = TimeEndpoint.class.getAnnotation(RequestMapping.class);

	private static final String PATH = CONTRACT.path()[0];

	private static final Set<HttpMethod> METHODS = Arrays.stream(CONTRACT.method())
		.map(RequestMethod::asHttpMethod)
		.collect(Collectors.toUnmodifiableSet());

	private static final String PRODUCES = CONTRACT.produces()[0];

	private static final MediaType CONTENT_TYPE = MediaType.parseMediaType(PRODUCES);

	/** Built once: Boot's own mapper, so the JSON is the controller's, without a codec lookup per request. */
	private final ObjectWriter json;

	TimeFastPath(JsonMapper mapper) {
		this.json = mapper.writerFor(TimeResponse.class);
	}

	@Override
	public HttpHandler apply(HttpHandler spring) {
		return (request, response) -> isPlainRequestForTheTime(request) ? respond(request, response)
				: spring.handle(request, response);
	}

	/** GET or HEAD of "/" (any query) that accepts JSON without negotiation; anything else goes to Spring. */
	private static boolean isPlainRequestForTheTime(ServerHttpRequest request) {
		return METHODS.contains(request.getMethod()) && PATH.equals(request.getURI().getRawPath())
				&& acceptsJsonOutright(request.getHeaders().getFirst(HttpHeaders.ACCEPT));
	}

	/** No Accept, or one of the two values clients send; a list, parameters or q-values take Spring's way. */
	private static boolean acceptsJsonOutright(@Nullable String accept) {
		return accept == null || "*/*".equals(accept) || PRODUCES.equals(accept);
	}

	private Mono<Void> respond(ServerHttpRequest request, ServerHttpResponse response) {
		byte[] body = this.json.writeValueAsBytes(TimeResponse.now(request.getRemoteAddress()));
		HttpHeaders headers = response.getHeaders();
		headers.setCacheControl(TimeEndpoint.CACHE_CONTROL);
		headers.setContentType(CONTENT_TYPE);
		headers.setContentLength(body.length);
		if (HttpMethod.HEAD.equals(request.getMethod())) {
			return response.setComplete(); // HEAD: the GET's headers, Content-Length included, and no body
		}
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
