/**
 * The {@code quarkus.skein.*} configuration. Not API: set the keys, do not use these types.
 */
package dev.skein.quarkus.runtime.config;
