package io.richmond.local.supervisor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a group of child processes: starts them in order, waits until each is ready, tells when one ends on its
 * own, and stops them all in reverse order (SIGTERM, then SIGKILL after a grace period).
 *
 * <p>A child that does not own the terminal runs in a session of its own ({@code setsid}): the terminal's Ctrl-C
 * reaches only the launcher, which then stops the children one by one, last started first, each after the ones
 * that depend on it.
 */
public final class Supervisor {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final int TAIL_LINES = 30;
    private static final File NO_INPUT = new File("/dev/null");

    private final Path logFolder;
    private final Duration stopGrace;
    private final Consumer<String> report;
    private final List<Child> children = new ArrayList<>();
    private final CompletableFuture<ChildExit> firstExit = new CompletableFuture<>();
    private volatile boolean stopping;

    /**
     * @param logFolder where each child's {@code <name>.log} goes, written afresh at every start
     * @param stopGrace how long a child may take to stop after SIGTERM before it is killed
     * @param report takes one line for the user about each child stopped or killed
     */
    public Supervisor(Path logFolder, Duration stopGrace, Consumer<String> report) {
        this.logFolder = logFolder;
        this.stopGrace = stopGrace;
        this.report = report;
    }

    public synchronized Child start(ChildSpec spec) throws IOException {
        if (stopping) {
            throw new IllegalStateException("not starting " + spec.name() + ": the group is stopping");
        }
        ProcessBuilder builder;
        Optional<Path> log;
        if (spec.ownsTerminal()) {
            builder = new ProcessBuilder(spec.command()).inheritIO();
            log = Optional.empty();
        } else {
            List<String> command = new ArrayList<>();
            command.add("setsid");
            command.addAll(spec.command());
            Files.createDirectories(logFolder);
            Path file = logFolder.resolve(spec.name() + ".log");
            builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(file.toFile()));
            log = Optional.of(file);
        }
        builder.environment().putAll(spec.environment());
        Child child = new Child(spec, builder.start(), log);
        children.add(child);
        child.process().onExit().thenAccept(process -> {
            if (!stopping) {
                firstExit.complete(exitOf(child));
            }
        });
        return child;
    }

    /**
     * Returns once the child's readiness check passes; throws {@link ChildFailedException} if the child ends first
     * or the check has not passed within {@code timeout}.
     */
    public void awaitReady(Child child, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Readiness readiness = child.spec().readiness();
        while (!readiness.isReady(child)) {
            if (System.nanoTime() - deadline > 0) {
                throw new ChildFailedException(child.name() + " did not become ready within " + timeout.toSeconds()
                        + " s: it never " + readiness.describe() + "; see " + child.whereItsOutputIs());
            }
            try {
                // Doubles as the pause between two checks, and ends it as soon as the child dies.
                child.process().onExit().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                ChildExit exit = exitOf(child);
                throw new ChildFailedException(child.name() + " ended (exit code " + exit.exitCode() + ") before it "
                        + readiness.describe() + exit.excerpt());
            } catch (TimeoutException stillRunning) {
                continue;
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for " + child.name() + " failed", e);
            }
        }
    }

    /** Whether {@link #stopAll()} has begun: children ending now were told to. */
    public boolean isStopping() {
        return stopping;
    }

    /** Completes with the first child that ends while the group is not stopping. */
    public CompletableFuture<ChildExit> firstExit() {
        return firstExit;
    }

    /** Stops every child, last started first, each before the next; children that already ended are skipped. */
    public synchronized void stopAll() {
        stopping = true;
        List<Child> lastFirst = new ArrayList<>(children);
        Collections.reverse(lastFirst);
        for (Child child : lastFirst) {
            stop(child);
        }
    }

    private void stop(Child child) {
        if (!child.isAlive()) {
            return;
        }
        child.process().destroy();
        try {
            child.process().onExit().get(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
            report.accept("stopped " + child.name());
        } catch (TimeoutException e) {
            child.process().destroyForcibly();
            report.accept("killed " + child.name() + ": it had not stopped " + stopGrace.toSeconds()
                    + " s after SIGTERM");
        } catch (InterruptedException e) {
            child.process().destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for " + child.name() + " to stop failed", e);
        }
    }

    private static ChildExit exitOf(Child child) {
        int code = child.process().exitValue();
        String lastLines = child.log().map(log -> LogTail.of(log, TAIL_LINES)).orElse("");
        return new ChildExit(child.name(), code, child.log(), lastLines);
    }
}
