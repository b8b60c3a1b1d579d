package io.richmond.local.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small shell children stand in for the services. */
class SupervisorTest {

    private static final Duration READY = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private final List<String> reported = new CopyOnWriteArrayList<>();
    private Supervisor supervisor;

    @BeforeEach
    void create() {
        supervisor = new Supervisor(folder.resolve("logs"), Duration.ofSeconds(5), reported::add);
    }

    @AfterEach
    void stopEverything() {
        supervisor.stopAll();
    }

    @Test
    void stopsTheChildrenLastStartedFirstEachOnceThePreviousEnded() throws Exception {
        Path order = folder.resolve("order");
        for (String name : List.of("first", "second", "third")) {
            Child child = supervisor.start(ChildSpec.background(name, List.of("sh", "-c",
                    "trap 'echo $NAME >> " + order + "; exit 0' TERM; echo up; while :; do sleep 0.05; done"),
                    Map.of("NAME", name), new LogLineReadiness("up")));
            supervisor.awaitReady(child, READY);
        }

        supervisor.stopAll();

        assertThat(Files.readAllLines(order)).containsExactly("third", "second", "first");
        assertThat(reported).containsExactly("stopped third", "stopped second", "stopped first");
        assertThat(supervisor.firstExit()).isNotDone();
    }

    @Test
    void reportsAChildThatDiesWithTheEndOfItsLog() throws Exception {
        supervisor.start(ChildSpec.background("steady", List.of("sleep", "60"), Map.of(), Readiness.immediately()));
        supervisor.start(ChildSpec.background("fragile", List.of("sh", "-c",
                "for i in $(seq 1 40); do echo line $i; done; echo 'port 8000 taken' >&2; exit 3"),
                Map.of(), Readiness.immediately()));

        ChildExit exit = supervisor.firstExit().get(10, TimeUnit.SECONDS);

        assertThat(exit.name()).isEqualTo("fragile");
        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(exit.failed()).isTrue();
        assertThat(exit.log()).contains(folder.resolve("logs").resolve("fragile.log"));
        assertThat(exit.describe())
                .startsWith("fragile died (exit code 3); the end of " + folder.resolve("logs").resolve("fragile.log"))
                .contains("    line 40", "    port 8000 taken")
                .doesNotContain("line 10\n");
    }

    @Test
    void takesAChildStoppedBySigtermForAStopNotAFailure() throws Exception {
        Child child = supervisor.start(ChildSpec.background("stopped-by-hand", List.of("sh", "-c",
                "trap 'exit 143' TERM; echo up; while :; do sleep 0.05; done"), Map.of(), new LogLineReadiness("up")));
        supervisor.awaitReady(child, READY);

        new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor();

        ChildExit exit = supervisor.firstExit().get(10, TimeUnit.SECONDS);
        assertThat(exit.failed()).isFalse();
        assertThat(exit.describe()).isEqualTo("stopped-by-hand stopped (exit code 143)");
    }

    @Test
    void killsAChildThatIgnoresSigterm() throws Exception {
        supervisor = new Supervisor(folder.resolve("logs"), Duration.ofMillis(500), reported::add);
        Child stubborn = supervisor.start(ChildSpec.background("stubborn", List.of("sh", "-c",
                "trap '' TERM; echo up; while :; do sleep 0.05; done"), Map.of(), new LogLineReadiness("up")));
        supervisor.awaitReady(stubborn, READY);

        supervisor.stopAll();

        await().atMost(Duration.ofSeconds(5)).until(() -> !stubborn.isAlive());
        assertThat(reported).containsExactly("killed stubborn: it had not stopped 0 s after SIGTERM");
    }

    @Test
    void failsTheStartOfAChildThatDiesBeforeItIsReady() throws Exception {
        Child child = supervisor.start(ChildSpec.background("broken", List.of("sh", "-c",
                "echo 'no database'; exit 1"), Map.of(), new LogLineReadiness("Started")));

        assertThatThrownBy(() -> supervisor.awaitReady(child, READY))
                .isInstanceOf(ChildFailedException.class)
                .hasMessageStartingWith("broken ended (exit code 1) before it logged 'Started'; the end of "
                        + folder.resolve("logs").resolve("broken.log"))
                .hasMessageContaining("    no database");
    }

    @Test
    void failsTheStartOfAChildThatIsNotReadyInTime() throws Exception {
        Child child = supervisor.start(ChildSpec.background("slow", List.of("sleep", "60"), Map.of(),
                new PortReadiness(List.of(freePort()))));

        assertThatThrownBy(() -> supervisor.awaitReady(child, Duration.ofMillis(600)))
                .isInstanceOf(ChildFailedException.class)
                .hasMessageStartingWith("slow did not become ready within 0 s: it never accepted connections on"
                        + " 127.0.0.1 port(s) ")
                .hasMessageEndingWith("; see " + folder.resolve("logs").resolve("slow.log"));
        assertThat(child.isAlive()).isTrue();
    }

    @Test
    void givesEachChildItsEnvironmentAndAFreshLog() throws Exception {
        Path log = Files.createDirectories(folder.resolve("logs")).resolve("env.log");
        Files.writeString(log, "from an earlier run\n");

        Child child = supervisor.start(ChildSpec.background("env", List.of("sh", "-c", "echo \"greeting=$GREETING\""),
                Map.of("GREETING", "hello"), Readiness.immediately()));

        await().atMost(READY).until(() -> !child.isAlive());
        assertThat(Files.readString(log)).isEqualTo("greeting=hello\n");
    }

    @Test
    void runsABackgroundChildInASessionOfItsOwn() throws Exception {
        Child child = supervisor.start(ChildSpec.background("detached", List.of("sleep", "60"), Map.of(),
                Readiness.immediately()));

        // The pid is the program's own (setsid replaced itself with it), and it leads a new session.
        String session = new String(new ProcessBuilder("ps", "-o", "sid=", "-p", Long.toString(child.pid()))
                .start().getInputStream().readAllBytes()).strip();
        assertThat(session).isEqualTo(Long.toString(child.pid()));
        assertThat(ProcessHandle.of(child.pid()).flatMap(handle -> handle.info().command()))
                .hasValueSatisfying(command -> assertThat(command).endsWith("sleep"));
    }

    @Test
    void refusesToStartOnceStopping() {
        supervisor.stopAll();

        assertThatThrownBy(() -> supervisor.start(ChildSpec.background("late", List.of("true"), Map.of(),
                Readiness.immediately())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("not starting late: the group is stopping");
    }

    @Test
    void refusesANameThatCannotNameALogFile() {
        assertThatThrownBy(() -> ChildSpec.background("../escape", List.of("true"), Map.of(), Readiness.immediately()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../escape'");
        assertThatThrownBy(() -> ChildSpec.background("empty", List.of(), Map.of(), Readiness.immediately()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty needs a command");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
