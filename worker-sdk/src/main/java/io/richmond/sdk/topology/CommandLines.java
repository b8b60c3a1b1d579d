package io.richmond.sdk.topology;

import java.util.concurrent.CountDownLatch;

import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/** Picocli command lines for Richmond's operator commands, and their life in the foreground. */
public final class CommandLines {

    /** Something started by a command, which runs until the process is asked to stop. */
    @FunctionalInterface
    public interface Start {
        void start() throws Exception;
    }

    private CommandLines() {
    }

    /**
     * A command line for {@code command}. A bad config file is the user's to fix, like a bad option: an
     * {@link IllegalArgumentException} gets one line saying what is wrong and the usage exit code (2), not a stack
     * trace.
     */
    public static CommandLine of(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (!(exception instanceof IllegalArgumentException)) {
                throw exception;
            }
            failed.getErr().println(failed.getColorScheme().errorText(
                    failed.getCommandName() + ": " + exception.getMessage()));
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        return commandLine;
    }

    /**
     * Runs {@code start}, then waits until SIGTERM or Ctrl-C, whose shutdown hook runs {@code stop} (finishing the
     * work in hand) before the process exits.
     */
    public static void runUntilShutdown(String name, Start start, Runnable stop) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(CommandLines.class).info("{}: shutting down, finishing the work in hand", name);
            stop.run();
            stopped.countDown();
        }, name + "-shutdown"));
        start.start();
        stopped.await();
    }
}
