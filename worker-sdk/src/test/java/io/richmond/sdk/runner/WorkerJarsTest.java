package io.richmond.sdk.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.Outbox;
import io.richmond.sdk.worker.Worker;
import io.richmond.sdk.worker.WorkerSettings;

class WorkerJarsTest {

    /** Workers as a customer would write them, compiled against the SDK and packed into a jar at test time. */
    private static final Map<String, String> SOURCES = Map.ofEntries(
            source("custom.GreetingWorker", """
                    public class GreetingWorker implements Worker {
                        private final String greeting;
                        public GreetingWorker(WorkerSettings settings) { greeting = settings.get("greeting", "?"); }
                        public GreetingWorker() { greeting = "no settings"; }
                        public void handle(UserMessage message, Outbox outbox) {
                            outbox.send(message.reply(greeting, null));
                        }
                    }"""),
            source("custom.PlainWorker", """
                    public class PlainWorker implements Worker {
                        public void handle(UserMessage message, Outbox outbox) {
                            outbox.send(message.reply("plain", null));
                        }
                    }"""),
            source("custom.NotAWorker", """
                    public class NotAWorker {
                    }"""),
            source("custom.NeedsAString", """
                    public class NeedsAString implements Worker {
                        public NeedsAString(String name) { }
                        public void handle(UserMessage message, Outbox outbox) { }
                    }"""),
            source("custom.PrivateConstructor", """
                    public class PrivateConstructor implements Worker {
                        private PrivateConstructor() { }
                        public void handle(UserMessage message, Outbox outbox) { }
                    }"""),
            source("custom.HiddenWorker", """
                    class HiddenWorker implements Worker {
                        public HiddenWorker() { }
                        public void handle(UserMessage message, Outbox outbox) { }
                    }"""),
            source("custom.AbstractWorker", """
                    public abstract class AbstractWorker implements Worker {
                        public AbstractWorker() { }
                    }"""),
            source("custom.FailingConstructor", """
                    public class FailingConstructor implements Worker {
                        public FailingConstructor(WorkerSettings settings) { settings.require("api.key"); }
                        public void handle(UserMessage message, Outbox outbox) { }
                    }"""),
            source("custom.BuggyConstructor", """
                    public class BuggyConstructor implements Worker {
                        public BuggyConstructor() { throw new IllegalStateException("bug in the worker"); }
                        public void handle(UserMessage message, Outbox outbox) { }
                    }"""),
            source("custom.FailingStaticInit", """
                    public class FailingStaticInit implements Worker {
                        static final int MENU = Integer.parseInt("not a number");
                        public void handle(UserMessage message, Outbox outbox) { }
                    }"""),
            // Compiled, but its base class is left out of the jar, as when a dependency jar was forgotten.
            source("custom.MissingBase", """
                    public abstract class MissingBase implements Worker {
                    }"""),
            source("custom.ExtendsMissing", """
                    public class ExtendsMissing extends MissingBase {
                        public void handle(UserMessage message, Outbox outbox) { }
                    }"""));

    @TempDir
    static Path workersDir;
    private static ClassLoader loader;

    private static Map.Entry<String, String> source(String className, String body) {
        String packageName = className.substring(0, className.lastIndexOf('.'));
        return Map.entry(className, "package " + packageName + ";\n"
                + "import io.richmond.sdk.message.UserMessage;\n"
                + "import io.richmond.sdk.worker.*;\n" + body + "\n");
    }

    @BeforeAll
    static void compileAndPackTheWorkers(@TempDir Path build) throws Exception {
        Path sources = Files.createDirectories(build.resolve("src"));
        Path classes = Files.createDirectories(build.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", sdkClasses()));
        for (Map.Entry<String, String> source : SOURCES.entrySet()) {
            Path file = sources.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK, not a JRE, runs the tests").isNotNull();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac's exit code").isZero();
        Files.delete(classes.resolve("custom/MissingBase.class"));
        jar(classes, workersDir.resolve("custom-workers.jar"));
        // Only jars are loaded: anything else in the directory is left alone.
        Files.writeString(workersDir.resolve("README.txt"), "not a jar");
        loader = WorkerJars.classLoader(workersDir, WorkerJarsTest.class.getClassLoader());
    }

    @AfterAll
    static void closeTheLoader() throws IOException {
        // Windows cannot delete the temporary directory while the jar is open.
        if (loader instanceof java.io.Closeable closeable) {
            closeable.close();
        }
    }

    /** Where the SDK's classes are: what a worker jar is compiled against. */
    private static String sdkClasses() throws URISyntaxException {
        return Path.of(Worker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> paths = Files.walk(classes)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    /** What a worker sends when it handles one message. */
    private static String replyOf(Worker worker) throws Exception {
        List<String> replies = new ArrayList<>();
        worker.handle(UserMessage.builder().toAddr("*120#").fromAddr("+27831234567").transportName("truteq")
                .transportType("ussd").build(), new Outbox() {
                    @Override
                    public void send(UserMessage message) {
                        replies.add(message.content());
                    }

                    @Override
                    public void publish(String routingKey, Message message) {
                        throw new UnsupportedOperationException();
                    }
                });
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }

    @Test
    void prefersTheConstructorThatTakesTheSettings() throws Exception {
        Worker worker = WorkerJars.instantiate("custom.GreetingWorker", loader,
                new WorkerSettings(Map.of("greeting", "Sawubona")));

        assertThat(worker.getClass().getClassLoader()).isSameAs(loader);
        assertThat(replyOf(worker)).isEqualTo("Sawubona");
    }

    @Test
    void usesTheConstructorWithoutArgumentsWhenThatIsAllThereIs() throws Exception {
        Worker worker = WorkerJars.instantiate("custom.PlainWorker", loader, WorkerSettings.empty());

        assertThat(replyOf(worker)).isEqualTo("plain");
    }

    @Test
    void findsWorkersOnTheRunnersOwnClassPathToo() throws Exception {
        Worker worker = WorkerJars.instantiate(ClassPathWorker.class.getName(), loader, WorkerSettings.empty());

        assertThat(replyOf(worker)).isEqualTo("from the class path");
    }

    /** A worker the runner's own class path holds, as the bundled example workers are. */
    public static final class ClassPathWorker implements Worker {
        @Override
        public void handle(UserMessage message, Outbox outbox) {
            outbox.send(message.reply("from the class path", null));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            custom.NoSuchWorker       | worker class custom.NoSuchWorker not found on the class path nor in the workers
            custom.greetingworker     | worker class custom.greetingworker not found
            custom.NotAWorker         | custom.NotAWorker is not a worker: it must implement io.richmond.sdk.worker
            java.lang.String          | java.lang.String is not a worker
            custom.NeedsAString       | custom.NeedsAString needs a public constructor taking WorkerSettings, or a
            custom.PrivateConstructor | custom.PrivateConstructor needs a public constructor
            custom.HiddenWorker       | custom.HiddenWorker must be a public class
            custom.AbstractWorker     | custom.AbstractWorker is abstract
            io.richmond.sdk.worker.Worker | io.richmond.sdk.worker.Worker is abstract
            custom.FailingStaticInit  | cannot load worker class custom.FailingStaticInit: java.lang.ExceptionInInitia
            custom.ExtendsMissing     | cannot load worker class custom.ExtendsMissing: java.lang.NoClassDefFoundError
            """)
    void rejectsAClassItCannotRunAsAWorkerSayingWhy(String className, String message) {
        assertThatThrownBy(() -> WorkerJars.instantiate(className, loader, WorkerSettings.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMissingWorkerSettingIsTheUsersToFix() {
        assertThatThrownBy(() -> WorkerJars.instantiate("custom.FailingConstructor", loader, WorkerSettings.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("constructing custom.FailingConstructor failed: worker setting 'api.key' is missing:"
                        + " add worker.api.key=... to the config file");
    }

    @Test
    void passesOnAnyOtherFailureOfTheWorkersConstructorWithItsCause() {
        assertThatThrownBy(() -> WorkerJars.instantiate("custom.BuggyConstructor", loader, WorkerSettings.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("constructing custom.BuggyConstructor failed: java.lang.IllegalStateException: bug in the"
                        + " worker")
                .cause().hasMessage("bug in the worker");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void rejectsAMissingClassName(String className) {
        assertThatThrownBy(() -> WorkerJars.instantiate(className, loader, WorkerSettings.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("worker class");
    }

    @Test
    void withoutAWorkersDirectoryLoadsFromTheParentAlone(@TempDir Path empty) {
        ClassLoader parent = WorkerJarsTest.class.getClassLoader();

        assertThat(WorkerJars.classLoader(empty.resolve("missing"), parent)).isSameAs(parent);
    }

    @Test
    void aWorkersDirectoryWithoutJarsStillLoadsFromTheParent(@TempDir Path empty) {
        ClassLoader parent = WorkerJarsTest.class.getClassLoader();

        Worker worker = WorkerJars.instantiate(ClassPathWorker.class.getName(),
                WorkerJars.classLoader(empty, parent), WorkerSettings.empty());

        assertThat(worker).isInstanceOf(ClassPathWorker.class);
    }

    @Test
    void aFileIsNotAWorkersDirectory(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("workers"), "not a directory");

        assertThatThrownBy(() -> WorkerJars.classLoader(file, WorkerJarsTest.class.getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers directory " + file + " is not a directory");
    }
}
