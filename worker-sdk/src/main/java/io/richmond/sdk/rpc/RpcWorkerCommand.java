package io.richmond.sdk.rpc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.richmond.sdk.runner.RunnerConfig;
import io.richmond.sdk.topology.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs one {@link RpcWorker} in the foreground until SIGTERM or Ctrl-C, which let the requests in hand be answered
 * first. Reads the broker settings ({@code amqp.*}, {@code concurrency}) of the worker runner's properties file.
 */
@Command(name = "richmond-rpc-worker", mixinStandardHelpOptions = true,
        description = "Answers the requests on a queue with an RpcWorker.")
public final class RpcWorkerCommand implements Callable<Integer> {

    @Option(names = "--worker", required = true, paramLabel = "CLASS",
            description = "The RpcWorker class, e.g. io.richmond.workers.UppercaseRpcWorker")
    private String workerClass;

    @Option(names = "--queue", required = true, paramLabel = "NAME",
            description = "The queue (and routing key) requests come on")
    private String queue;

    @Option(names = "--output-key", paramLabel = "KEY",
            description = "Where to answer requests without reply_to (default: they are dropped with a warning)")
    private String outputKey;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file (see config/worker-runner.properties)")
    private Path configFile;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests handled at once (default: 4)")
    private Integer concurrency;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "How long shutdown waits for requests in hand (default: ${DEFAULT-VALUE})")
    private Duration shutdownGrace;

    public static void main(String[] args) {
        System.exit(CommandLines.of(new RpcWorkerCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RunnerConfig runner = RunnerConfig.load(configFile, System.getenv());
        RpcWorkerConfig config = new RpcWorkerConfig(runner.amqpUri(), runner.exchange(), queue, outputKey,
                runner.prefetch(), concurrency == null ? runner.concurrency() : concurrency);
        RpcWorkerHost host = new RpcWorkerHost(config, Instances.create(workerClass, RpcWorker.class),
                "rpc-worker " + workerClass);
        CommandLines.runUntilShutdown("richmond-rpc-worker", host::start, () -> host.stop(shutdownGrace));
        return 0;
    }
}
