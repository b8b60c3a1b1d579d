package io.richmond.simulators;

import io.richmond.simulators.http.WebhookTarget;
import io.richmond.simulators.truteq.TruteqSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar simulators.jar}: fake TruTeq, Clickatell and Opera on 127.0.0.1, and a console to play the phones.
 * Runs until SIGINT or SIGTERM; the end of the console's input only closes the console.
 */
@Command(name = "simulators", sortOptions = false,
        description = "Stand-ins for TruTeq (SSMI), Clickatell and Opera, so that Richmond runs without provider"
                + " accounts. The console plays the phones: dial USSD codes, answer menus, send SMS.")
public final class SimulatorsCommand implements Callable<Integer> {

    static final String WEBHOOK_PASSWORD_VARIABLE = "RICHMOND_SIMULATORS_WEBHOOK_PASSWORD";

    @Option(names = "--truteq-port", defaultValue = "50008", paramLabel = "PORT",
            description = "Fake TruTeq SSMI port, 0 for any free one (default: ${DEFAULT-VALUE})")
    private int truteqPort;

    @Option(names = "--truteq-username", defaultValue = "username", paramLabel = "NAME",
            description = "The login TruTeq accepts (default: ${DEFAULT-VALUE}, as config/ussd-transport.yml)")
    private String truteqUsername;

    @Option(names = "--truteq-password", defaultValue = "password", paramLabel = "PASSWORD",
            description = "Its password (default: ${DEFAULT-VALUE}, as config/ussd-transport.yml)")
    private String truteqPassword;

    @Option(names = "--clickatell-port", defaultValue = "8101", paramLabel = "PORT",
            description = "Fake Clickatell HTTP API port, 0 for any free one (default: ${DEFAULT-VALUE})")
    private int clickatellPort;

    @Option(names = "--opera-port", defaultValue = "8102", paramLabel = "PORT",
            description = "Fake Opera XML-RPC port, 0 for any free one (default: ${DEFAULT-VALUE})")
    private int operaPort;

    @Option(names = "--webhooks", defaultValue = "http://127.0.0.1:8001", paramLabel = "URL",
            description = "sms-transport's base URL, where receipts and inbound SMS are posted"
                    + " (default: ${DEFAULT-VALUE})")
    private URI webhooks;

    @Option(names = "--webhook-username", paramLabel = "NAME",
            description = "HTTP Basic user for those posts (richmond.sms.<gw>.webhook.username)")
    private String webhookUsername;

    /** Also from the environment, where other users of the machine cannot read it as they can a command line. */
    @Option(names = "--webhook-password", paramLabel = "PASSWORD",
            defaultValue = "${" + WEBHOOK_PASSWORD_VARIABLE + "}",
            description = "HTTP Basic password for those posts (default: the environment variable "
                    + WEBHOOK_PASSWORD_VARIABLE + ")")
    private String webhookPassword;

    @Option(names = "--receipt-delay", defaultValue = "2s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Delay between accepting an SMS and posting its delivery receipt, e.g. 500ms, 2s, 1m"
                    + " (default: ${DEFAULT-VALUE})")
    private Duration receiptDelay;

    @Option(names = "--console", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Read commands from stdin (default: on; --no-console to only serve)")
    private boolean console;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
    private boolean help;

    private final InputStream in;
    private final PrintStream out;
    private final boolean interactive;

    /**
     * @param interactive whether {@code in} and {@code out} are a terminal a person types at
     */
    SimulatorsCommand(InputStream in, PrintStream out, boolean interactive) {
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new SimulatorsCommand(System.in, System.out, System.console() != null)).execute(args));
    }

    /**
     * A settings value the user has to fix is told in one line with the usage exit code (2), like a bad option, and
     * a port already taken in one line with exit code 1; neither gets a stack trace.
     */
    static CommandLine commandLine(SimulatorsCommand command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            failed.getErr().println(failed.getColorScheme().errorText("simulators: " + exception.getMessage()));
            if (exception instanceof IllegalArgumentException) {
                return failed.getCommandSpec().exitCodeOnInvalidInput();
            }
            if (exception instanceof IOException) {
                return failed.getCommandSpec().exitCodeOnExecutionException();
            }
            throw exception;
        });
        return commandLine;
    }

    /** @throws IllegalArgumentException for values that do not go together */
    SimulatorSettings settings() {
        return new SimulatorSettings(new TruteqSettings(truteqPort, truteqUsername, truteqPassword), clickatellPort,
                operaPort, new WebhookTarget(webhooks, webhookUsername, webhookPassword), receiptDelay);
    }

    boolean console() {
        return console;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Terminal terminal = new Terminal(out, interactive);
        Simulators simulators = Simulators.start(settings(), terminal);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulators.close();
            terminal.println("simulators stopped");
            stopped.countDown();
        }, "simulators-shutdown"));
        if (console) {
            simulators.console().run(new BufferedReader(new InputStreamReader(in, Charset.defaultCharset())));
        }
        stopped.await();
        return 0;
    }

    /** Picocli's own Duration converter only reads ISO-8601 ({@code PT2S}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
