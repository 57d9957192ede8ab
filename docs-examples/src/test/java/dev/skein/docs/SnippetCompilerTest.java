package dev.skein.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.docs.SnippetCompiler.Kind;
import dev.skein.docs.pages.ConceptsPage;
import dev.skein.docs.pages.Page;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How blocks are found, wrapped and compiled, and that a block that does not compile is reported where it is. */
class SnippetCompilerTest {

    @TempDir
    Path output;

    @Test
    void findsJavaBlocksOnlyWithTheirMarkdownLines() {
        String markdown = """
                # Title
                ```java
                int a = 1;
                ```
                ```mermaid
                graph TD
                ```
                - a list item:
                  ```java
                  int b = 2;
                  ```
                ```shell
                ./mvnw verify
                ```
                """;
        List<Snippet> snippets = Snippet.in("docs/page.md", markdown);
        assertThat(snippets).extracting(Snippet::line).containsExactly(3, 10);
        assertThat(snippets).extracting(Snippet::code).containsExactly("int a = 1;\n", "int b = 2;\n");
    }

    @Test
    void anUnclosedBlockIsAnError() {
        assertThatThrownBy(() -> Snippet.in("docs/page.md", "text\n```java\nint a = 1;\n"))
                .hasMessage("docs/page.md:2: the java block is never closed");
    }

    @Test
    void declarationsAreMembersAndTheRestStatements() {
        assertThat(SnippetCompiler.kindOf("import java.util.List;\n\nrecord Quote(int cents) {}\n")).isEqualTo(Kind.MEMBERS);
        assertThat(SnippetCompiler.kindOf("static final int A = 1;\n")).isEqualTo(Kind.MEMBERS);
        assertThat(SnippetCompiler.kindOf("@ExtendWith(X.class)\nclass T {}\n")).isEqualTo(Kind.MEMBERS);
        assertThat(SnippetCompiler.kindOf("// a quote\nQuote cheapest(Order order) throws Exception {\n}\n")).isEqualTo(Kind.MEMBERS);
        assertThat(SnippetCompiler.kindOf("Receipt receipt = Scope.run(scope -> null);\n")).isEqualTo(Kind.STATEMENTS);
        assertThat(SnippetCompiler.kindOf("scope.fork(\"a\", () -> 1);\n")).isEqualTo(Kind.STATEMENTS);
        assertThat(SnippetCompiler.kindOf("new Thread(() -> {}).start();\n")).isEqualTo(Kind.STATEMENTS);
        assertThat(SnippetCompiler.kindOf("try (var scope = Scope.open()) {\n}\n")).isEqualTo(Kind.STATEMENTS);
    }

    @Test
    void aPageWithoutAContextOfItsOwnGetsPage() {
        assertThat(SnippetCompiler.contextOf("docs/concepts.md")).isEqualTo(ConceptsPage.class);
        assertThat(SnippetCompiler.contextOf("docs/no-such-page.md")).isEqualTo(Page.class);
    }

    @Test
    void compilesStatementsAndMembersAgainstThePagesContext() throws IOException {
        List<Snippet> snippets = Snippet.in("docs/concepts.md", """
                ```java
                Receipt receipt = Scope.run(scope -> {
                    Branch<Reservation> stock = scope.fork("stock", () -> inventory.reserve(order));
                    Branch<Payment> payment = scope.fork("payment", () -> payments.authorise(order));
                    scope.join();
                    return new Receipt(stock.resultNow(), payment.resultNow());
                });
                ```

                ```java
                @ExtendWith(SkeinExtension.class)
                class CheckoutTest {
                    @Test
                    void charges(SkeinTestKit kit) throws Exception {
                        Branch<Charge> payment = scope.fork("payment", () -> gateway.charge(order));
                    }
                }
                ```
                """);
        List<SnippetCompiler.Result> results = SnippetCompiler.compile(snippets, output);
        assertThat(results).extracting(SnippetCompiler.Result::kind).containsExactly(Kind.STATEMENTS, Kind.MEMBERS);
        assertThat(results).allSatisfy(result -> assertThat(result.errors()).isEmpty());
    }

    /** The snippet issue 14 found in docs/concepts.md: a branch of a value-returning call typed Branch&lt;Void&gt;. */
    @Test
    void aBlockThatDoesNotCompileIsReportedAtItsMarkdownLine() throws IOException {
        List<Snippet> snippets = Snippet.in("docs/concepts.md", """
                Some text.

                ```java
                try (var scope = Scope.open()) {
                    Branch<Void> payment = scope.fork("payment", () -> gateway.charge(order));
                    scope.join();
                }
                ```
                """);
        List<SnippetCompiler.Result> results = SnippetCompiler.compile(snippets, output);
        assertThat(results).singleElement().satisfies(result -> assertThat(result.errors())
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("docs/concepts.md:5: ")
                .contains("incompatible types"));
    }

    @Test
    void aSyntaxErrorInOneBlockHidesNoTypeErrorInAnother() throws IOException {
        List<Snippet> snippets = Snippet.in("docs/policies.md", """
                ```java
                .task(CHARGE, in -> gateway.charge(in.input()))
                ```

                ```java
                Receipt receipt = Policy.of(p -> p).call(() -> gateway.charge(order));
                ```

                ```java
                int fine = 1;
                ```
                """);
        List<SnippetCompiler.Result> results = SnippetCompiler.compile(snippets, output);
        assertThat(results.get(0).errors()).isNotEmpty().allMatch(error -> error.startsWith("docs/policies.md:2: "));
        assertThat(results.get(1).errors()).singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("docs/policies.md:6: ").contains("incompatible types");
        assertThat(results.get(2).errors()).isEmpty();
    }

    @Test
    void anImportThatDoesNotResolveIsReportedAtTheBlock() throws IOException {
        List<Snippet> snippets = Snippet.in("README.md", "```java\nimport no.such.Type;\n\nint a = 1;\n```\n");
        List<SnippetCompiler.Result> results = SnippetCompiler.compile(snippets, output);
        assertThat(results).singleElement().satisfies(result -> assertThat(result.errors()).isNotEmpty()
                .allMatch(error -> error.startsWith("README.md:")));
    }
}
