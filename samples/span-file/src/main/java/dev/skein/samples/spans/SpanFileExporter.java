package dev.skein.samples.spans;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Appends every finished span, one JSON object per line, to the file {@code sample.spans.file} names (nothing
 * without it). Quarkus' default trace exporter ({@code cdi}) feeds every {@link SpanExporter} bean, so this runs
 * beside OTLP. A span: {@code traceId, spanId, parentSpanId, name, service, kind, start, end} (epoch nanoseconds),
 * {@code status}, and its string attributes.
 */
@Singleton
@Unremovable // looked up by quarkus-opentelemetry at run time, never injected
public class SpanFileExporter implements SpanExporter {

    private static final Logger LOG = Logger.getLogger(SpanFileExporter.class);
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    @Inject
    SpanFileExporter(@ConfigProperty(name = "sample.spans.file") Optional<String> file) throws IOException {
        if (file.isEmpty()) {
            out = null;
            return;
        }
        Path path = Path.of(file.get());
        if (path.toAbsolutePath().getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        if (out == null) {
            return CompletableResultCode.ofSuccess();
        }
        try {
            for (SpanData span : spans) {
                out.write(JSON.writeValueAsString(line(span)));
                out.newLine();
            }
            out.flush();
            return CompletableResultCode.ofSuccess();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("spans not written to the span file: %s", e);
            return CompletableResultCode.ofFailure();
        }
    }

    private static ObjectNode line(SpanData span) {
        ObjectNode line = JSON.createObjectNode()
                .put("traceId", span.getTraceId())
                .put("spanId", span.getSpanId())
                .put("parentSpanId", span.getParentSpanId())
                .put("name", span.getName())
                .put("service", span.getResource().getAttribute(SERVICE))
                .put("kind", span.getKind().name())
                .put("start", span.getStartEpochNanos())
                .put("end", span.getEndEpochNanos())
                .put("status", span.getStatus().getStatusCode().name());
        ObjectNode attributes = line.putObject("attributes");
        span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
        return line;
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                return CompletableResultCode.ofFailure();
            }
        }
        return CompletableResultCode.ofSuccess();
    }
}
