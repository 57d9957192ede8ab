package dev.skein.samples.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ModularApp} as a user's modular application runs: {@code java --module-path ... --module ...}
 * with its own classes and exactly its runtime dependencies (written by the dependency plugin), nothing
 * added. Before skein-core required {@code org.jboss.logging}, the first policy call failed here with
 * {@code NoClassDefFoundError: org/jboss/logging/BasicLogger}.
 */
class ModulePathTest {

    private static final String MODULE = "dev.skein.samples.modulepath";

    @Test
    void policyCallTracedScopeAndGraphRunWorkOnTheModulePath() throws Exception {
        Path classes = Path.of(System.getProperty("skein.app.classes"));
        String dependencies = Files.readString(Path.of(System.getProperty("skein.app.modulePath"))).strip();
        String modulePath = classes + File.pathSeparator + dependencies;
        Path output = Files.createTempFile("module-path-app", ".txt");

        Process app = new ProcessBuilder(javaCommand(), "--module-path", modulePath,
                "--module", MODULE + "/" + ModularApp.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = app.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            app.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);

        assertThat(ended).as("the application ends on its own; it printed:%n%s", printed).isTrue();
        assertThat(app.exitValue()).as("exit status; it printed:%n%s", printed).isZero();
        assertThat(printed.lines().toList())
                .as("every check passed, and nothing else was printed (no stack trace, no warning)")
                .hasSize(3)
                .allMatch(line -> line.startsWith("ok "));
        assertThat(printed).contains("policy call", "traced scope", "graph run");
    }

    @Test
    void theApplicationAndSkeinAreNamedModulesOnThatPath() throws IOException, InterruptedException {
        Path classes = Path.of(System.getProperty("skein.app.classes"));
        String dependencies = Files.readString(Path.of(System.getProperty("skein.app.modulePath"))).strip();
        String skeinCore = List.of(dependencies.split(File.pathSeparator)).stream()
                .filter(jar -> Path.of(jar).getFileName().toString().startsWith("skein-core"))
                .findFirst().orElseThrow();
        Process describe = new ProcessBuilder(javaCommand(), "--module-path", classes + File.pathSeparator + skeinCore,
                "--describe-module", "dev.skein.core").redirectErrorStream(true).start();
        String description = new String(describe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(describe.waitFor()).isZero();
        assertThat(description).startsWith("dev.skein.core").doesNotContain("automatic")
                .contains("exports dev.skein.scope").doesNotContain("exports dev.skein.internal");
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
