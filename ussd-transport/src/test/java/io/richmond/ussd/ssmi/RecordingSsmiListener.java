package io.richmond.ussd.ssmi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what an {@link SsmiClient} reports; called on the client's I/O thread. */
final class RecordingSsmiListener implements SsmiListener {

    final AtomicInteger loggedIn = new AtomicInteger();
    final AtomicInteger disconnected = new AtomicInteger();
    final List<SsmiCommand> received = new CopyOnWriteArrayList<>();
    volatile boolean failOnReceive;

    @Override
    public void loggedIn() {
        loggedIn.incrementAndGet();
    }

    @Override
    public void disconnected() {
        disconnected.incrementAndGet();
    }

    @Override
    public void received(SsmiCommand command) {
        received.add(command);
        if (failOnReceive) {
            throw new IllegalStateException("listener failure for the test");
        }
    }
}
