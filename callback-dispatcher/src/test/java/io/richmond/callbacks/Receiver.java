package io.richmond.callbacks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A callback receiver on loopback that records every request and answers each path from a script: the replies in
 * order, the last one for every later request.
 */
final class Receiver implements AutoCloseable {

    record Request(String method, String path, Headers headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** How the receiver answers one request. */
    interface Reply {
        void answer(HttpExchange exchange, Receiver receiver) throws IOException, InterruptedException;
    }

    static Reply status(int code) {
        return (exchange, receiver) -> {
            exchange.sendResponseHeaders(code, -1);
        };
    }

    static Reply redirect(int code, String location) {
        return (exchange, receiver) -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(code, -1);
        };
    }

    /** Holds the request until {@link #release()} (or the receiver closes), then answers 200. */
    static Reply hang() {
        return (exchange, receiver) -> {
            receiver.hanging.incrementAndGet();
            try {
                receiver.released.await(30, TimeUnit.SECONDS);
            } finally {
                receiver.hanging.decrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
        };
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger hanging = new AtomicInteger();

    Receiver() {
        this(0);
    }

    Receiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    Receiver script(String path, Reply... replies) {
        scripts.put(path, List.of(replies));
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    int hanging() {
        return hanging.get();
    }

    void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes()));
            List<Reply> script = scripts.getOrDefault(path, List.of(status(200)));
            int index = answered.computeIfAbsent(path, ignored -> new AtomicInteger()).getAndIncrement();
            script.get(Math.min(index, script.size() - 1)).answer(exchange, this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }

    static List<String> paths(List<Request> requests) {
        return new ArrayList<>(requests.stream().map(Request::path).toList());
    }
}
