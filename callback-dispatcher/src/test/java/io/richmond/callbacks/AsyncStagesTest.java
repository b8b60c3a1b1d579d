package io.richmond.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** In a JVM of its own that sees two cores, since the common pool is fixed once anything in a JVM touches it. */
class AsyncStagesTest {

    @Test
    void onTwoCoresAsyncStagesRunOnTheCommonPoolInsteadOfAThreadEach() throws Exception {
        assertThat(defaultExecutorOnTwoCores()).isEqualTo("java.util.concurrent.ForkJoinPool");
    }

    @Test
    void aParallelismGivenOnTheCommandLineIsKept() throws Exception {
        assertThat(defaultExecutorOnTwoCores("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1"))
                .isEqualTo("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor");
    }

    private static String defaultExecutorOnTwoCores(String... options) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:ActiveProcessorCount=2"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DefaultExecutor.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(30, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("the JVM finished").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    /** Does what the dispatcher's main does first, then names the executor async stages run on. */
    public static final class DefaultExecutor {

        public static void main(String[] args) {
            CallbackDispatcherApplication.runAsyncStagesOnTheCommonPool();
            System.out.println(new CompletableFuture<Void>().defaultExecutor().getClass().getName());
        }
    }
}
