package io.richmond.local.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.richmond.local.ports.LoopbackPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL run by the local run itself (zonky's binaries, extracted once), its data in a folder that outlives
 * restarts. Richmond's tables live in the schema {@code richmond} of the database {@code postgres}, user
 * {@code postgres} without a password, on loopback only.
 */
public final class EmbeddedPostgresDatabase implements Database {

    static final String SCHEMA = "richmond";
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(1);

    private final EmbeddedPostgres postgres;
    private final Path dataFolder;

    private EmbeddedPostgresDatabase(EmbeddedPostgres postgres, Path dataFolder) {
        this.postgres = postgres;
        this.dataFolder = dataFolder;
    }

    /**
     * Starts PostgreSQL on {@code preferredPort} if it is free, else on any free port.
     *
     * @param dataFolder the database cluster: created by initdb when empty, reused otherwise
     * @param binariesFolder where the PostgreSQL binaries are extracted (once; later starts find them there)
     * @param log PostgreSQL's own output, appended
     */
    public static EmbeddedPostgresDatabase start(Path dataFolder, Path binariesFolder, Path log, int preferredPort)
            throws IOException {
        refuseWhenStillRunning(dataFolder);
        Files.createDirectories(dataFolder);
        Files.createDirectories(binariesFolder);
        Files.createDirectories(log.getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataFolder)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesFolder.toFile())
                .setPort(LoopbackPorts.isFree(preferredPort) ? preferredPort : LoopbackPorts.anyFree())
                .setServerConfig("listen_addresses", "127.0.0.1")
                // The library's 10 s is short for a first start on a busy two-core machine.
                .setPGStartupWait(STARTUP_WAIT)
                // Stopped by close(), after the services that use it: the library's own hook could stop it first.
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new EmbeddedPostgresDatabase(postgres, dataFolder);
    }

    /**
     * A PostgreSQL left running on the folder (its launcher was killed) holds the folder: starting another one on it
     * would fail after a wait with a less helpful message.
     */
    private static void refuseWhenStillRunning(Path dataFolder) throws IOException {
        Path pidFile = dataFolder.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        Optional<ProcessHandle> process = firstLine.matches("\\d+")
                ? ProcessHandle.of(Long.parseLong(firstLine)) : Optional.empty();
        if (process.isPresent() && process.get().isAlive()) {
            throw new IllegalStateException("a PostgreSQL from an earlier run still runs on " + dataFolder + " (pid "
                    + firstLine + "): stop it with 'kill -INT " + firstLine + "' and start again (if that process is"
                    + " not PostgreSQL, delete " + pidFile + ")");
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of the database, its tables in Richmond's schema. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?currentSchema=" + SCHEMA;
    }

    @Override
    public String displayUrl() {
        return jdbcUrl() + " (embedded PostgreSQL, user postgres)";
    }

    @Override
    public String description() {
        return "embedded PostgreSQL on 127.0.0.1:" + port() + ", data in " + dataFolder + " (set "
                + ConfiguredDatabase.URL + " to use your own)";
    }

    @Override
    public Map<String, String> serviceEnvironment() {
        return Map.of(
                ConfiguredDatabase.URL, jdbcUrl(),
                ConfiguredDatabase.USER, "postgres",
                ConfiguredDatabase.PASSWORD, "",
                // api-service's Flyway creates the schema the URL names and migrates it.
                "SPRING_FLYWAY_SCHEMAS", SCHEMA);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL on " + dataFolder, e);
        }
    }
}
