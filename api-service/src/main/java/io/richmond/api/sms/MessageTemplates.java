package io.richmond.api.sms;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import io.richmond.api.ApiProperties;
import io.richmond.api.web.ApiException;

/**
 * The Mustache templates of {@code template_send.json}, compiled and filled in with bounded work: a template is at
 * most {@code richmond.api.template.max-length} characters, its sections nest at most {@code max-nesting} deep
 * (jmustache fills sections by recursion, so a deep enough template overflows the stack), and a text is filled in
 * only up to the length asked for, so a template that repeats a long value stops growing as soon as it is too long
 * for any SMS.
 */
@Component
class MessageTemplates {

    private static final String FIELD = "template";

    /**
     * SMS are plain text: HTML escaping would send "&amp;" to phones. A template is the caller's text, so it may
     * name only the given values: jmustache's default collector would follow {@code {{name.class}}} into the
     * value's methods by reflection, and its default loader fails partials with a server error.
     */
    private final Mustache.Compiler mustache = Mustache.compiler().escapeHTML(false)
            .withCollector(new BasicCollector() {
                @Override
                public <K, V> Map<K, V> createFetcherCache() {
                    return new ConcurrentHashMap<>();
                }
            })
            .withLoader(name -> {
                throw new MustacheException("partials such as {{>" + name + "}} are not supported");
            });
    private final int maxLength;
    private final int maxNesting;

    MessageTemplates(ApiProperties properties) {
        this.maxLength = properties.template().maxLength();
        this.maxNesting = properties.template().maxNesting();
    }

    /** @throws ApiException 400 naming {@code template} for a template too long, too deep or not valid Mustache */
    Template compile(String source) {
        if (source.length() > maxLength) {
            throw ApiException.badRequest(FIELD, "the template is " + source.length() + " characters, at most "
                    + maxLength + " are allowed");
        }
        TagReader.check(source, maxNesting);
        try {
            return mustache.compile(source);
        } catch (MustacheException e) {
            throw ApiException.badRequest(FIELD, "the template is not valid Mustache: " + e.getMessage());
        }
    }

    /**
     * The template filled in with the values, or empty once the text would be longer than {@code limit}
     * characters: the filling in stops there.
     *
     * @throws MustacheException when the template names a value that was not given
     */
    Optional<String> fill(Template template, Map<String, String> values, int limit) {
        BoundedWriter text = new BoundedWriter(limit);
        try {
            template.execute(values, text);
        } catch (BoundedWriter.LimitPassed e) {
            return Optional.empty();
        }
        return Optional.of(text.toString());
    }

    /**
     * Reads a template's tags as jmustache's parser does, character by character with its default delimiters, to
     * measure how deep its sections nest before it is compiled. Changing the delimiters ({@code {{=<% %>=}}}) is
     * refused: an SMS template has no need of it, and following it here would mean reimplementing more of the
     * parser. An empty tag is refused too: jmustache fails on it with an exception of its own, not a parse error.
     */
    private static final class TagReader {

        private enum State { TEXT, OPENING, TAG, CLOSING }

        private TagReader() {
        }

        static void check(String source, int maxNesting) {
            State state = State.TEXT;
            StringBuilder tag = new StringBuilder();
            int depth = 0;
            for (int i = 0; i < source.length(); i++) {
                char c = source.charAt(i);
                switch (state) {
                    case TEXT -> state = c == '{' ? State.OPENING : State.TEXT;
                    case OPENING -> state = c == '{' ? State.TAG : State.TEXT;
                    case TAG -> {
                        if (c == '}') {
                            state = State.CLOSING;
                        } else if (c == '{' && !tag.isEmpty() && tag.charAt(0) != '!') {
                            // "{{a {{b}}": jmustache takes "{{a " as text and starts the tag again.
                            tag.setLength(0);
                            state = State.OPENING;
                        } else {
                            tag.append(c);
                        }
                    }
                    case CLOSING -> {
                        if (c == '}') {
                            depth = nest(tag.toString(), depth, maxNesting);
                            if (!tag.isEmpty() && tag.charAt(0) == '{') {
                                i++; // the third brace of {{{name}}}
                            }
                            tag.setLength(0);
                            state = State.TEXT;
                        } else {
                            tag.append('}');
                            state = State.TAG;
                            i--; // read again as part of the tag
                        }
                    }
                }
            }
        }

        private static int nest(String raw, int depth, int maxNesting) {
            if (raw.startsWith("=")) {
                throw ApiException.badRequest(FIELD, "changing the delimiters ({{" + raw + "}}) is not supported:"
                        + " write tags with {{ and }}");
            }
            String tag = raw.trim();
            if (tag.isEmpty()) {
                throw ApiException.badRequest(FIELD, "the template has an empty tag {{" + raw + "}}: name a value,"
                        + " as in {{name}}");
            }
            return switch (tag.charAt(0)) {
                case '#', '^', '<', '$' -> {
                    if (depth == maxNesting) {
                        throw ApiException.badRequest(FIELD, "the template's sections nest more than " + maxNesting
                                + " deep");
                    }
                    yield depth + 1;
                }
                case '/' -> Math.max(0, depth - 1);
                default -> depth;
            };
        }
    }
}
