package io.richmond.sdk.topology;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import io.richmond.sdk.amqp.AmqpConnections;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code richmond-topology --config config/topology.ini --create | --list | --delete}: for operators. Richmond's
 * services declare what they use when they start; this sets a broker up beforehand, checks it, or clears it.
 */
@Command(name = "richmond-topology", mixinStandardHelpOptions = true,
        description = "Creates, lists or deletes the exchanges, queues and bindings a config file declares.")
public final class TopologyCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "e.g. config/topology.ini")
    private Path configFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Action action;

    @Spec
    private CommandSpec spec;

    static final class Action {
        @Option(names = "--create", description = "Declare everything (durable); what exists is kept")
        boolean create;

        @Option(names = "--list", description = "Say whether each exchange and queue exists; exit 1 if one is missing")
        boolean list;

        @Option(names = "--delete", description = "Delete the queues (with their messages) and the exchanges")
        boolean delete;
    }

    public static void main(String[] args) {
        System.exit(CommandLines.of(new TopologyCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TopologyConfig config = TopologyConfig.from(IniFile.read(configFile), System.getenv());
        CachingConnectionFactory connections =
                AmqpConnections.publisherConnectionFactory(config.amqp().uri(), "richmond-topology");
        try {
            TopologyActions actions = new TopologyActions(new RabbitAdmin(connections), spec.commandLine().getOut());
            if (action.create) {
                actions.create(config);
            } else if (action.delete) {
                actions.delete(config);
            } else if (!actions.list(config)) {
                return 1;
            }
            return 0;
        } finally {
            connections.destroy();
        }
    }
}
