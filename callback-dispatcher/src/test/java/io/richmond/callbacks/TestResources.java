package io.richmond.callbacks;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;

import io.richmond.testsupport.TestCleanup;

/** Removes a test context's schema, queues and exchange when it closes, after the consumers stopped. */
@TestConfiguration(proxyBeanMethods = false)
class TestResources implements SmartLifecycle {

    private final String name;
    private final Declarables topology;
    private volatile boolean running;

    TestResources(@Value("${richmond.test.name}") String name, Declarables callbackTopology) {
        this.name = name;
        this.topology = callbackTopology;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        TestCleanup.dropSchema(name);
        TestCleanup.deleteQueuesAndExchange(
                topology.getDeclarablesByType(Queue.class).stream().map(Queue::getName).toList(), name);
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
