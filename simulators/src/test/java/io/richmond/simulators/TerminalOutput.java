package io.richmond.simulators;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A {@link Terminal} that is not a person's: what it printed, readable from tests while other threads print. */
public final class TerminalOutput {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Terminal terminal = new Terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    public Terminal terminal() {
        return terminal;
    }

    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
