package io.richmond.simulators.opera;

import io.richmond.simulators.Terminal;
import io.richmond.simulators.http.HttpAnswer;
import io.richmond.simulators.http.LoopbackHttpServer;
import io.richmond.simulators.http.Webhooks;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Opera's XML-RPC gateway on 127.0.0.1 ({@code POST /Gateway}): answers {@code EAPIGateway.SendSMS} with an
 * Identifier and posts a delivery receipt to sms-transport for every SMS that asked for one.
 */
public final class FakeOpera implements AutoCloseable {

    static final String PATH = "/Gateway";

    private final LoopbackHttpServer server;

    private FakeOpera(LoopbackHttpServer server) {
        this.server = server;
    }

    /** @param port 0 for any free port */
    public static FakeOpera start(int port, Webhooks webhooks, Duration receiptDelay, Terminal terminal)
            throws IOException {
        OperaGateway gateway = new OperaGateway(new OperaReceipts(webhooks, receiptDelay), terminal);
        return new FakeOpera(LoopbackHttpServer.start(port, "opera", Set.of("POST"),
                Map.of(PATH, call -> HttpAnswer.xml(gateway.answer(call.body()))), terminal));
    }

    public int port() {
        return server.port();
    }

    /** The URL sms-transport's {@code richmond.sms.opera.url} takes. */
    public String url() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    @Override
    public void close() {
        server.close();
    }
}
