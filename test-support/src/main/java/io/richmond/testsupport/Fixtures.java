package io.richmond.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shared sample payloads (a copy of {@code shared/fixtures/}), read from the test class path so that a clean
 * clone needs nothing beside the repository.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The bytes of a fixture, by its path below {@code fixtures/}, for example {@code ssmi/session.txt}. */
    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as UTF-8 text. */
    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }
}
