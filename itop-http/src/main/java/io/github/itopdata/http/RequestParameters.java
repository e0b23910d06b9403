package io.github.itopdata.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of one HTTP request, merged from the query string and the body (the body wins
 * when both carry a name). Names are case-sensitive, as on the command line.
 */
public final class RequestParameters {

    private final Map<String, RequestValue> values;

    public RequestParameters(Map<String, RequestValue> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Optional<RequestValue> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Returns the value as UTF-8 text; see {@link RequestValue#text()} for large values. */
    public Optional<String> text(String name) {
        return value(name).map(RequestValue::text);
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return values.keySet();
    }

    public Map<String, RequestValue> asMap() {
        return values;
    }
}
