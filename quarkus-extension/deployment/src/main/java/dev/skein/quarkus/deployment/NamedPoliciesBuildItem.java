package dev.skein.quarkus.deployment;

import io.quarkus.builder.item.EmptyBuildItem;

/** The named policies of {@code quarkus.skein.policy} are defined at start-up: graphs that name them come after. */
public final class NamedPoliciesBuildItem extends EmptyBuildItem {
}
