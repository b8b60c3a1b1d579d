package io.richmond.sdk.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.richmond.sdk.worker.Worker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The worker runner: {@code java -jar worker-runner.jar --worker <class> [--config <file>] [--concurrency N]}.
 * Stops cleanly on SIGTERM or Ctrl-C: in-flight messages are finished and acknowledged first.
 */
@Command(name = "worker-runner", mixinStandardHelpOptions = true,
        description = "Runs a Richmond worker: consumes <transport>.inbound and publishes what the worker sends.")
public final class WorkerRunner implements Callable<Integer> {

    @Option(names = "--worker", required = true, paramLabel = "CLASS",
            description = "The worker class, e.g. io.richmond.workers.EchoWorker")
    private String workerClass;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file (see config/worker-runner.properties)")
    private Path configFile;

    @Option(names = "--concurrency", paramLabel = "N", description = "Messages handled at once (default: 4)")
    private Integer concurrency;

    @Option(names = "--transport", paramLabel = "NAME", description = "The transport whose inbound queue to consume (default: truteq)")
    private String transport;

    @Option(names = "--queue", paramLabel = "NAME",
            description = "Consume this queue instead of <transport>.inbound, e.g. keyword.win (it must exist)")
    private String queue;

    @Option(names = "--workers-dir", paramLabel = "DIR", description = "A directory of custom worker jars (default: workers)")
    private Path workersDir;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "How long to let in-flight messages finish on shutdown (default: ${DEFAULT-VALUE})")
    private Duration shutdownGrace;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;

    public WorkerRunner() {
        this(System.getenv());
    }

    /** A runner that reads its environment overrides from {@code environment} rather than the process's. */
    WorkerRunner(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        // The runner's own logging setup; a logback.xml would also configure every application using the SDK.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "richmond-runner-logback.xml");
        }
        System.exit(commandLine(new WorkerRunner()).execute(args));
    }

    /**
     * The command line that runs {@code runner}. A bad config value or worker class is the user's to fix, like a bad
     * option: it gets one line saying what is wrong and the usage exit code (2), not a stack trace.
     */
    static CommandLine commandLine(WorkerRunner runner) {
        CommandLine commandLine = new CommandLine(runner);
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (!(exception instanceof IllegalArgumentException)) {
                throw exception;
            }
            command.getErr().println(command.getColorScheme().errorText("worker-runner: " + exception.getMessage()));
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        if (shutdownGrace.isNegative()) {
            throw new ParameterException(spec.commandLine(),
                    "--shutdown-grace must not be negative, got " + shutdownGrace);
        }
        RunnerConfig config = RunnerConfig.load(configFile, environment);
        if (concurrency != null) {
            config = config.withConcurrency(concurrency);
        }
        if (transport != null) {
            config = config.withTransport(transport);
        }
        if (workersDir != null) {
            config = config.withWorkersDir(workersDir);
        }
        ClassLoader loader = WorkerJars.classLoader(config.workersDir(), WorkerRunner.class.getClassLoader());
        Worker worker = WorkerJars.instantiate(workerClass, loader, config.workerSettings());

        WorkerHost host = new WorkerHost(config, worker, "worker-runner " + workerClass, queue);
        CountDownLatch stopped = new CountDownLatch(1);
        Logger log = LoggerFactory.getLogger(WorkerRunner.class);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down: finishing in-flight messages");
            host.stop(shutdownGrace);
            stopped.countDown();
        }, "worker-runner-shutdown"));
        host.start();
        stopped.await();
        return 0;
    }
}
