package io.richmond.sdk.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.richmond.sdk.topology.CommandLines;
import io.richmond.sdk.topology.IniFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code richmond-jobs config/runners.ini}: runs the configured job runners in the foreground. Ctrl-C (or SIGTERM)
 * stops taking jobs and lets the running ones finish and be acknowledged first.
 */
@Command(name = "richmond-jobs", mixinStandardHelpOptions = true,
        description = "Consumes each [runner:<queue>] queue of the config file and runs its jobs.")
public final class JobsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The ini file, e.g. config/runners.ini")
    private Path configFile;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "PT5M",
            description = "How long shutdown waits for running jobs (default: ${DEFAULT-VALUE})")
    private Duration shutdownGrace;

    public static void main(String[] args) {
        System.exit(CommandLines.of(new JobsCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JobsConfig config = JobsConfig.from(IniFile.read(configFile), System.getenv());
        JobHost host = new JobHost(config, "richmond-jobs");
        CommandLines.runUntilShutdown("richmond-jobs", host::start, () -> host.stop(shutdownGrace));
        return 0;
    }
}
