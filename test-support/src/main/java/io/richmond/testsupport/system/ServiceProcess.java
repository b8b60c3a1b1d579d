package io.richmond.testsupport.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of Richmond's services, started from the jar the build packaged, as an operator would start it. Its output
 * goes to {@code target/<name>.log}, which a failing test's reader will want; a restart appends to it. A service
 * can be killed as {@code kill -9} would and started again with the same command, on the same port.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Two cores start several JVMs at once: C1 only and one GC thread shorten start-up, which tests wait for. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private final String name;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    /** Where this run's output starts in the log, so that a restart is not ready on the last run's lines. */
    private long logOffset;

    private ServiceProcess(String name, int port, List<String> command, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = Path.of("target", name + ".log");
    }

    /**
     * Starts the Spring Boot service {@code name} (its jar named by system property {@code richmond.jar.<name>})
     * on a free HTTP port with these arguments.
     */
    public static ServiceProcess start(String name, List<String> arguments) throws IOException {
        int port = freePort();
        List<String> withPort = new ArrayList<>(List.of("--server.port=" + port));
        withPort.addAll(arguments);
        return launch(name, jar(name), port, withPort, Map.of());
    }

    /** Starts {@code jar}, which serves no HTTP, with these arguments and environment variables. */
    public static ServiceProcess startJar(String name, Path jar, List<String> arguments,
            Map<String, String> environment) throws IOException {
        return launch(name, jar, -1, arguments, environment);
    }

    private static ServiceProcess launch(String name, Path jar, int port, List<String> arguments,
            Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run `mvn verify`, which packages it "
                    + "before the system tests run");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        ServiceProcess service = new ServiceProcess(name, port, command, environment);
        Files.deleteIfExists(service.log);
        service.run();
        return service;
    }

    /** The jar of {@code name}: system property {@code richmond.jar.<name>}, or the module's target folder. */
    public static Path jar(String name) {
        return Path.of(System.getProperty("richmond.jar." + name, "../" + name + "/target/" + name + ".jar"));
    }

    private void run() throws IOException {
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    public String name() {
        return name;
    }

    /** Waits until the service answers HTTP on its port (any status: it is listening and its context is up). */
    public ServiceProcess awaitListening(Duration deadline) {
        HttpClient client = HttpClient.newHttpClient();
        await(name + " listening on port " + port).atMost(deadline).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    checkAlive();
                    try {
                        client.send(HttpRequest.newBuilder(url("/")).build(), HttpResponse.BodyHandlers.discarding());
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    /** Waits until this run of the service has logged a line containing {@code text}. */
    public ServiceProcess awaitLogLine(String text, Duration deadline) {
        await(name + " logging '" + text + "'").atMost(deadline).pollInterval(Duration.ofMillis(200)).until(() -> {
            checkAlive();
            return logSinceStart().contains(text);
        });
        return this;
    }

    private String logSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(logOffset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see "
                    + log.toAbsolutePath());
        }
    }

    public URI url(String path) {
        if (port < 0) {
            throw new IllegalStateException(name + " serves no HTTP");
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Kills the process with SIGKILL, as {@code kill -9} does: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the service again with the same command, on the same port; the caller awaits its readiness. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        try {
            run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + name, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
