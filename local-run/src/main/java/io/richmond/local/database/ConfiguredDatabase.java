package io.richmond.local.database;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The database named by RICHMOND_DB_URL (with RICHMOND_DB_USER and RICHMOND_DB_PASSWORD when set), used instead of
 * an embedded one. The services read the same variables, so they are passed on as they are.
 */
public record ConfiguredDatabase(Map<String, String> serviceEnvironment) implements Database {

    static final String URL = "RICHMOND_DB_URL";
    static final String USER = "RICHMOND_DB_USER";
    static final String PASSWORD = "RICHMOND_DB_PASSWORD";

    public ConfiguredDatabase {
        serviceEnvironment = Map.copyOf(serviceEnvironment);
    }

    /** The database of the environment, or empty when none is named and the local run should embed one. */
    public static Optional<ConfiguredDatabase> fromEnvironment(Map<String, String> environment) {
        String url = environment.getOrDefault(URL, "").strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(URL + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/"
                    + "database), got '" + redact(url) + "'");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(URL, url);
        for (String name : new String[] {USER, PASSWORD}) {
            if (environment.containsKey(name)) {
                variables.put(name, environment.get(name));
            }
        }
        return Optional.of(new ConfiguredDatabase(variables));
    }

    @Override
    public String displayUrl() {
        return redact(serviceEnvironment.get(URL));
    }

    @Override
    public String description() {
        String user = serviceEnvironment.containsKey(USER) ? " as " + serviceEnvironment.get(USER) : "";
        return displayUrl() + user + " (from " + URL + ")";
    }

    @Override
    public void close() {
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1****");
    }
}
