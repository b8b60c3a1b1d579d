package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

import tools.jackson.databind.JsonNode;

/**
 * The actuator is served on its own port, on loopback only; the API's port serves none of it but answers the probes
 * at {@code /livez} and {@code /readyz}, without details.
 */
class ManagementPortTest extends ApiTestBase {

    @LocalManagementPort
    private int managementPort;

    @Test
    void theApiPortServesNoActuator() {
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus", "/actuator/info",
                "/actuator/env", "/actuator/health/readiness")) {
            assertThat(get(null, path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(managementPort).isNotEqualTo(port);
    }

    @Test
    void theApiPortAnswersTheProbesWithoutDetails() {
        for (String path : List.of("/livez", "/readyz")) {
            HttpResponse<String> probe = get(null, path);

            assertThat(probe.statusCode()).as(path).isEqualTo(200);
            JsonNode body = json(probe);
            assertThat(body.propertyNames()).as(path).containsExactly("status");
            assertThat(body.get("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void theManagementPortServesHealthAndMetricsToThisMachine() {
        HttpResponse<String> health = management("/actuator/health");
        HttpResponse<String> metrics = management("/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asString()).isEqualTo("UP");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "richmond_login_failures_total");
        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/api/v1/account/callbacks.json")).header("Authorization", basic(newAccount("lost"), PASSWORD)))
                .statusCode()).as("the API is not served here").isEqualTo(404);
    }

    @Test
    void theManagementPortIsNotReachableFromOtherAddresses() throws IOException {
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this machine has no address but loopback");
        try (Socket api = new Socket()) {
            api.connect(new InetSocketAddress(external.get(), port), 5000);
        }

        assertThatThrownBy(() -> {
            try (Socket actuator = new Socket()) {
                actuator.connect(new InetSocketAddress(external.get(), managementPort), 5000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).timeout(DEADLINE));
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLinkLocalAddress())
                .findFirst();
    }
}
