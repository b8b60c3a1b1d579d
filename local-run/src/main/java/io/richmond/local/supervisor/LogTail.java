package io.richmond.local.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The last lines of a log, indented to stand apart from the launcher's own output. */
final class LogTail {

    private LogTail() {
    }

    static String of(Path log, int lines) {
        List<String> all;
        try {
            all = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "    (could not read " + log + ": " + e.getMessage() + ")";
        }
        if (all.isEmpty()) {
            return "    (empty)";
        }
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                .map(line -> "    " + line)
                .collect(Collectors.joining("\n"));
    }
}
