package io.richmond.local.banner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.richmond.local.account.BootstrapAccount;
import io.richmond.local.services.WebhookLogin;

class BannerTest {

    private static Banner banner(BootstrapAccount account, boolean passwordWorks) {
        return new Banner(URI.create("http://localhost:8000"), URI.create("http://localhost:8001"),
                new WebhookLogin("simulators", "0f3a9c"), account, passwordWorks, "amqp://guest:guest@127.0.0.1:40000/%2F (embedded Qpid Broker-J)",
                "jdbc:postgresql://127.0.0.1:5433/postgres?currentSchema=richmond (embedded PostgreSQL, user postgres)",
                Map.of("RICHMOND_DB_URL", "jdbc:postgresql://127.0.0.1:5433/postgres?currentSchema=richmond",
                        "RICHMOND_DB_USER", "postgres", "RICHMOND_DB_PASSWORD", ""),
                "TruTeq SSMI 127.0.0.1:50008", Path.of("var", "logs"), Duration.ofSeconds(42));
    }

    @Test
    void showsWhereEverythingIsAndAFirstRequestWithTheRealCredentials() {
        String text = banner(new BootstrapAccount("admin", "Zx9_-abc", "generated, kept in var/bootstrap-password"),
                true).render();

        assertThat(text).contains(
                "Richmond is running (started in 42 s).",
                "API          http://localhost:8000   Swagger UI: http://localhost:8000/swagger-ui.html",
                "Account      admin / Zx9_-abc   (generated, kept in var/bootstrap-password)",
                "http://localhost:8001/api/v1/sms/clickatell/receipt.json",
                "http://localhost:8001/api/v1/sms/clickatell/receive.json",
                "http://localhost:8001/api/v1/sms/opera/receipt.json",
                "http://localhost:8001/api/v1/sms/opera/receive.xml",
                "HTTP Basic simulators / 0f3a9c   (new at every run; the simulators send it)",
                "Simulators   TruTeq SSMI 127.0.0.1:50008",
                "Broker       amqp://guest:guest@127.0.0.1:40000/%2F (embedded Qpid Broker-J)",
                "Database     jdbc:postgresql://127.0.0.1:5433/postgres?currentSchema=richmond",
                "Logs         var/logs",
                "  curl -u 'admin:Zx9_-abc' -X POST http://localhost:8000/api/v1/sms/clickatell/send.json \\\n"
                        + "       -d 'to_msisdn=27123456789' -d 'from_msisdn=27123456789' -d 'message=hello world'\n",
                "  curl -u 'admin:Zx9_-abc' http://localhost:8000/api/v1/sms/clickatell/status.json\n",
                "Ctrl-C stops everything.");
    }

    @Test
    void quotesAPasswordForTheShell() {
        String text = banner(new BootstrapAccount("admin", "it's $HOME", "from RICHMOND_BOOTSTRAP_PASSWORD"), true)
                .render();

        assertThat(text).contains("curl -u 'admin:it'\\''s $HOME' -X POST");
        assertThat(Banner.shellQuoted("plain")).isEqualTo("'plain'");
    }

    @Test
    void saysHowToSetThePasswordInsteadOfShowingOneThatDoesNotWork() {
        String text = banner(new BootstrapAccount("admin", "stale", "kept in var/bootstrap-password"), false).render();

        assertThat(text)
                .contains("admin: the API refused the password kept in var/bootstrap-password.")
                .contains("RICHMOND_DB_PASSWORD='' RICHMOND_DB_URL='jdbc:postgresql://127.0.0.1:5433/postgres"
                        + "?currentSchema=richmond' RICHMOND_DB_USER='postgres' java -jar"
                        + " api-service/target/api-service.jar accounts password admin NEW-PASSWORD")
                .doesNotContain("stale")
                .doesNotContain("curl");
    }
}
