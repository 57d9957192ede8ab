package dev.skein.policy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Overrides from a map, as the Quarkus extension will give them from MicroProfile Config. */
record MapOverrides(Map<String, String> values) implements OverrideSource {

    @Override
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Set<String> keys(String prefix) {
        return values.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toSet());
    }
}
