package io.richmond.local.broker;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.model.port.AmqpPort;

/**
 * Qpid Broker-J in this process: AMQP 0-9-1 on a free loopback port (never 5672, which a RabbitMQ may own), user
 * guest/guest, the virtual host "/" (Qpid's default one), and a Derby store under the given folder so that
 * durable queues and persistent messages outlive a restart.
 */
public final class EmbeddedQpid implements Broker {

    private static final String DERBY_LOG = "derby.stream.error.file";

    private final SystemLauncher launcher;
    private final int port;
    private final Path folder;

    private EmbeddedQpid(SystemLauncher launcher, int port, Path folder) {
        this.launcher = launcher;
        this.port = port;
        this.folder = folder;
    }

    /** Starts the broker with its store in {@code folder} (created if missing, reused if there). */
    public static EmbeddedQpid start(Path folder) throws Exception {
        Files.createDirectories(folder);
        // Derby writes its own log to the working folder unless told otherwise.
        if (System.getProperty(DERBY_LOG) == null) {
            System.setProperty(DERBY_LOG, folder.resolve("derby.log").toAbsolutePath().toString());
        }
        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> systemConfig) {
                system.set(systemConfig);
            }
        });
        launcher.startup(Map.of(
                // The broker's own configuration is rebuilt from the file at every start; only the virtual host
                // (queues, exchanges, messages) is stored under the folder.
                SystemConfig.TYPE, "Memory",
                SystemConfig.INITIAL_CONFIGURATION_LOCATION,
                EmbeddedQpid.class.getResource("qpid-broker.json").toExternalForm(),
                SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false,
                SystemConfig.CONTEXT, Map.of(
                        SystemConfig.QPID_WORK_DIR, folder.toAbsolutePath().toString(),
                        "richmond.virtualhost.type", "DERBY",
                        // The arguments DelayQueues stands in for would otherwise fail the declaration.
                        Queue.UNKNOWN_QUEUE_DECLARE_ARGUMENT_BEHAVIOUR_NAME, "IGNORE",
                        // How often expired messages are found: the precision of every retry delay.
                        "virtualhost.housekeepingCheckPeriod", "500")));
        try {
            org.apache.qpid.server.model.Broker<?> broker =
                    (org.apache.qpid.server.model.Broker<?>) system.get().getContainer();
            DelayQueues.adaptAll(defaultVirtualHost(broker));
            removeShutdownHook(broker);
            return new EmbeddedQpid(launcher, amqpPort(broker), folder);
        } catch (RuntimeException | ReflectiveOperationException e) {
            launcher.shutdown();
            throw e;
        }
    }

    /**
     * Qpid registers a JVM shutdown hook that stops the broker. Hooks run all at once, so on Ctrl-C it would take the
     * broker away from services still finishing their work while the launcher's hook stops them; without it the
     * broker stops when {@link #close()} is called, after them. Qpid keeps the hook in a private field.
     */
    private static void removeShutdownHook(org.apache.qpid.server.model.Broker<?> broker)
            throws ReflectiveOperationException {
        Field hook = BrokerImpl.class.getDeclaredField("_shutdownHook");
        hook.setAccessible(true);
        Runtime.getRuntime().removeShutdownHook((Thread) hook.get(broker));
    }

    private static VirtualHost<?> defaultVirtualHost(org.apache.qpid.server.model.Broker<?> broker) {
        return broker.getVirtualHostNodes().stream()
                .map(VirtualHostNode::getVirtualHost)
                .filter(host -> host != null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Qpid started without its virtual host"));
    }

    private static int amqpPort(org.apache.qpid.server.model.Broker<?> broker) {
        return broker.getPorts().stream()
                .filter(AmqpPort.class::isInstance)
                .mapToInt(Port::getBoundPort)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Qpid started without its AMQP port"));
    }

    public int port() {
        return port;
    }

    @Override
    public URI uri() {
        return URI.create("amqp://guest:guest@127.0.0.1:" + port + "/%2F");
    }

    @Override
    public String displayUri() {
        return uri() + " (embedded Qpid Broker-J)";
    }

    @Override
    public String description() {
        return "embedded Qpid Broker-J on 127.0.0.1:" + port + ", messages kept in " + folder
                + " (set " + ConfiguredBroker.VARIABLE + " to use a RabbitMQ)";
    }

    @Override
    public void close() {
        launcher.shutdown();
    }
}
