package io.richmond.simulators.clickatell;

import io.richmond.simulators.Terminal;
import io.richmond.simulators.http.HttpAnswer;
import io.richmond.simulators.http.LoopbackHttpServer;
import io.richmond.simulators.http.Webhooks;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A Clickatell HTTP API on 127.0.0.1 ({@code /http/auth}, {@code /http/ping}, {@code /http/sendmsg}, GET or POST):
 * it accepts any account, answers as Clickatell does, and posts a delivery receipt to sms-transport for every SMS
 * that asked for one. {@link #mo()} sends SMS the other way.
 */
public final class FakeClickatell implements AutoCloseable {

    private final LoopbackHttpServer server;
    private final ClickatellMo mo;

    private FakeClickatell(LoopbackHttpServer server, ClickatellMo mo) {
        this.server = server;
        this.mo = mo;
    }

    /** @param port 0 for any free port */
    public static FakeClickatell start(int port, Webhooks webhooks, Duration receiptDelay, Terminal terminal)
            throws IOException {
        ClickatellApi api = new ClickatellApi(new ClickatellReceipts(webhooks, receiptDelay), terminal);
        LoopbackHttpServer server = LoopbackHttpServer.start(port, "clickatell", Set.of("GET", "POST"), Map.of(
                "/http/auth", call -> HttpAnswer.text(200, api.auth(call.parameters())),
                "/http/ping", call -> HttpAnswer.text(200, api.ping(call.parameters())),
                "/http/sendmsg", call -> HttpAnswer.text(200, api.sendmsg(call.parameters()))), terminal);
        return new FakeClickatell(server, new ClickatellMo(webhooks, api::lastApiId));
    }

    public int port() {
        return server.port();
    }

    /** The base URL sms-transport's {@code richmond.sms.clickatell.base-url} takes. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/http";
    }

    public ClickatellMo mo() {
        return mo;
    }

    @Override
    public void close() {
        server.close();
    }
}
