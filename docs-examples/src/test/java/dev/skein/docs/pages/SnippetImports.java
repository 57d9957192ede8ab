package dev.skein.docs.pages;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Imports the snippets of a page get, beyond the defaults ({@code dev.skein.*} packages, java.time, java.util). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SnippetImports {

    /** {@return what follows {@code import}: a type or a package with {@code .*}} */
    String[] value();
}
