package io.richmond.api.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's parameters, whether they came form-encoded, in the query string or as a JSON object: each name with
 * its values in the order given. A JSON array is a repeated parameter ({@code "to_msisdn": ["27...", "27..."]}).
 */
public final class ApiParams {

    private final Map<String, List<String>> values;

    public ApiParams(Map<String, List<String>> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** Every value of a parameter; empty when it is absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The parameter's first value, if it has one. */
    public Optional<String> first(String name) {
        List<String> list = all(name);
        return list.isEmpty() ? Optional.empty() : Optional.ofNullable(list.get(0));
    }

    /** The first value, which must be there and not blank. */
    public String required(String name) {
        return first(name).filter(value -> !value.isBlank())
                .orElseThrow(() -> ApiException.badRequest(name, name + " is required"));
    }

    public Map<String, List<String>> asMap() {
        return values;
    }
}
