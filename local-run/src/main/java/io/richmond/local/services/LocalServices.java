package io.richmond.local.services;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.richmond.local.account.BootstrapAccount;
import io.richmond.local.broker.Broker;
import io.richmond.local.database.Database;
import io.richmond.local.supervisor.ChildSpec;
import io.richmond.local.supervisor.HttpReadiness;
import io.richmond.local.supervisor.LogLineReadiness;
import io.richmond.local.supervisor.PortReadiness;

/**
 * The processes of a local run, in the order they start, each pointed at the broker, the database and the
 * simulators. Paths are relative to the repository, where bin/richmond runs the launcher.
 */
public final class LocalServices {

    public static final int API_PORT = 8000;
    /** api-service's actuator (health, Prometheus metrics), on loopback only. */
    public static final int API_MANAGEMENT_PORT = 8081;
    public static final int SMS_PORT = 8001;
    public static final int TRUTEQ_PORT = 50008;
    public static final int CLICKATELL_PORT = 8101;
    public static final int OPERA_PORT = 8102;

    static final String TRUTEQ_USERNAME = "username";
    static final String TRUTEQ_PASSWORD = "password";
    /** The fakes take any credentials; sms-transport refuses to send without some. */
    static final String PROVIDER_CREDENTIAL = "richmond-local";
    /**
     * Six JVMs start at once on as few as two cores: compiling only with C1 and one GC thread shortens their
     * start-up, at a cost in peak speed that a local run does not need.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    static final Path SIMULATORS_JAR = Path.of("simulators", "target", "simulators.jar");

    private final String java;
    private final Broker broker;
    private final Database database;
    private final BootstrapAccount account;
    private final WebhookLogin webhookLogin;

    /**
     * @param java         the java executable the children run on
     * @param webhookLogin what sms-transport's webhooks want and the simulators send
     */
    public LocalServices(String java, Broker broker, Database database, BootstrapAccount account,
            WebhookLogin webhookLogin) {
        this.java = java;
        this.broker = broker;
        this.database = database;
        this.account = account;
        this.webhookLogin = webhookLogin;
    }

    public static URI apiUrl() {
        return URI.create("http://localhost:" + API_PORT);
    }

    public static URI webhooksUrl() {
        return URI.create("http://localhost:" + SMS_PORT);
    }

    /** Where the simulators listen, for the banner. */
    public static String simulatorsDescription() {
        return "TruTeq SSMI 127.0.0.1:" + TRUTEQ_PORT + ", Clickatell http://127.0.0.1:" + CLICKATELL_PORT
                + "/http, Opera http://127.0.0.1:" + OPERA_PORT + "/Gateway";
    }

    /** Every port a local run listens on, besides the broker's and the database's. */
    public static List<Integer> ports() {
        return List.of(API_PORT, API_MANAGEMENT_PORT, SMS_PORT, TRUTEQ_PORT, CLICKATELL_PORT, OPERA_PORT);
    }

    /** The jars the children run, which a build makes. */
    public static List<Path> jars() {
        return List.of(jar("api-service"), jar("sms-transport"), jar("callback-dispatcher"), jar("ussd-transport"),
                Path.of("worker-sdk", "target", "worker-runner.jar"), SIMULATORS_JAR);
    }

    /** The jars of {@link #jars()} that are not there. */
    public static List<Path> missingJars() {
        return jars().stream().filter(jar -> !Files.isRegularFile(jar)).toList();
    }

    /** The services, which write to var/logs, in start order. */
    public List<ChildSpec> services() {
        Map<String, String> allowLocalCallbacks = Map.of("RICHMOND_CALLBACKS_ALLOWED_HOSTS", "localhost,127.0.0.1");
        return List.of(
                ChildSpec.background("api-service",
                        springBoot("api-service", "--server.port=" + API_PORT,
                                "--management.server.port=" + API_MANAGEMENT_PORT),
                        environment(broker.serviceEnvironment(), database.serviceEnvironment(),
                                account.serviceEnvironment(), allowLocalCallbacks,
                                // SMS from the simulators go to numbers nobody routed: the first account gets them,
                                // so that its sms_received callbacks fire.
                                Map.of("RICHMOND_API_INBOUND_DEFAULT_ACCOUNT", account.username())),
                        new HttpReadiness(URI.create("http://127.0.0.1:" + API_MANAGEMENT_PORT
                                + "/actuator/health"))),
                ChildSpec.background("sms-transport",
                        springBoot("sms-transport", "--server.port=" + SMS_PORT),
                        environment(broker.serviceEnvironment(), fakeProviders(), webhookCredentials()),
                        new LogLineReadiness("Started SmsTransportApplication")),
                ChildSpec.background("callback-dispatcher",
                        springBoot("callback-dispatcher"),
                        environment(broker.serviceEnvironment(), database.serviceEnvironment(), allowLocalCallbacks),
                        new LogLineReadiness("Started CallbackDispatcherApplication")),
                ChildSpec.background("ussd-transport",
                        springBoot("ussd-transport"),
                        environment(broker.serviceEnvironment(), fakeTruteq()),
                        new LogLineReadiness("Started UssdTransportApplication")),
                ChildSpec.background("echo-worker",
                        javaJar(Path.of("worker-sdk", "target", "worker-runner.jar"),
                                "--worker", "io.richmond.workers.EchoWorker",
                                "--config", Path.of("config", "worker-runner.properties").toString(),
                                "--workers-dir", Path.of("example-workers", "target").toString()),
                        broker.serviceEnvironment(),
                        new LogLineReadiness("is consuming")));
    }

    /**
     * The fake TruTeq, Clickatell and Opera, last: it takes over the terminal with its console, or only serves
     * with {@code console} false.
     */
    public ChildSpec simulators(boolean console) {
        return ChildSpec.interactive("simulators",
                javaJar(SIMULATORS_JAR,
                        "--truteq-port=" + TRUTEQ_PORT,
                        "--truteq-username=" + TRUTEQ_USERNAME,
                        "--truteq-password=" + TRUTEQ_PASSWORD,
                        "--clickatell-port=" + CLICKATELL_PORT,
                        "--opera-port=" + OPERA_PORT,
                        "--webhooks=http://127.0.0.1:" + SMS_PORT,
                        "--webhook-username=" + webhookLogin.username(),
                        "--receipt-delay=2s",
                        console ? "--console" : "--no-console"),
                // The password in the environment: a command line is readable by every user of the machine.
                Map.of("RICHMOND_SIMULATORS_WEBHOOK_PASSWORD", webhookLogin.password()),
                // Not the TruTeq port: a probe would show in the console as a phone company connecting.
                new PortReadiness(List.of(CLICKATELL_PORT, OPERA_PORT)));
    }

    private List<String> springBoot(String service, String... arguments) {
        List<String> withConfig = new ArrayList<>();
        withConfig.add("--spring.config.additional-location=optional:file:config/" + service + ".yml");
        withConfig.addAll(List.of(arguments));
        return javaJar(jar(service), withConfig.toArray(String[]::new));
    }

    private List<String> javaJar(Path jar, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static Path jar(String service) {
        return Path.of(service, "target", service + ".jar");
    }

    private static Map<String, String> fakeProviders() {
        return Map.of(
                "RICHMOND_SMS_CLICKATELL_BASE_URL", "http://127.0.0.1:" + CLICKATELL_PORT + "/http",
                "RICHMOND_SMS_CLICKATELL_API_ID", PROVIDER_CREDENTIAL,
                "RICHMOND_SMS_CLICKATELL_USERNAME", PROVIDER_CREDENTIAL,
                "RICHMOND_SMS_CLICKATELL_PASSWORD", PROVIDER_CREDENTIAL,
                "RICHMOND_SMS_OPERA_URL", "http://127.0.0.1:" + OPERA_PORT + "/Gateway",
                "RICHMOND_SMS_OPERA_SERVICE", PROVIDER_CREDENTIAL,
                "RICHMOND_SMS_OPERA_PASSWORD", PROVIDER_CREDENTIAL,
                "RICHMOND_SMS_OPERA_CHANNEL", PROVIDER_CREDENTIAL);
    }

    /** Both providers' webhooks want the simulators' login. */
    private Map<String, String> webhookCredentials() {
        return Map.of(
                "RICHMOND_SMS_CLICKATELL_WEBHOOK_USERNAME", webhookLogin.username(),
                "RICHMOND_SMS_CLICKATELL_WEBHOOK_PASSWORD", webhookLogin.password(),
                "RICHMOND_SMS_OPERA_WEBHOOK_USERNAME", webhookLogin.username(),
                "RICHMOND_SMS_OPERA_WEBHOOK_PASSWORD", webhookLogin.password());
    }

    private static Map<String, String> fakeTruteq() {
        return Map.of(
                "RICHMOND_SSMI_HOST", "127.0.0.1",
                "RICHMOND_SSMI_PORT", Integer.toString(TRUTEQ_PORT),
                "RICHMOND_SSMI_USERNAME", TRUTEQ_USERNAME,
                "RICHMOND_SSMI_PASSWORD", TRUTEQ_PASSWORD,
                // The fake TruTeq starts after the transport; the default back-off would grow to a minute meanwhile.
                "RICHMOND_SSMI_RECONNECT_MAX_DELAY", "2s");
    }

    @SafeVarargs
    private static Map<String, String> environment(Map<String, String>... parts) {
        Map<String, String> environment = new HashMap<>();
        for (Map<String, String> part : parts) {
            environment.putAll(part);
        }
        return environment;
    }
}
