package dev.skein.quarkus.deployment;

import io.quarkus.builder.item.MultiBuildItem;

/** One annotated graph, read and checked. */
public final class TaskGraphBuildItem extends MultiBuildItem {

    private final ScannedGraph graph;

    TaskGraphBuildItem(ScannedGraph graph) {
        this.graph = graph;
    }

    ScannedGraph graph() {
        return graph;
    }
}
