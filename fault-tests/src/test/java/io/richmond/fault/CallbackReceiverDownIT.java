package io.richmond.fault;

import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.richmond.testsupport.RequiresPostgres;
import io.richmond.testsupport.RequiresRabbitMq;
import io.richmond.testsupport.system.RecordingReceiver;

/**
 * The customer's callback URL answering 503 for a long while under load ("minutes" in production; with the test's
 * back-off capped at 4 s, 25 s is several rounds of it). callback-dispatcher retries every delivery until it is
 * taken.
 */
@RequiresRabbitMq
@RequiresPostgres
@Order(2)
class CallbackReceiverDownIT {

    private static final Duration DOWN_FOR = Duration.ofSeconds(25);

    @RegisterExtension
    static final SharedRichmond richmond = new SharedRichmond();

    @Test
    void everyCallbackIsDeliveredOnceTheReceiverIsBack() throws Exception {
        Richmond running = richmond.get();
        RecordingReceiver customer = running.customer();
        int refusedBefore = customer.refused();
        Scenario.run(running, "callback receiver down", new Fault() {
            @Override
            public void inject() {
                customer.down(true);
            }

            @Override
            public void recover() {
                customer.down(false);
            }
        }, (load, attempts, sinceInject) -> sinceInject.compareTo(DOWN_FOR) >= 0
                && customer.refused() > refusedBefore);
    }
}
