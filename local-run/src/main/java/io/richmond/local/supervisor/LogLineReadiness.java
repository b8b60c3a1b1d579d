package io.richmond.local.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Ready once the child's log has a line containing the text, for a service that serves nothing to ask. */
public final class LogLineReadiness implements Readiness {

    private final String text;

    public LogLineReadiness(String text) {
        this.text = text;
    }

    @Override
    public boolean isReady(Child child) {
        Path log = child.log().orElseThrow(() -> new IllegalStateException(child.name()
                + " writes to the terminal, not to a log this check could read"));
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains(text));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | UncheckedIOException e) {
            // A line cut in the middle of a character while the child writes it: read again next time.
            return false;
        }
    }

    @Override
    public String describe() {
        return "logged '" + text + "'";
    }
}
