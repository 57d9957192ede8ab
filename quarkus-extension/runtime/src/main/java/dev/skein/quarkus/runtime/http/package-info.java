/**
 * Deadlines across HTTP: an incoming request's time budget becomes its endpoint's deadline, and REST Client
 * calls made in a scope send the time left on. Not API: see {@code docs/quarkus.md}, "Deadlines across HTTP".
 */
package dev.skein.quarkus.runtime.http;
