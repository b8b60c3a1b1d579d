package io.richmond.api.outbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for a batch of publishes together and tells which the broker confirmed. */
final class Confirms {

    private static final Logger log = LoggerFactory.getLogger(Confirms.class);

    private Confirms() {
    }

    /** Completes, never exceptionally, with the keys whose publish was confirmed; the others are logged. */
    static <K> CompletableFuture<List<K>> confirmed(Map<K, CompletableFuture<Void>> publishes, String what) {
        List<K> confirmed = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<?>[] settled = publishes.entrySet().stream()
                .map(publish -> publish.getValue().handle((ignored, failure) -> {
                    if (failure == null) {
                        confirmed.add(publish.getKey());
                    } else {
                        failures.add(publish.getKey() + " (" + failure.getMessage() + ")");
                    }
                    return null;
                }))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(settled).thenApply(ignored -> {
            if (!failures.isEmpty()) {
                log.warn("{} {} not confirmed by the broker, the sweeper publishes them again: {}", failures.size(),
                        what, failures.size() > 5 ? failures.subList(0, 5) + " ..." : failures);
            }
            return List.copyOf(confirmed);
        });
    }
}
