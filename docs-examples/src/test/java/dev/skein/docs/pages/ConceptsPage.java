package dev.skein.docs.pages;

/** docs/concepts.md: its test example uses JUnit Jupiter. */
@SnippetImports({"org.junit.jupiter.api.Test", "org.junit.jupiter.api.extension.ExtendWith"})
public class ConceptsPage extends Page {
}
