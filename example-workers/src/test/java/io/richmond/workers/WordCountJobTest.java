package io.richmond.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WordCountJobTest {

    private final List<String> statuses = new ArrayList<>();

    private void run(String body, Map<String, String> settings) {
        new WordCountJob().run(body.getBytes(StandardCharsets.UTF_8),
                (status, text) -> statuses.add(status.wireName() + ": " + text), settings);
    }

    @Test
    void countsTheWordsOfTheBody() {
        run("  the quick\nbrown   fox ", Map.of());

        assertThat(statuses).containsExactly("Building: counting 24 bytes", "Done: 4 words");
    }

    @Test
    void namesTheUnitFromItsSettings() {
        run("één twee", Map.of("unit", "woorden"));

        assertThat(statuses).last().isEqualTo("Done: 2 woorden");
    }

    @Test
    void failsOnAnEmptyBody() {
        run(" \n", Map.of());

        assertThat(statuses).containsExactly("Building: counting 2 bytes", "Failed: the job has no text to count");
    }
}
