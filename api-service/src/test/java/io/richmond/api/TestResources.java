package io.richmond.api;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.richmond.api.bus.BusNames;
import io.richmond.api.sms.Gateway;
import io.richmond.testsupport.TestCleanup;

/**
 * Removes a test context's schema, queues and exchange when it closes. Stops last (the lowest phase), after the
 * consumers and the sweeper, so nothing declares or writes them again.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestResources implements SmartLifecycle {

    private final String name;
    private final JdbcTemplate jdbc;
    private final BusNames names;
    private volatile boolean running;

    TestResources(@Value("${richmond.test.name}") String name, JdbcTemplate jdbc, BusNames names) {
        this.name = name;
        this.jdbc = jdbc;
        this.names = names;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<String> queues = new ArrayList<>(keywordQueues());
        TestCleanup.dropSchema(name);
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

    /**
     * The {@code keyword.<keyword>} queues the service declared at runtime: one per keyword still registered or
     * named by a stored SMS (which keeps the name after the keyword is deleted).
     */
    private List<String> keywordQueues() {
        try {
            return jdbc.queryForList("select keyword from keyword union select keyword from received_sms"
                    + " where keyword is not null", String.class).stream().map(names::keyword).toList();
        } catch (DataAccessException e) {
            // No schema (the context failed before Flyway ran it): then no keyword queue was declared either.
            return List.of();
        }
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
