/**
 * Runtime side of the Skein Quarkus extension. It holds no beans yet: Skein's core API
 * ({@code dev.skein.scope.Scope}) is usable as it is inside a Quarkus application.
 */
package dev.skein.quarkus.runtime;
