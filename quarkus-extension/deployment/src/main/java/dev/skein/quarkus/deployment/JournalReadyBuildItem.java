package dev.skein.quarkus.deployment;

import io.quarkus.builder.item.EmptyBuildItem;

/** The journal of durable graphs is started (or off): the graphs can be built. */
public final class JournalReadyBuildItem extends EmptyBuildItem {
}
