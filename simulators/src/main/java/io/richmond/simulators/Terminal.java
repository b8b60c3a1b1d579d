package io.richmond.simulators;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * What the person at the keyboard sees. The simulators report from several threads while the console waits for a
 * line, so each report is printed whole and, on a real terminal, the prompt is drawn again below it.
 */
public final class Terminal {

    /** Back to the start of the line and clear it: the prompt (and anything half typed) is drawn again after. */
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream out;
    private final boolean interactive;
    private Supplier<String> prompt;

    /**
     * @param interactive whether {@code out} is a terminal a person types at; only then is a prompt shown
     */
    public Terminal(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    public synchronized void println(String text) {
        if (prompt != null) {
            out.print(CLEAR_LINE);
        }
        out.println(text);
        if (prompt != null) {
            out.print(prompt.get());
        }
        out.flush();
    }

    /**
     * Shows the prompt until {@link #lineEntered}; {@code prompt} must not wait for a lock, since it is called under
     * this one.
     */
    public synchronized void waitForLine(Supplier<String> prompt) {
        if (interactive) {
            this.prompt = prompt;
            out.print(prompt.get());
            out.flush();
        }
    }

    /**
     * The person pressed Enter: the prompt is no longer the last thing on the screen. Input that does not come from a
     * person at a terminal is echoed, so that the output still shows what each report answers.
     */
    public synchronized void lineEntered(String line) {
        prompt = null;
        if (!interactive && line != null) {
            out.println("> " + line);
            out.flush();
        }
    }
}
