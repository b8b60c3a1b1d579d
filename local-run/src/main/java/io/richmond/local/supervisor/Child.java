package io.richmond.local.supervisor;

import java.nio.file.Path;
import java.util.Optional;

/** A started child: its process, and the log file it writes unless it owns the terminal. */
public final class Child {

    private final ChildSpec spec;
    private final Process process;
    private final Optional<Path> log;

    Child(ChildSpec spec, Process process, Optional<Path> log) {
        this.spec = spec;
        this.process = process;
        this.log = log;
    }

    public String name() {
        return spec.name();
    }

    public Optional<Path> log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    ChildSpec spec() {
        return spec;
    }

    Process process() {
        return process;
    }

    /** Where to look for what it said: its log file, or the terminal. */
    String whereItsOutputIs() {
        return log.map(Path::toString).orElse("its output above");
    }
}
