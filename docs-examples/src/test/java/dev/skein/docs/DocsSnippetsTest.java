package dev.skein.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against Skein's classes: one test per
 * block, named after its page and line. See docs/contributing.md for how a block is compiled.
 */
class DocsSnippetsTest {

    private static final Path ROOT = Path.of(System.getProperty("skein.docs.root")).toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        List<SnippetCompiler.Result> results = SnippetCompiler.compile(snippets(), Path.of(System.getProperty("skein.docs.output")));
        return results.stream().map(result -> DynamicTest.dynamicTest(result.snippet().toString(), () ->
                assertThat(result.errors()).as("%s does not compile:%n%s", SnippetCompiler.describe(result),
                        String.join("\n", result.errors())).isEmpty()));
    }

    @Test
    void readmeAndEveryPageOfDocsAreRead() throws IOException {
        List<String> pages = pages();
        assertThat(pages).contains("README.md", "docs/concepts.md", "docs/graphs.md", "docs/policies.md");
        assertThat(snippets()).as("java blocks found").hasSizeGreaterThan(pages.size());
    }

    private static List<Snippet> snippets() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        for (String page : pages()) {
            snippets.addAll(Snippet.in(ROOT, page));
        }
        return snippets;
    }

    /** {@return README.md and the Markdown pages of docs/, relative to the repository's root} */
    private static List<String> pages() throws IOException {
        List<String> pages = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .forEach(pages::add);
        }
        return pages;
    }
}
