package io.richmond.callbacks;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Consumes {@code callbacks.jobs} and posts each job to its URLs (README.md). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CallbackDispatcherApplication {

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        runAsyncStagesOnTheCommonPool();
        SpringApplication.run(CallbackDispatcherApplication.class, args);
    }

    /**
     * {@code HttpClient.sendAsync} completes every exchange through CompletableFuture's default executor, which on
     * fewer than three cores is a new thread per task: the dispatcher started and ended a thread per callback
     * (docs/performance.md, sixth run). A common pool of two makes that executor the pool. It has to be set before
     * anything touches the pool, and a parallelism given on the command line is left as it is.
     */
    static void runAsyncStagesOnTheCommonPool() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }

    /** A bean so that the signature's timestamp and the log's times come from one place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
