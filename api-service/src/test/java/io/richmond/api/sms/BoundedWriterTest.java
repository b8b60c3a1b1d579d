package io.richmond.api.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedWriterTest {

    @Test
    void keepsWhatFitsAndRefusesTheWriteThatWouldPassTheLimitBeforeCopyingIt() {
        BoundedWriter writer = new BoundedWriter(11);
        writer.write("hello");
        writer.append(' ').append("you", 0, 3);
        writer.write(new char[] {'!'}, 0, 1);

        assertThatThrownBy(() -> writer.write("a".repeat(1_000_000))).isInstanceOf(BoundedWriter.LimitPassed.class)
                .hasNoCause();
        assertThat(writer.toString()).isEqualTo("hello you!");
        assertThatThrownBy(() -> writer.append("ab")).isInstanceOf(BoundedWriter.LimitPassed.class);
        writer.write('.');
        assertThat(writer.toString()).isEqualTo("hello you!.");
        assertThatThrownBy(() -> writer.write('x')).isInstanceOf(BoundedWriter.LimitPassed.class);
    }

    @Test
    void theRefusalCarriesNoStackTrace() {
        BoundedWriter writer = new BoundedWriter(0);

        assertThatThrownBy(() -> writer.write("x")).satisfies(refusal ->
                assertThat(refusal.getStackTrace()).isEmpty());
    }
}
