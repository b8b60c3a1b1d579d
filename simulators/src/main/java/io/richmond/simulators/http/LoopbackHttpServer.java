package io.richmond.simulators.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.richmond.simulators.Terminal;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for a fake provider: each path has an {@link Endpoint}; other methods than the allowed
 * ones get 405, a {@link HttpProblem} its status, and a failure inside an endpoint a 500 and a line on the terminal.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** Answers one call to a path. */
    @FunctionalInterface
    public interface Endpoint {
        HttpAnswer answer(HttpCall call) throws HttpProblem;
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param port      0 for any free port
     * @param name      the provider, for thread names and error lines
     * @param methods   the methods every endpoint takes
     * @param endpoints by exact path
     */
    public static LoopbackHttpServer start(int port, String name, Set<String> methods, Map<String, Endpoint> endpoints,
                                           Terminal terminal) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            throw new IOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        endpoints.forEach((path, endpoint) -> server.createContext(path,
                exchange -> handle(exchange, path, methods, endpoint, name, terminal)));
        server.start();
        return new LoopbackHttpServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, String path, Set<String> methods, Endpoint endpoint,
                               String name, Terminal terminal) throws IOException {
        try (exchange) {
            HttpAnswer answer;
            try {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    // A context matches every path below it too; the providers have no such paths.
                    throw new HttpProblem(404, "Not found: " + exchange.getRequestURI().getPath());
                }
                if (!methods.contains(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", String.join(", ", methods));
                    throw new HttpProblem(405, "Method " + exchange.getRequestMethod() + " not allowed");
                }
                answer = endpoint.answer(HttpCall.read(exchange));
            } catch (HttpProblem problem) {
                answer = HttpAnswer.text(problem.status(), problem.getMessage());
            } catch (RuntimeException e) {
                terminal.println(name + ": failed on " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + ": " + e);
                answer = HttpAnswer.text(500, "The " + name + " simulator failed: " + e);
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }
}
