package io.richmond.api;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;

import io.richmond.api.sms.Gateway;
import io.richmond.testsupport.TestCleanup;

/**
 * Removes a test context's schema, queues and exchange when it closes. Stops last (the lowest phase), after the
 * consumers and the sweeper, so nothing declares or writes them again.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestResources implements SmartLifecycle {

    private final String name;
    private volatile boolean running;

    TestResources(@Value("${richmond.test.name}") String name) {
        this.name = name;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        TestCleanup.dropSchema(name);
        List<String> queues = new ArrayList<>();
        for (Gateway gateway : Gateway.values()) {
            for (String suffix : List.of(".inbound", ".outbound", ".event", ".failures")) {
                queues.add(name + "_" + gateway.transportName() + suffix);
            }
        }
        queues.add(name + "_callbacks.jobs");
        queues.add(name + "_sms.replies");
        queues.add(name + "_sms.replies.failures");
        TestCleanup.deleteQueuesAndExchange(queues, name);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
