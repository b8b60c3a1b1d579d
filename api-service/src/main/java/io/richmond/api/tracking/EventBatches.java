package io.richmond.api.tracking;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.richmond.api.account.AccountsCommand;
import io.richmond.api.callback.CallbackJobRecord;
import io.richmond.api.sms.Gateway;
import io.richmond.sdk.batch.Batcher;
import io.richmond.sdk.message.Event;

/**
 * Hands each gateway's events to {@link StatusTracker#applyAll} in batches: the events that arrive while a batch
 * commits share the next transaction. Spring closes it after the consumers stopped, so the events they took are
 * applied before the database goes.
 */
@Component
@Profile("!" + AccountsCommand.PROFILE)
public class EventBatches implements AutoCloseable {

    private static final int MAX_BATCH = 500;
    /** One batch gathers while the other commits. */
    private static final int THREADS = 2;

    private final Map<Gateway, Batcher<Event, List<CallbackJobRecord>>> batchers = new EnumMap<>(Gateway.class);

    EventBatches(StatusTracker tracker) {
        for (Gateway gateway : Gateway.values()) {
            batchers.put(gateway, new Batcher<>(gateway.transportName() + "-events", MAX_BATCH, THREADS,
                    events -> tracker.applyAll(gateway, events)));
        }
    }

    /** The callback jobs the event made, once its batch committed; failed if it fails when applied alone. */
    public CompletableFuture<List<CallbackJobRecord>> submit(Gateway gateway, Event event) {
        return batchers.get(gateway).submit(event);
    }

    /** Applies the events already submitted, and takes no more. */
    @Override
    public void close() {
        batchers.values().forEach(Batcher::close);
    }
}
