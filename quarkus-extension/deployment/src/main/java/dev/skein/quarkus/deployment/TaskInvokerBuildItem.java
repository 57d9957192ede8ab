package dev.skein.quarkus.deployment;

import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.builder.item.MultiBuildItem;

/** The invoker ArC generated for one method of a graph: a task, or its condition or compensation. */
public final class TaskInvokerBuildItem extends MultiBuildItem {

    private final String graph;
    private final String task;
    private final String role;
    private final InvokerInfo invoker;

    TaskInvokerBuildItem(String graph, String task, String role, InvokerInfo invoker) {
        this.graph = graph;
        this.task = task;
        this.role = role;
        this.invoker = invoker;
    }

    String graph() {
        return graph;
    }

    String task() {
        return task;
    }

    String role() {
        return role;
    }

    InvokerInfo invoker() {
        return invoker;
    }
}
