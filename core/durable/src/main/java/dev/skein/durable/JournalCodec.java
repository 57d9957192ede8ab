package dev.skein.durable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;

/**
 * Turns a run's input and its tasks' results into text for the journal, and back. The default is Jackson's
 * JSON ({@link #jackson()}); a service with an {@link ObjectMapper} of its own passes it to {@link #jackson(ObjectMapper)}.
 * Reading happens on another instance, maybe another version of the service: keep the types compatible.
 */
public interface JournalCodec {

    /** {@return {@code value} as text} */
    String write(Object value) throws Exception;

    /** {@return the {@code type} that {@code text} holds} */
    <T> T read(String text, Class<T> type) throws Exception;

    /** {@return JSON by a Jackson mapper that knows {@code java.time} and records} */
    static JournalCodec jackson() {
        return jackson(JsonMapper.builder().addModule(new JavaTimeModule()).build());
    }

    /** {@return JSON by {@code mapper}} */
    static JournalCodec jackson(ObjectMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new JournalCodec() {
            @Override
            public String write(Object value) throws Exception {
                return mapper.writeValueAsString(value);
            }

            @Override
            public <T> T read(String text, Class<T> type) throws Exception {
                return mapper.readValue(text, type);
            }
        };
    }
}
