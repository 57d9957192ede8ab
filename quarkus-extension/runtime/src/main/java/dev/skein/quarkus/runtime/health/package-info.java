/**
 * Skein's health checks for {@code quarkus-smallrye-health}: readiness from the critical breakers (and the state
 * of shared rate limits' stores, always UP), liveness from stuck branches. Not API: configure them under
 * {@code quarkus.skein.health}.
 */
package dev.skein.quarkus.runtime.health;
