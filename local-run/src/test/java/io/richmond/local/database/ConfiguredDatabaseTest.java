package io.richmond.local.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfiguredDatabaseTest {

    @Test
    void embedsADatabaseWhenNoneIsConfigured() {
        assertThat(ConfiguredDatabase.fromEnvironment(Map.of())).isEmpty();
        assertThat(ConfiguredDatabase.fromEnvironment(Map.of("RICHMOND_DB_URL", ""))).isEmpty();
        // A user or password alone names no database.
        assertThat(ConfiguredDatabase.fromEnvironment(Map.of("RICHMOND_DB_USER", "richmond"))).isEmpty();
    }

    @Test
    void usesTheConfiguredDatabaseWithItsUserAndPassword() {
        ConfiguredDatabase database = ConfiguredDatabase.fromEnvironment(Map.of(
                "RICHMOND_DB_URL", "jdbc:postgresql://127.0.0.1:5432/richmond",
                "RICHMOND_DB_USER", "richmond",
                "RICHMOND_DB_PASSWORD", "s3cret",
                "HOME", "/root")).orElseThrow();

        assertThat(database.serviceEnvironment()).isEqualTo(Map.of(
                "RICHMOND_DB_URL", "jdbc:postgresql://127.0.0.1:5432/richmond",
                "RICHMOND_DB_USER", "richmond",
                "RICHMOND_DB_PASSWORD", "s3cret"));
        assertThat(database.description())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/richmond as richmond (from RICHMOND_DB_URL)");
    }

    @Test
    void leavesUnsetUserAndPasswordToTheServicesDefaults() {
        ConfiguredDatabase database = ConfiguredDatabase.fromEnvironment(
                Map.of("RICHMOND_DB_URL", "jdbc:postgresql://db/richmond")).orElseThrow();

        assertThat(database.serviceEnvironment()).containsOnlyKeys("RICHMOND_DB_URL");
        assertThat(database.description()).isEqualTo("jdbc:postgresql://db/richmond (from RICHMOND_DB_URL)");
    }

    @Test
    void hidesAPasswordInTheUrl() {
        ConfiguredDatabase database = ConfiguredDatabase.fromEnvironment(Map.of("RICHMOND_DB_URL",
                "jdbc:postgresql://db/richmond?user=r&password=s3cret&currentSchema=x")).orElseThrow();

        assertThat(database.displayUrl())
                .isEqualTo("jdbc:postgresql://db/richmond?user=r&password=****&currentSchema=x");
    }

    @Test
    void refusesAUrlThatIsNotPostgresJdbc() {
        assertThatThrownBy(() -> ConfiguredDatabase.fromEnvironment(
                Map.of("RICHMOND_DB_URL", "postgres://u:pw@db/richmond?password=pw")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RICHMOND_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database),"
                        + " got 'postgres://u:pw@db/richmond?password=****'");
    }
}
