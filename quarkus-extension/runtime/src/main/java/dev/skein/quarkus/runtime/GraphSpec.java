package dev.skein.quarkus.runtime;

import io.quarkus.runtime.annotations.RecordableConstructor;
import java.util.List;

/** An annotated graph as the build found it; recorded, then built into a core graph at start-up. */
public final class GraphSpec {

    private final String name;
    private final String beanClass;
    private final Class<?> inputType;
    private final List<TaskSpec> tasks;
    private final String resultTask;
    private final boolean durable;

    /**
     * @param name the graph's name
     * @param beanClass the bean class declaring the tasks
     * @param inputType the raw type of the input ({@code Void} when no task takes it)
     * @param tasks the tasks, in declaration order
     * @param resultTask the one last task, whose result a run returns; null when there are several, or when it is
     *        optional or conditional (a run returns its report then)
     * @param durable whether {@code @TaskGraph(durable = true)} makes it durable
     */
    @RecordableConstructor
    public GraphSpec(String name, String beanClass, Class<?> inputType, List<TaskSpec> tasks, String resultTask,
            boolean durable) {
        this.name = name;
        this.beanClass = beanClass;
        this.inputType = inputType;
        this.tasks = tasks;
        this.resultTask = resultTask;
        this.durable = durable;
    }

    public String getName() {
        return name;
    }

    public String getBeanClass() {
        return beanClass;
    }

    public Class<?> getInputType() {
        return inputType;
    }

    public List<TaskSpec> getTasks() {
        return tasks;
    }

    public String getResultTask() {
        return resultTask;
    }

    public boolean isDurable() {
        return durable;
    }
}
