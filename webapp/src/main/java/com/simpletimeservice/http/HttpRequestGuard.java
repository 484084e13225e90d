package com.simpletimeservice.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * Guards one HTTP/1.1 connection around Netty's codec, for clients that reach the service directly:
 * <ul>
 * <li>a request whose header block has started but is not complete within the timeout gets 408 and the
 * connection closes (idle keep-alive connections are left to {@code server.netty.idle-timeout});</li>
 * <li>a request line with a version other than HTTP/1.0 or HTTP/1.1 gets 505 instead of an answer in that
 * version;</li>
 * <li>each rejected request is one short DEBUG line here, without the client's text. Reactor Netty's own
 * answers to malformed requests (400, 414, 431) stay; its WARN with the request is turned off in
 * application.yaml.</li>
 * </ul>
 */
final class HttpRequestGuard {

	private static final Log logger = LogFactory.getLog(HttpRequestGuard.class);

	private final long headerTimeoutNanos;

	/** Bytes of a request have arrived, its header block has not. */
	private boolean headersPending;

	/** A request was decoded and its response is not complete yet. */
	private boolean requestInFlight;

	private @Nullable ScheduledFuture<?> headerTimer;

	/** This guard answered and is closing the connection: nothing more goes to Reactor Netty. */
	private boolean rejected;

	private HttpRequestGuard(Duration headerTimeout) {
		this.headerTimeoutNanos = headerTimeout.toNanos();
	}

	/** Adds the guard on both sides of the HTTP codec of a new connection's pipeline. */
	static void install(ChannelPipeline pipeline, Duration headerTimeout) {
		HttpRequestGuard guard = new HttpRequestGuard(headerTimeout);
		pipeline.addBefore(NettyPipeline.HttpCodec, "simpletimeservice.bytesIn", guard.new BytesIn());
		pipeline.addAfter(NettyPipeline.HttpCodec, "simpletimeservice.requests", guard.new Requests());
	}

	/** Before the codec: starts the header timer when a read leaves a header block unfinished. */
	private final class BytesIn extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!HttpRequestGuard.this.requestInFlight && msg instanceof ByteBuf bytes && bytes.isReadable()) {
				HttpRequestGuard.this.headersPending = true;
			}
			// The codec hands a complete request to Requests before this call returns.
			ctx.fireChannelRead(msg);
			if (HttpRequestGuard.this.headersPending && HttpRequestGuard.this.headerTimer == null) {
				ChannelHandlerContext requests = ctx.pipeline().context(Requests.class);
				HttpRequestGuard.this.headerTimer = ctx.executor()
					.schedule(() -> headersTimedOut(requests), HttpRequestGuard.this.headerTimeoutNanos, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			cancelHeaderTimer();
			ctx.fireChannelInactive();
		}

	}

	/** After the codec: sees each decoded request and the end of each response. */
	private final class Requests extends ChannelDuplexHandler {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (HttpRequestGuard.this.rejected) {
				ReferenceCountUtil.release(msg); // the rest of a rejected request, such as its LastHttpContent
				return;
			}
			if (msg instanceof HttpRequest request) {
				HttpRequestGuard.this.headersPending = false;
				HttpRequestGuard.this.requestInFlight = true;
				cancelHeaderTimer();
				if (request.decoderResult().isFailure()) {
					// Reactor Netty answers it (400, 414 or 431); say what happened, not what the client wrote.
					debug(ctx, "malformed request (" + request.decoderResult().cause().getClass().getSimpleName() + ")");
				}
				else if (!HttpVersion.HTTP_1_1.equals(request.protocolVersion())
						&& !HttpVersion.HTTP_1_0.equals(request.protocolVersion())) {
					ReferenceCountUtil.release(msg);
					debug(ctx, "unsupported HTTP version");
					respondAndClose(ctx, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED);
					return;
				}
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof LastHttpContent) {
				HttpRequestGuard.this.requestInFlight = false;
			}
			ctx.write(msg, promise);
		}

	}

	private void headersTimedOut(ChannelHandlerContext requests) {
		this.headerTimer = null;
		if (this.headersPending && requests.channel().isActive()) {
			debug(requests, "request headers incomplete after " + Duration.ofNanos(this.headerTimeoutNanos));
			respondAndClose(requests, HttpResponseStatus.REQUEST_TIMEOUT);
		}
	}

	private void cancelHeaderTimer() {
		if (this.headerTimer != null) {
			this.headerTimer.cancel(false);
			this.headerTimer = null;
		}
	}

	/** Written from after the codec, so it goes out encoded; an empty body, like Reactor Netty's 400. */
	private void respondAndClose(ChannelHandlerContext ctx, HttpResponseStatus status) {
		this.rejected = true;
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
		response.headers()
			.setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	private static void debug(ChannelHandlerContext ctx, String what) {
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected a request from " + peer(ctx.channel().remoteAddress()) + ": " + what);
		}
	}

	/** The TCP peer (a proxy, behind Beanstalk): the header that names the client was never read. */
	private static String peer(SocketAddress address) {
		return (address instanceof InetSocketAddress inet && inet.getAddress() != null)
				? NetUtil.toAddressString(inet.getAddress()) : String.valueOf(address);
	}

}
