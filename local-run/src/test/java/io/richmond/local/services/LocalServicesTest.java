package io.richmond.local.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.richmond.local.account.BootstrapAccount;
import io.richmond.local.broker.ConfiguredBroker;
import io.richmond.local.database.ConfiguredDatabase;
import io.richmond.local.supervisor.ChildSpec;

class LocalServicesTest {

    private static final String BROKER = "amqp://guest:guest@127.0.0.1:40000/%2F";
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5433/postgres?currentSchema=richmond";

    private final LocalServices services = new LocalServices("/jdk/bin/java",
            new ConfiguredBroker(URI.create(BROKER)),
            new ConfiguredDatabase(Map.of("RICHMOND_DB_URL", DATABASE, "RICHMOND_DB_USER", "postgres")),
            new BootstrapAccount("admin", "s3cret", "test"), new WebhookLogin("simulators", "hook-s3cret"));

    private final Map<String, ChildSpec> byName = services.services().stream()
            .collect(Collectors.toMap(ChildSpec::name, Function.identity()));

    @Test
    void startsTheServicesInDependencyOrderInTheBackground() {
        assertThat(services.services()).extracting(ChildSpec::name)
                .containsExactly("api-service", "sms-transport", "callback-dispatcher", "ussd-transport",
                        "echo-worker");
        assertThat(services.services()).noneMatch(ChildSpec::ownsTerminal);
        assertThat(services.services()).allSatisfy(spec ->
                assertThat(spec.environment()).containsEntry("RICHMOND_AMQP_URI", BROKER));
    }

    @Test
    void givesEachSpringBootServiceItsConfigFile() {
        for (String service : List.of("api-service", "sms-transport", "callback-dispatcher", "ussd-transport")) {
            assertThat(byName.get(service).command()).startsWith("/jdk/bin/java", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-jar",
                    service + "/target/" + service + ".jar",
                    "--spring.config.additional-location=optional:file:config/" + service + ".yml");
        }
        assertThat(byName.get("api-service").command()).endsWith("--server.port=8000", "--management.server.port=8081");
        assertThat(byName.get("api-service").readiness().describe())
                .isEqualTo("answered http://127.0.0.1:8081/actuator/health with 2xx");
        assertThat(byName.get("sms-transport").command()).endsWith("--server.port=8001");
    }

    @Test
    void pointsTheApiAtTheDatabaseWithTheFirstAccountAndLocalCallbacks() {
        assertThat(byName.get("api-service").environment())
                .containsEntry("RICHMOND_DB_URL", DATABASE)
                .containsEntry("RICHMOND_DB_USER", "postgres")
                .containsEntry("RICHMOND_BOOTSTRAP_USERNAME", "admin")
                .containsEntry("RICHMOND_BOOTSTRAP_PASSWORD", "s3cret")
                .containsEntry("RICHMOND_API_INBOUND_DEFAULT_ACCOUNT", "admin")
                .containsEntry("RICHMOND_CALLBACKS_ALLOWED_HOSTS", "localhost,127.0.0.1");
        assertThat(byName.get("callback-dispatcher").environment())
                .containsEntry("RICHMOND_DB_URL", DATABASE)
                .containsEntry("RICHMOND_CALLBACKS_ALLOWED_HOSTS", "localhost,127.0.0.1")
                .doesNotContainKey("RICHMOND_BOOTSTRAP_PASSWORD");
    }

    @Test
    void pointsTheTransportsAtTheFakes() {
        assertThat(byName.get("sms-transport").environment())
                .containsEntry("RICHMOND_SMS_CLICKATELL_BASE_URL", "http://127.0.0.1:8101/http")
                .containsEntry("RICHMOND_SMS_OPERA_URL", "http://127.0.0.1:8102/Gateway")
                .containsKeys("RICHMOND_SMS_CLICKATELL_API_ID", "RICHMOND_SMS_OPERA_SERVICE")
                .doesNotContainKey("RICHMOND_DB_URL");
        assertThat(byName.get("ussd-transport").environment())
                .containsEntry("RICHMOND_SSMI_HOST", "127.0.0.1")
                .containsEntry("RICHMOND_SSMI_PORT", "50008")
                .containsEntry("RICHMOND_SSMI_USERNAME", "username")
                .containsEntry("RICHMOND_SSMI_PASSWORD", "password");
    }

    @Test
    void protectsTheWebhooksWithTheLoginTheSimulatorsSend() {
        assertThat(byName.get("sms-transport").environment())
                .containsEntry("RICHMOND_SMS_CLICKATELL_WEBHOOK_USERNAME", "simulators")
                .containsEntry("RICHMOND_SMS_CLICKATELL_WEBHOOK_PASSWORD", "hook-s3cret")
                .containsEntry("RICHMOND_SMS_OPERA_WEBHOOK_USERNAME", "simulators")
                .containsEntry("RICHMOND_SMS_OPERA_WEBHOOK_PASSWORD", "hook-s3cret")
                .doesNotContainKeys("RICHMOND_SMS_CLICKATELL_WEBHOOK_ALLOW_UNAUTHENTICATED",
                        "RICHMOND_SMS_OPERA_WEBHOOK_ALLOW_UNAUTHENTICATED");
        ChildSpec simulators = services.simulators(false);
        assertThat(simulators.command()).contains("--webhook-username=simulators")
                .noneMatch(argument -> argument.contains("hook-s3cret"));
        assertThat(simulators.environment()).containsEntry("RICHMOND_SIMULATORS_WEBHOOK_PASSWORD", "hook-s3cret");
    }

    @Test
    void generatesANewWebhookPasswordForEveryRun() {
        WebhookLogin login = WebhookLogin.generate();

        assertThat(login.username()).isEqualTo("simulators");
        assertThat(login.password()).matches("[0-9a-f]{32}").isNotEqualTo(WebhookLogin.generate().password());
        assertThat(login).asString().doesNotContain(login.password());
    }

    @Test
    void runsTheEchoWorkerFromTheExampleJars() {
        assertThat(byName.get("echo-worker").command()).containsExactly("/jdk/bin/java",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                "worker-sdk/target/worker-runner.jar", "--worker", "io.richmond.workers.EchoWorker",
                "--config", "config/worker-runner.properties", "--workers-dir", "example-workers/target");
    }

    @Test
    void givesTheSimulatorsTheTerminalAndTheSameCredentialsAndPorts() {
        ChildSpec simulators = services.simulators(true);

        assertThat(simulators.ownsTerminal()).isTrue();
        assertThat(simulators.command()).containsExactly("/jdk/bin/java", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", "simulators/target/simulators.jar",
                "--truteq-port=50008", "--truteq-username=username", "--truteq-password=password",
                "--clickatell-port=8101", "--opera-port=8102", "--webhooks=http://127.0.0.1:8001",
                "--webhook-username=simulators", "--receipt-delay=2s", "--console");
        assertThat(services.simulators(false).command()).endsWith("--no-console");
    }

    @Test
    void listsTheJarsABuildMakes() {
        assertThat(LocalServices.jars()).extracting(Object::toString).containsExactly(
                "api-service/target/api-service.jar", "sms-transport/target/sms-transport.jar",
                "callback-dispatcher/target/callback-dispatcher.jar", "ussd-transport/target/ussd-transport.jar",
                "worker-sdk/target/worker-runner.jar", "simulators/target/simulators.jar");
        // Tests run in local-run/, where none of them is.
        assertThat(LocalServices.missingJars()).isEqualTo(LocalServices.jars());
    }
}
