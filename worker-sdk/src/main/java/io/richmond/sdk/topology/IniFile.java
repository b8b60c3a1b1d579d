package io.richmond.sdk.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ini file as Python's configparser writes them, the format of rbit's and edeposit's configs: {@code [section]}
 * headers, {@code key = value} lines, whole-line comments starting with {@code #} or {@code ;}. Keys are case
 * sensitive and values are trimmed; there are no continuation lines nor inline comments (a shell command may hold
 * a {@code #}). Every error names the file and line.
 */
public record IniFile(String source, Map<String, Map<String, String>> sections) {

    public IniFile {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        sections.forEach((name, values) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        sections = Collections.unmodifiableMap(copy);
    }

    public static IniFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file " + file + " does not exist or is not a file");
        }
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** @param source the file name, for error messages */
    public static IniFile parse(String source, List<String> lines) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String where = source + ":" + (i + 1) + ": ";
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() == 2) {
                    throw new IllegalArgumentException(where + "a section header is [name], got " + line);
                }
                String name = line.substring(1, line.length() - 1).strip();
                if (sections.containsKey(name)) {
                    throw new IllegalArgumentException(where + "section [" + name + "] appears twice");
                }
                current = new LinkedHashMap<>();
                sections.put(name, current);
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(where + "expected key = value, a [section] or a # comment, got "
                        + line);
            }
            if (current == null) {
                throw new IllegalArgumentException(where + "key = value before any [section]");
            }
            String key = line.substring(0, equals).strip();
            if (current.put(key, line.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException(where + "key " + key + " appears twice in its section");
            }
        }
        return new IniFile(source, sections);
    }
}
