package io.richmond.local.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresDatabaseTest {

    /** Shared by every test and run: extracting the binaries takes seconds, and they never change. */
    private static final Path BINARIES = Path.of("target", "postgres-binaries");

    @TempDir
    Path folder;

    private EmbeddedPostgresDatabase database;

    @AfterEach
    void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void keepsItsDataAcrossAStopAndAStart() throws Exception {
        database = start(freePort());
        execute("CREATE SCHEMA richmond");
        execute("CREATE TABLE kept (id int PRIMARY KEY, what text)");
        execute("INSERT INTO kept VALUES (1, 'survives a restart')");
        database.close();

        database = start(freePort());

        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT what FROM kept WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survives a restart");
        }
        assertThat(Files.exists(folder.resolve("data").resolve("postmaster.pid"))).isTrue();
        database.close();
        database = null;
        assertThat(Files.exists(folder.resolve("data").resolve("postmaster.pid"))).isFalse();
    }

    @Test
    void takesAnotherPortWhenThePreferredOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            database = start(taken.getLocalPort());

            assertThat(database.port()).isNotEqualTo(taken.getLocalPort());
            execute("SELECT 1");
        }
    }

    @Test
    void pointsTheServicesAtRichmondsSchema() throws Exception {
        int port = freePort();
        database = start(port);

        assertThat(database.port()).isEqualTo(port);
        assertThat(database.serviceEnvironment())
                .containsEntry("RICHMOND_DB_URL",
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres?currentSchema=richmond")
                .containsEntry("RICHMOND_DB_USER", "postgres")
                .containsEntry("RICHMOND_DB_PASSWORD", "")
                .containsEntry("SPRING_FLYWAY_SCHEMAS", "richmond");
        assertThat(database.description()).contains("127.0.0.1:" + port, folder.resolve("data").toString(),
                "RICHMOND_DB_URL");
        assertThat(Files.readString(folder.resolve("postgres.log"))).isNotEmpty();
    }

    @Test
    void refusesAFolderAnEarlierPostgresStillRuns() throws Exception {
        Path data = Files.createDirectories(folder.resolve("data"));
        long livePid = ProcessHandle.current().pid();
        Files.writeString(data.resolve("postmaster.pid"), livePid + "\n" + data + "\n");

        assertThatThrownBy(() -> start(freePort()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still runs on " + data)
                .hasMessageContaining("kill -INT " + livePid);
    }

    @Test
    void startsOverAPidFileWhoseProcessIsGone() throws Exception {
        database = start(freePort());
        execute("SELECT 1");
        database.close();
        Path pidFile = folder.resolve("data").resolve("postmaster.pid");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(pidFile, gone.pid() + "\n" + folder.resolve("data") + "\n");

        database = start(freePort());

        execute("SELECT 1");
    }

    private EmbeddedPostgresDatabase start(int preferredPort) throws IOException {
        return EmbeddedPostgresDatabase.start(folder.resolve("data"), BINARIES, folder.resolve("postgres.log"),
                preferredPort);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
