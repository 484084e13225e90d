import java.time.Instant;

import io.netty.util.NetUtil;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The baseline for bench/run.sh: the same JSON from bare Reactor Netty (the version the service uses),
 * with no Spring in the way. Run with the service's classpath: java -cp CP bench/RawServer.java PORT
 */
public class RawServer {

	public static void main(String[] args) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(Integer.parseInt(args[0]))
			.route((routes) -> routes.get("/", (request, response) -> response
				.header("Content-Type", "application/json")
				.header("Cache-Control", "no-store")
				.sendString(Mono.fromSupplier(() -> "{\"timestamp\":\"" + Instant.now()
						+ "\",\"ip\":\"" + NetUtil.toAddressString(request.remoteAddress().getAddress()) + "\"}"))))
			.bindNow();
		server.onDispose().block();
	}

}
