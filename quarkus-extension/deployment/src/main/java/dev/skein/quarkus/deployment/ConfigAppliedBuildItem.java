package dev.skein.quarkus.deployment;

import io.quarkus.builder.item.EmptyBuildItem;

/** The global part of {@code quarkus.skein.*} is applied and checked at start-up: graphs built after it rely on that. */
public final class ConfigAppliedBuildItem extends EmptyBuildItem {
}
