package io.richmond.fault;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.richmond.testsupport.RequiresPostgres;
import io.richmond.testsupport.RequiresRabbitMq;
import io.richmond.testsupport.system.FakeClickatell;

/**
 * Clickatell failing for a while under load: answering 500, hanging past sms-transport's timeout, or closing the
 * connection without an answer. sms-transport retries each send through its delay queues until it is taken.
 */
@RequiresRabbitMq
@RequiresPostgres
@Order(1)
class ProviderFaultIT {

    /**
     * How long the provider fails, and the sends it refuses meanwhile: several rounds of sms-transport's back-off,
     * within the 40 s its retries last in this test.
     */
    private static final Duration FAILING_FOR = Duration.ofSeconds(15);
    private static final int REFUSED_SENDS = 40;

    @RegisterExtension
    static final SharedRichmond richmond = new SharedRichmond();

    @ParameterizedTest(name = "provider {0}")
    @EnumSource(value = FakeClickatell.Mode.class, names = {"FAIL", "HANG", "CLOSE"})
    void nothingAcceptedIsLostWhileTheProviderFails(FakeClickatell.Mode mode) throws Exception {
        Richmond running = richmond.get();
        FakeClickatell clickatell = running.clickatell();
        int refusedBefore = clickatell.refused();
        Scenario.run(running, "provider " + mode.name().toLowerCase(Locale.ROOT), new Fault() {
            @Override
            public void inject() {
                clickatell.mode(mode);
            }

            @Override
            public void recover() {
                clickatell.mode(FakeClickatell.Mode.ACCEPT);
            }
        }, (load, attempts, sinceInject) -> sinceInject.compareTo(FAILING_FOR) >= 0
                && clickatell.refused() - refusedBefore >= REFUSED_SENDS);
    }
}
