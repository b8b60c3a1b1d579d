package io.richmond.fault;

import java.nio.file.Files;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running {@link Richmond} for every scenario class of the run: starting six JVMs takes longer on two cores than
 * most scenarios do. It is closed, and its schema, queues and exchange removed, when the run ends, even a failed one.
 */
final class SharedRichmond implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Richmond.class);

    private Richmond richmond;

    @Override
    public void beforeAll(ExtensionContext context) {
        richmond = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Richmond.class, key -> {
            try {
                Files.deleteIfExists(Richmond.countsFile());
                return Richmond.start();
            } catch (Exception e) {
                throw new IllegalStateException("Richmond did not start; see target/*.log", e);
            }
        }, Richmond.class);
        // A scenario that failed halfway may have left a service dead.
        richmond.restartAnyDead();
    }

    Richmond get() {
        return richmond;
    }
}
