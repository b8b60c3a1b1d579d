package io.richmond.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** Clickatell's HTTP API as far as sending goes: {@code /http/sendmsg} takes every message and answers its id. */
final class FakeClickatell implements AutoCloseable {

    /** One accepted sendmsg: its parameters and the id it was answered with. */
    record Send(Map<String, String> parameters, String apiMsgId) {
    }

    private final HttpServer server;
    private final List<Send> sends = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    FakeClickatell() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/http/sendmsg", this::sendmsg);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/http";
    }

    List<Send> sends() {
        return List.copyOf(sends);
    }

    private void sendmsg(HttpExchange exchange) throws IOException {
        String form;
        try (InputStream body = exchange.getRequestBody()) {
            form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
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
    public void close() {
        server.stop(0);
    }
}
