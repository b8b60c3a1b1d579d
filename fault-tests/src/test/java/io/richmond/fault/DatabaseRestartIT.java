package io.richmond.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.richmond.testsupport.RequiresPostgres;
import io.richmond.testsupport.RequiresRabbitMq;

/**
 * PostgreSQL restarted under load ({@code pg_ctlcluster <version> main restart}): api-service and
 * callback-dispatcher lose every pooled connection at once. The cluster is always left running, even when the
 * scenario fails.
 */
@RequiresRabbitMq
@RequiresPostgres
@Order(4)
class DatabaseRestartIT {

    private static final int ATTEMPTS_AFTER_RESTART = 20;

    @RegisterExtension
    static final SharedRichmond richmond = new SharedRichmond();

    private static String version;

    @BeforeAll
    static void needsPgCtlcluster() throws IOException {
        SystemCommand.assumeAvailable("pg_ctlcluster");
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            // The newest installed major version, which is the one running where only one is.
            version = versions.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .max(Comparator.comparingInt(Integer::parseInt)).orElseThrow();
        }
    }

    @Test
    void nothingAcceptedIsLostWhenTheDatabaseRestarts() throws Exception {
        Richmond running = richmond.get();
        Scenario.run(running, "database restart", new Fault() {
            @Override
            public void inject() throws Exception {
                SystemCommand.run(pgCtlcluster("restart"));
            }

            @Override
            public void recover() throws Exception {
                if (SystemCommand.attempt(pgCtlcluster("status")).exitCode() != 0) {
                    SystemCommand.run(pgCtlcluster("start"));
                }
                await("PostgreSQL answering").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                    try (Connection connection = running.database()) {
                        return connection.isValid(2);
                    }
                });
            }
        }, Scenario.forAttempts(ATTEMPTS_AFTER_RESTART));
    }

    private static String[] pgCtlcluster(String action) {
        return new String[] {"pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action};
    }
}
