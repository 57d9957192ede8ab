package dev.skein.docs.pages;

/** docs/policies.md: its OverrideSource example reads MicroProfile Config. */
@SnippetImports({"org.eclipse.microprofile.config.Config", "org.eclipse.microprofile.config.ConfigProvider"})
public class PoliciesPage extends Page {
}
