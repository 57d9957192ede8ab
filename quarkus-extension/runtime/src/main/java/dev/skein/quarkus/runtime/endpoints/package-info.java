/**
 * The diagnostics endpoints under {@code /q/skein}: the live tree, the graphs, the named policies. Not API:
 * switch them with {@code quarkus.skein.endpoints.enabled}.
 */
package dev.skein.quarkus.runtime.endpoints;
