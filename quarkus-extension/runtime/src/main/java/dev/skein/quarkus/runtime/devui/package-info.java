/**
 * What the Skein card of the Dev UI reads, in dev mode only: not API. The pages themselves are web
 * components in the deployment module ({@code dev-ui/qwc-skein-*.js}).
 */
package dev.skein.quarkus.runtime.devui;
