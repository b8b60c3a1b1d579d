package io.richmond.local.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class ReadinessTest {

    @TempDir
    Path folder;

    private Supervisor supervisor;
    private Child child;

    @BeforeEach
    void startAChild() throws Exception {
        supervisor = new Supervisor(folder, Duration.ofSeconds(5), line -> { });
        child = supervisor.start(ChildSpec.background("probe", List.of("sleep", "60"), Map.of(),
                Readiness.immediately()));
    }

    @AfterEach
    void stop() {
        supervisor.stopAll();
    }

    @Test
    void httpIsReadyOnA2xxOnly() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        try {
            HttpReadiness readiness = new HttpReadiness(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/health"));

            assertThat(readiness.isReady(child)).isFalse();
            status.set(200);
            assertThat(readiness.isReady(child)).isTrue();
            assertThat(readiness.describe()).endsWith("/actuator/health with 2xx");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpIsNotReadyWhileNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThat(new HttpReadiness(URI.create("http://127.0.0.1:" + port + "/")).isReady(child)).isFalse();
    }

    @Test
    void portsAreReadyWhenEveryOneAccepts() throws Exception {
        try (ServerSocket first = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                ServerSocket second = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PortReadiness both = new PortReadiness(List.of(first.getLocalPort(), second.getLocalPort()));
            assertThat(both.isReady(child)).isTrue();

            int closed = second.getLocalPort();
            second.close();
            assertThat(both.isReady(child)).isFalse();
            assertThat(both.describe()).endsWith(first.getLocalPort() + ", " + closed);
        }
    }

    @Test
    void aLogLineIsReadyOnceWritten() throws Exception {
        LogLineReadiness readiness = new LogLineReadiness("Started ApiServiceApplication");
        assertThat(readiness.isReady(child)).isFalse();

        Files.writeString(folder.resolve("probe.log"), "INFO Started ApiServiceApplication in 9.1 seconds\n");

        assertThat(readiness.isReady(child)).isTrue();
    }

    @Test
    void aLogLineCannotBeReadFromAChildOnTheTerminal() throws Exception {
        Child interactive = supervisor.start(ChildSpec.interactive("console", List.of("sleep", "60"), Map.of(),
                Readiness.immediately()));

        assertThatThrownBy(() -> new LogLineReadiness("ready").isReady(interactive))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("console writes to the terminal");
    }
}
