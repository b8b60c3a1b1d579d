package io.richmond.sdk.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.richmond.sdk.amqp.TestBroker;
import io.richmond.testsupport.RequiresRabbitMq;
import picocli.CommandLine;

@RequiresRabbitMq
class TopologyCommandTest {

    private final TestBroker broker = new TestBroker(TopologyCommandTest.class);
    private final String requests = TestBroker.uniqueName("topology.requests.");
    private final String responses = TestBroker.uniqueName("topology.responses.");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path directory;

    @AfterEach
    void deleteWhatTheTestDeclared() {
        broker.deleteLater(requests);
        broker.deleteLater(responses);
        broker.close();
    }

    @Test
    void createsListsAndDeletesWhatTheFileDeclares() throws Exception {
        Path config = config(
                "[amqp]",
                "uri = " + broker.uri(),
                "[exchange:" + broker.exchange() + "]",
                "[queue:" + requests + "]",
                "exchange = " + broker.exchange(),
                "[queue:" + responses + "]",
                "exchange = " + broker.exchange(),
                "routing_keys = " + responses + ", also." + responses);

        assertThat(run("--config", config.toString(), "--list")).isEqualTo(1);
        assertThat(out.toString()).contains("exchange '" + broker.exchange() + "' (direct): missing")
                .contains("queue '" + requests + "': missing");

        assertThat(run("--config", config.toString(), "--create")).isZero();
        assertThat(out.toString()).contains("exchange '" + broker.exchange() + "' (direct): created")
                .contains("durable queue '" + requests + "': created")
                .contains("  bound to " + broker.exchange() + "['also." + responses + "']");
        broker.publishRaw("also." + responses, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(broker.ready(responses)).isEqualTo(1);
        assertThat(broker.admin().getQueueInfo(requests)).isNotNull();

        assertThat(run("--config", config.toString(), "--create")).isZero();
        assertThat(out.toString()).contains("durable queue '" + requests + "': exists");

        assertThat(run("--config", config.toString(), "--list")).isZero();
        assertThat(out.toString()).contains("exchange '" + broker.exchange() + "' (direct): exists")
                .contains("queue '" + responses + "': exists, 1 messages ready, 0 consumers")
                .contains("  bound to " + broker.exchange() + "['" + responses + "'] (as declared; not checked)");

        assertThat(run("--config", config.toString(), "--delete")).isZero();
        assertThat(out.toString()).contains("queue '" + requests + "': deleted")
                .contains("exchange '" + broker.exchange() + "': deleted");
        assertThat(broker.admin().getQueueInfo(requests)).isNull();
        assertThat(run("--config", config.toString(), "--list")).isEqualTo(1);
    }

    @Test
    void reportsABadConfigInOneLine() throws Exception {
        Path config = config("[queue:orphan]", "exchange = nowhere");

        assertThat(run("--config", config.toString(), "--create")).isEqualTo(2);

        assertThat(err.toString().strip()).isEqualTo("richmond-topology: " + config
                + ": [queue:orphan]: exchange nowhere is not declared by an [exchange:nowhere] section above");
    }

    @Test
    void reportsAMissingFile() {
        assertThat(run("--config", directory.resolve("nope.ini").toString(), "--list")).isEqualTo(2);

        assertThat(err.toString()).contains("does not exist");
    }

    @Test
    void needsExactlyOneAction() throws Exception {
        Path config = config("[queue:q]");

        assertThat(run("--config", config.toString())).isEqualTo(2);
        assertThat(run("--config", config.toString(), "--create", "--delete")).isEqualTo(2);
        assertThat(err.toString()).contains("--create").contains("mutually exclusive");
    }

    private Path config(String... lines) throws Exception {
        return Files.write(directory.resolve("topology.ini"), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        CommandLine commandLine = CommandLines.of(new TopologyCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
