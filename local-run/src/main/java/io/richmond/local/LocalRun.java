package io.richmond.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.richmond.local.account.AccountCheck;
import io.richmond.local.account.BootstrapAccount;
import io.richmond.local.banner.Banner;
import io.richmond.local.broker.Broker;
import io.richmond.local.broker.ConfiguredBroker;
import io.richmond.local.broker.EmbeddedQpid;
import io.richmond.local.database.ConfiguredDatabase;
import io.richmond.local.database.Database;
import io.richmond.local.database.EmbeddedPostgresDatabase;
import io.richmond.local.ports.LoopbackPorts;
import io.richmond.local.services.LocalServices;
import io.richmond.local.services.WebhookLogin;
import io.richmond.local.supervisor.Child;
import io.richmond.local.supervisor.ChildExit;
import io.richmond.local.supervisor.ChildFailedException;
import io.richmond.local.supervisor.ChildSpec;
import io.richmond.local.supervisor.Supervisor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar local-run/target/richmond-local.jar}, from the repository: the whole of Richmond on one machine.
 * An embedded broker and database unless RICHMOND_AMQP_URI / RICHMOND_DB_URL name others, then every service, an
 * EchoWorker and the simulators as child processes; Ctrl-C stops them all, in reverse order.
 */
@Command(name = "richmond-local", mixinStandardHelpOptions = true,
        description = "Runs Richmond locally: broker, database, every service, an EchoWorker and the simulators.")
public final class LocalRun implements Callable<Integer> {

    private static final Path VAR = Path.of("var");
    private static final Path LOGS = VAR.resolve("logs");
    private static final int PREFERRED_DATABASE_PORT = 5433;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    @Option(names = "--no-console", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Give the terminal to the simulators' console (default); --no-console when nobody types,"
                    + " e.g. in a script")
    private boolean console;

    private final PrintStream out = System.out;
    private final Map<String, String> environment = System.getenv();
    /** What has been started, stopped last first by the shutdown hook. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new LocalRun());
        // A child that failed, a bad variable, a folder still in use: each message says what to do, a stack trace
        // would only bury it.
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (!(exception instanceof ChildFailedException || exception instanceof IllegalArgumentException
                    || exception instanceof IllegalStateException)) {
                throw exception;
            }
            command.getErr().println(exception.getMessage());
            return command.getCommandSpec().exitCodeOnExecutionException();
        });
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        List<Path> missing = LocalServices.missingJars();
        if (!missing.isEmpty()) {
            out.println("Missing " + missing.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + ": build first (bin/richmond without RICHMOND_SKIP_BUILD, or mvn -B -DskipTests install),"
                    + " from the repository's folder.");
            return 1;
        }
        List<Integer> taken = LocalServices.ports().stream().filter(port -> !LoopbackPorts.isFree(port)).toList();
        if (!taken.isEmpty()) {
            out.println("Port(s) " + taken + " already in use: is another Richmond running? Stop it and start again.");
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "local-run-stop"));

        out.println("Richmond local run: data and logs in " + VAR + "/");
        Broker broker = startBroker();
        out.println("Broker:   " + broker.description());
        Database database = startDatabase();
        out.println("Database: " + database.description());
        BootstrapAccount account = BootstrapAccount.resolve(environment, VAR.resolve("bootstrap-password"));

        WebhookLogin webhookLogin = WebhookLogin.generate();
        LocalServices services = new LocalServices(javaExecutable(), broker, database, account, webhookLogin);
        Supervisor supervisor = new Supervisor(LOGS, STOP_GRACE, line -> out.println("  " + line));
        register(supervisor::stopAll);
        try {
            startAll(supervisor, services.services());
            boolean passwordWorks = new AccountCheck(LocalServices.apiUrl()).passwordWorks(account);
            startAll(supervisor, List.of(services.simulators(console)));
            out.println(new Banner(LocalServices.apiUrl(), LocalServices.webhooksUrl(), webhookLogin, account,
                    passwordWorks, broker.displayUri(), database.displayUrl(), database.serviceEnvironment(),
                    LocalServices.simulatorsDescription(), LOGS, Duration.ofNanos(System.nanoTime() - start)).render());
        } catch (RuntimeException e) {
            if (supervisor.isStopping()) {
                // Ctrl-C while starting: the children ending now were told to, and the shutdown hook says so.
                return 1;
            }
            throw e;
        }
        ChildExit exit = supervisor.firstExit().get();
        out.println(exit.describe());
        return exit.failed() ? 1 : 0;
    }

    private Broker startBroker() throws Exception {
        Optional<ConfiguredBroker> configured = ConfiguredBroker.fromEnvironment(environment);
        Broker broker = configured.isPresent() ? configured.get() : EmbeddedQpid.start(VAR.resolve("broker"));
        register(broker);
        return broker;
    }

    private Database startDatabase() throws Exception {
        Optional<ConfiguredDatabase> configured = ConfiguredDatabase.fromEnvironment(environment);
        Database database = configured.isPresent() ? configured.get()
                : EmbeddedPostgresDatabase.start(VAR.resolve("postgres"), VAR.resolve("postgres-binaries"),
                        LOGS.resolve("postgres.log"), PREFERRED_DATABASE_PORT);
        register(database);
        return database;
    }

    /** Starts every child at once, then waits for each: their start-ups overlap. */
    private void startAll(Supervisor supervisor, List<ChildSpec> specs) throws Exception {
        out.println("Starting " + specs.stream().map(ChildSpec::name).collect(Collectors.joining(", ")) + " ...");
        List<Child> children = new ArrayList<>();
        for (ChildSpec spec : specs) {
            children.add(supervisor.start(spec));
        }
        for (Child child : children) {
            supervisor.awaitReady(child, READY_TIMEOUT);
            out.println("  " + child.name() + " is up" + child.log().map(log -> " (log: " + log + ")").orElse(""));
        }
    }

    private synchronized void register(AutoCloseable resource) {
        started.push(resource);
    }

    private synchronized void stopEverything() {
        if (started.isEmpty()) {
            return;
        }
        out.println("Stopping Richmond ...");
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                out.println("  could not stop " + resource + ": " + e.getMessage());
            }
        }
        out.println("Stopped.");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
