package io.richmond.sms;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.richmond.sms.webhook.FormData;

/**
 * A provider on loopback, real HTTP: it records every request and answers each path from a script of responses,
 * the last of which repeats. A response can hang until {@link #release()}, to make the client time out.
 */
public final class FakeProvider implements AutoCloseable {

    public record Request(String method, String path, String contentType, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Map<String, String> form() {
            return FormData.parse(new String(body, StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).values();
        }
    }

    public record Response(int status, String body, boolean hang) {

        public static Response ok(String body) {
            return new Response(200, body, false);
        }

        public static Response status(int status, String body) {
            return new Response(status, body, false);
        }

        /** Answers only after {@link FakeProvider#release()}: long after any client timeout. */
        public static Response hang(String body) {
            return new Response(200, body, true);
        }
    }

    static {
        // Otherwise the JDK's server waits for the client's delayed ACK between headers and body: 40 ms a call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Response>> scripts = new ConcurrentHashMap<>();
    private volatile CountDownLatch released = new CountDownLatch(1);
    private volatile boolean recording = true;

    public FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void script(String path, Response... responses) {
        scripts.put(path, new ArrayDeque<>(List.of(responses)));
    }

    /** Stops keeping requests, for runs too long to keep them all. */
    public void stopRecording() {
        recording = false;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).collect(Collectors.toList());
    }

    /** Answers the requests hanging now; later ones hang again. */
    public void release() {
        CountDownLatch hanging = released;
        released = new CountDownLatch(1);
        hanging.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (recording) {
                requests.add(new Request(exchange.getRequestMethod(), path,
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            Response response = next(path);
            if (response.hang()) {
                CountDownLatch hanging = released;
                hanging.await(30, TimeUnit.SECONDS);
            }
            byte[] answer = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(response.status(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Response next(String path) {
        Deque<Response> script = scripts.get(path);
        if (script == null) {
            return Response.status(404, "no script for " + path);
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
