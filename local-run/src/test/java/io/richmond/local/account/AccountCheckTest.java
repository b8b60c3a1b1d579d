package io.richmond.local.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Against a stand-in for api-service that knows one account. */
class AccountCheckTest {

    private HttpServer api;
    private AccountCheck check;

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("admin:right".getBytes(StandardCharsets.UTF_8));
        api.createContext("/api/v1/account/callbacks.json", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            exchange.sendResponseHeaders(expected.equals(authorization) ? 200 : 401, -1);
            exchange.close();
        });
        api.start();
        check = new AccountCheck(URI.create("http://127.0.0.1:" + api.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    @Test
    void acceptsTheRightPassword() throws Exception {
        assertThat(check.passwordWorks(new BootstrapAccount("admin", "right", "test"))).isTrue();
    }

    @Test
    void tellsAWrongPassword() throws Exception {
        assertThat(check.passwordWorks(new BootstrapAccount("admin", "wrong", "test"))).isFalse();
        assertThat(check.passwordWorks(new BootstrapAccount("nobody", "right", "test"))).isFalse();
    }

    @Test
    void throwsOnAnythingElse() {
        api.removeContext("/api/v1/account/callbacks.json");
        api.createContext("/api/v1/account/callbacks.json", exchange -> {
            byte[] body = "database down".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        assertThatThrownBy(() -> check.passwordWorks(new BootstrapAccount("admin", "right", "test")))
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("/api/v1/account/callbacks.json answered 503: database down");
    }
}
