package io.richmond.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of Richmond's services, started from the jar this build packaged, as an operator would start it. Its output
 * goes to {@code target/<name>.log}, which a failing test's reader will want.
 */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar named by system property {@code richmond.jar.<name>} on a free port with these arguments. */
    static ServiceProcess start(String name, List<String> arguments) throws IOException {
        Path jar = Path.of(System.getProperty("richmond.jar." + name, "../" + name + "/target/" + name + ".jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run `mvn verify`, which packages it "
                    + "before the system tests run");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar",
                jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(name, port, process, log);
    }

    /** Waits until the service answers HTTP on its port (any status: it is listening and its context is up). */
    ServiceProcess awaitListening(Duration deadline) {
        HttpClient client = HttpClient.newHttpClient();
        await(name + " listening on port " + port).atMost(deadline).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see "
                                + log.toAbsolutePath());
                    }
                    try {
                        client.send(HttpRequest.newBuilder(url("/")).build(), HttpResponse.BodyHandlers.discarding());
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
