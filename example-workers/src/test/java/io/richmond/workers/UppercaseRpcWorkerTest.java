package io.richmond.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UppercaseRpcWorkerTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final UppercaseRpcWorker worker = new UppercaseRpcWorker();

    @Test
    void upperCasesTheTextAndKeepsTheOtherFields() {
        JsonNode request = json.readTree("{\"text\": \"hello, world\", \"lang\": \"en\"}");

        assertThat(worker.handle(request, Map.of()))
                .isEqualTo(json.readTree("{\"text\": \"HELLO, WORLD\", \"lang\": \"en\"}"));
        assertThat(request.get("text").stringValue()).as("the request is left alone").isEqualTo("hello, world");
    }

    @Test
    void refusesARequestWithoutText() {
        assertThatThrownBy(() -> worker.handle(json.readTree("{\"number\": 7}"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a JSON object with a text field, got {\"number\":7}");
        assertThatThrownBy(() -> worker.handle(json.readTree("[\"text\"]"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
