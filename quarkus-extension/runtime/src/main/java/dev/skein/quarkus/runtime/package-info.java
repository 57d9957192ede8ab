/**
 * The Skein extension's runtime machinery: not API. What users touch is in {@code dev.skein.quarkus}.
 */
package dev.skein.quarkus.runtime;
