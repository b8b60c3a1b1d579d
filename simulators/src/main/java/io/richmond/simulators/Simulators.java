package io.richmond.simulators;

import io.richmond.simulators.clickatell.FakeClickatell;
import io.richmond.simulators.console.Console;
import io.richmond.simulators.http.Webhooks;
import io.richmond.simulators.opera.FakeOpera;
import io.richmond.simulators.truteq.FakeTruteq;
import java.io.IOException;

/** The three fake providers, running together and reporting to one terminal. */
public final class Simulators implements AutoCloseable {

    private final Webhooks webhooks;
    private final FakeTruteq truteq;
    private final FakeClickatell clickatell;
    private final FakeOpera opera;
    private final Terminal terminal;

    private Simulators(Webhooks webhooks, FakeTruteq truteq, FakeClickatell clickatell, FakeOpera opera,
                       Terminal terminal) {
        this.webhooks = webhooks;
        this.truteq = truteq;
        this.clickatell = clickatell;
        this.opera = opera;
        this.terminal = terminal;
    }

    /**
     * Starts every fake provider and prints a line per port it listens on.
     *
     * @throws IOException when a port cannot be bound; whatever had started is stopped again
     */
    public static Simulators start(SimulatorSettings settings, Terminal terminal) throws IOException {
        Webhooks webhooks = new Webhooks(settings.webhooks(), terminal);
        FakeTruteq truteq = null;
        FakeClickatell clickatell = null;
        try {
            truteq = FakeTruteq.start(settings.truteq(), terminal);
            clickatell = FakeClickatell.start(settings.clickatellPort(), webhooks, settings.receiptDelay(), terminal);
            FakeOpera opera = FakeOpera.start(settings.operaPort(), webhooks, settings.receiptDelay(), terminal);
            Simulators simulators = new Simulators(webhooks, truteq, clickatell, opera, terminal);
            simulators.announce(settings);
            return simulators;
        } catch (IOException | RuntimeException e) {
            if (clickatell != null) {
                clickatell.close();
            }
            if (truteq != null) {
                truteq.close();
            }
            webhooks.close();
            throw e;
        }
    }

    private void announce(SimulatorSettings settings) {
        terminal.println("Fake TruTeq SSMI listening on 127.0.0.1:" + truteq.port() + " (login "
                + settings.truteq().username() + ")");
        terminal.println("Fake Clickatell HTTP API listening on 127.0.0.1:" + clickatell.port() + " (base URL "
                + clickatell.baseUrl() + ")");
        terminal.println("Fake Opera XML-RPC listening on 127.0.0.1:" + opera.port() + " (URL " + opera.url() + ")");
        terminal.println("Receipts and inbound SMS go to " + webhooks.target() + ", receipts "
                + Durations.describe(settings.receiptDelay()) + " after each send");
    }

    public Console console() {
        return new Console(truteq.phone(), clickatell.mo(), terminal);
    }

    public int truteqPort() {
        return truteq.port();
    }

    public int clickatellPort() {
        return clickatell.port();
    }

    public int operaPort() {
        return opera.port();
    }

    /** Stops listening; receipts not yet posted are dropped. */
    @Override
    public void close() {
        webhooks.close();
        opera.close();
        clickatell.close();
        truteq.close();
    }
}
