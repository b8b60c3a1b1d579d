package io.richmond.api.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.samskivert.mustache.Template;

import io.richmond.api.ApiProperties;
import io.richmond.api.web.ApiException;
import io.richmond.sdk.message.SmsEncoding;

class MessageTemplatesTest {

    private static final int LONGEST = SmsEncoding.longestText(10);

    private final MessageTemplates templates = templates(Map.of());

    @Test
    void fillingInStopsAtTheFirstValueThatPassesTheLimit() {
        MessageTemplates roomy = templates(Map.of("richmond.api.template.max-length", "100000"));
        Template template = roomy.compile("{{name}}".repeat(1_900));
        AtomicInteger lookups = new AtomicInteger();
        Map<String, String> values = new HashMap<>(Map.of("name", "a".repeat(LONGEST - 1))) {
            @Override
            public String get(Object key) {
                lookups.incrementAndGet();
                return super.get(key);
            }
        };

        assertThat(roomy.fill(template, values, LONGEST)).isEmpty();
        assertThat(lookups.get()).as("values looked up before the text passed the limit").isLessThanOrEqualTo(2);
    }

    @Test
    void aTextUpToTheLimitIsFilledIn() {
        Template template = templates.compile("Hi {{#name}}dear {{name}}{{/name}}{{^name}}there{{/name}}!");

        assertThat(templates.fill(template, Map.of("name", "Ann"), LONGEST)).hasValue("Hi dear Ann!");
        assertThat(templates.fill(template, Map.of("name", "a".repeat(LONGEST - 9)), LONGEST))
                .hasValueSatisfying(text -> assertThat(text).hasSize(LONGEST));
        assertThat(templates.fill(template, Map.of("name", "a".repeat(LONGEST - 8)), LONGEST)).isEmpty();
    }

    @Test
    void sectionsNestUpToTheLimit() {
        assertThat(templates.compile(nested(24, "#")).execute(Map.of("a", "x"))).isEqualTo("x");
        assertThat(templates.compile(nested(24, "^")).execute(Map.of())).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 3_000})
    void deeperSectionsAreRefusedBeforeCompiling(int depth) {
        MessageTemplates roomy = templates(Map.of("richmond.api.template.max-length", "1000000"));
        for (String kind : new String[] {"#", "^", "<", "$"}) {
            assertRefused(() -> roomy.compile(nested(depth, kind)), "nest more than 24 deep");
        }
    }

    @Test
    void aCloseHiddenInACommentOrABrokenTagDoesNotHideTheNesting() {
        MessageTemplates roomy = templates(Map.of("richmond.api.template.max-length", "100000"));
        // jmustache reads "{{! {{/a}}" as one comment, and "{{#a {{#a}}" as text then a tag.
        assertRefused(() -> roomy.compile("{{#a}}{{! {{/a}} }}".repeat(30) + "{{/a}}".repeat(30)), "nest more");
        assertRefused(() -> roomy.compile("{{/a {{#a}}".repeat(30) + "{{/a}}".repeat(30)), "nest more");
        assertRefused(() -> roomy.compile("{{{a}}}{{#a}}".repeat(30) + "{{/a}}".repeat(30)), "nest more");
        assertThat(roomy.compile("{{#a}}{{! {{#a}} }}{{/a}}".repeat(30)).execute(Map.of("a", "x")))
                .isEqualTo(" }}".repeat(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{=<% %>=}}<%name%>", "Hi {{= | | =}}|name|", "{{}}", "Hi {{ }}", "{{\t}}"})
    void delimiterChangesAndEmptyTagsAreRefused(String template) {
        assertRefused(() -> templates.compile(template), "");
    }

    @Test
    void aTemplateLongerThanTheLimitIsRefused() {
        assertThat(templates.compile("a".repeat(10_000)).execute(Map.of())).hasSize(10_000);
        assertRefused(() -> templates.compile("a".repeat(10_001)), "10001 characters, at most 10000");
    }

    private static String nested(int depth, String kind) {
        return ("{{" + kind + "a}}").repeat(depth) + "x" + "{{/a}}".repeat(depth);
    }

    private static void assertRefused(Runnable compile, String problem) {
        assertThatThrownBy(compile::run).isInstanceOfSatisfying(ApiException.class, refusal -> {
            assertThat(refusal.status().value()).isEqualTo(400);
            assertThat(refusal.field()).isEqualTo("template");
            assertThat(refusal.getMessage()).contains(problem);
        });
    }

    private static MessageTemplates templates(Map<String, String> settings) {
        return new MessageTemplates(new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("richmond.api", ApiProperties.class));
    }
}
