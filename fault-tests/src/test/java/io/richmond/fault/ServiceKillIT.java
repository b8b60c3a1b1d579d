package io.richmond.fault;

import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.richmond.testsupport.RequiresPostgres;
import io.richmond.testsupport.RequiresRabbitMq;

/** {@code kill -9} of each service in turn under load, then the same service started again. */
@RequiresRabbitMq
@RequiresPostgres
@Order(3)
class ServiceKillIT {

    /** Long enough for work to pile up for the dead service: the API's outbox, queues, the providers' retries. */
    private static final Duration DEAD_FOR = Duration.ofSeconds(3);
    private static final int ATTEMPTS_WHILE_DEAD = 20;

    @RegisterExtension
    static final SharedRichmond richmond = new SharedRichmond();

    @ParameterizedTest(name = "kill -9 {0}")
    @ValueSource(strings = {Richmond.USSD, Richmond.SMS, Richmond.API, Richmond.DISPATCHER, Richmond.WORKER})
    void nothingAcceptedIsLostWhenAServiceIsKilled(String service) throws Exception {
        Richmond running = richmond.get();
        Scenario.run(running, "kill -9 " + service, new Fault() {
            @Override
            public void inject() throws InterruptedException {
                running.kill(service);
            }

            @Override
            public void recover() {
                running.ensureRunning(service);
            }
        }, (load, attempts, sinceInject) -> sinceInject.compareTo(DEAD_FOR) >= 0 && attempts >= ATTEMPTS_WHILE_DEAD);
    }
}
