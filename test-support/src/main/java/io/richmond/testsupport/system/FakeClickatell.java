package io.richmond.testsupport.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Clickatell's HTTP API as far as sending goes: {@code /http/sendmsg} takes every message and answers its id, or,
 * while a test says so, fails in one of the ways a provider does ({@link Mode}).
 */
public final class FakeClickatell implements AutoCloseable {

    /** One accepted sendmsg: its parameters and the id it was answered with. */
    public record Send(Map<String, String> parameters, String apiMsgId) {
    }

    /** How {@code sendmsg} answers. */
    public enum Mode {
        /** Takes the message and answers its id. */
        ACCEPT,
        /** Answers 500 without taking it. */
        FAIL,
        /** Reads the request and never answers while the mode lasts, then drops the connection. */
        HANG,
        /** Reads the request and closes the connection without an answer. */
        CLOSE
    }

    private static final long HANG_LIMIT_MILLIS = 120_000;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Send> sends = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Object modeChanged = new Object();
    private volatile Mode mode = Mode.ACCEPT;
    private volatile Duration latency = Duration.ZERO;

    public FakeClickatell() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/http/sendmsg", this::sendmsg);
        // A hanging request must not hold up the others, as it would on the server's single default thread.
        server.setExecutor(threads);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/http";
    }

    public List<Send> sends() {
        return List.copyOf(sends);
    }

    /** Requests answered other than by taking the message. */
    public int refused() {
        return refused.get();
    }

    /** How long taking a message takes: with some, sends are in flight when a test kills their sender. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    public void mode(Mode mode) {
        synchronized (modeChanged) {
            this.mode = mode;
            modeChanged.notifyAll();
        }
    }

    private void sendmsg(HttpExchange exchange) throws IOException {
        String form;
        try (InputStream body = exchange.getRequestBody()) {
            form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        Mode now = mode;
        if (now != Mode.ACCEPT) {
            refused.incrementAndGet();
            if (now == Mode.FAIL) {
                exchange.sendResponseHeaders(500, -1);
            } else if (now == Mode.HANG) {
                awaitModeOtherThan(Mode.HANG);
            }
            // Closing an exchange that sent no headers closes its connection.
            exchange.close();
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> parameters = parse(query == null ? form : query + "&" + form);
        String apiMsgId = "fakeclickatell%024d".formatted(ids.incrementAndGet());
        sends.add(new Send(parameters, apiMsgId));
        byte[] answer = ("ID: " + apiMsgId).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private void awaitModeOtherThan(Mode waited) {
        long until = System.currentTimeMillis() + HANG_LIMIT_MILLIS;
        synchronized (modeChanged) {
            long left;
            while (mode == waited && (left = until - System.currentTimeMillis()) > 0) {
                try {
                    modeChanged.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() throws InterruptedException {
        mode(Mode.ACCEPT);
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
