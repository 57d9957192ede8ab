package dev.skein.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two JVMs sharing a limit of N per window on the machine's PostgreSQL admit N together, not 2N. */
@Tag("postgres")
class TwoJvmsTest {

    private static final int LIMIT = 20;
    private static final int CALLS_EACH = 50;

    @Test
    void twoJvmsSharingALimitOfNAdmitNTogether() throws Exception {
        String name = "two-jvms-" + UUID.randomUUID(); // a row of its own in the shared table
        PostgresRateLimitStore.of(Postgres.dataSource(Postgres.PORT)).createTable();
        Policy here = SharedLimitClient.define(Postgres.dataSource(Postgres.PORT), name, LIMIT);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SharedLimitClient.class.getName(), name, String.valueOf(LIMIT), String.valueOf(CALLS_EACH))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(out.readLine()).isEqualTo("ready");
            in.write("go\n");
            in.flush();
            int[] mine = SharedLimitClient.call(here, CALLS_EACH); // while the other JVM makes its calls
            String theirsLine = out.readLine();
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Matcher theirs = Pattern.compile("admitted=(\\d+) rejected=(\\d+)").matcher(theirsLine);
            assertThat(theirs.matches()).as(theirsLine).isTrue();
            int admittedThere = Integer.parseInt(theirs.group(1));
            int rejectedThere = Integer.parseInt(theirs.group(2));

            assertThat(mine[0] + admittedThere).as("admitted here %d, in the other JVM %d", mine[0], admittedThere)
                    .isEqualTo(LIMIT);
            assertThat(mine[1] + rejectedThere).isEqualTo(2 * CALLS_EACH - LIMIT);
            assertThat(here.sharedLimit().orElseThrow().reachable()).isTrue();
        } finally {
            other.destroyForcibly();
            Policies.remove(name);
        }
    }
}
