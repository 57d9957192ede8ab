package dev.skein.quarkus.deployment;

import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.FaultToleranceSpec;
import dev.skein.quarkus.runtime.GraphSpec;
import dev.skein.quarkus.runtime.MethodSpec;
import dev.skein.quarkus.runtime.Names;
import dev.skein.quarkus.runtime.SkeinRecorder;
import dev.skein.quarkus.runtime.TaskSpec;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.BeanRegistrationPhaseBuildItem;
import io.quarkus.arc.deployment.InvokerFactoryBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.deployment.recording.RecorderContext;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.ParameterizedType;
import org.jboss.jandex.Type;

/**
 * Annotated graphs: read and checked from the bean archive, their methods given invokers, built at
 * start-up, and offered for injection as {@code SkeinGraph<I, O>}.
 */
class GraphProcessor {

    @BuildStep
    void scan(BeanArchiveIndexBuildItem beans, Capabilities capabilities, BuildProducer<TaskGraphBuildItem> graphs,
            BuildProducer<ValidationErrorBuildItem> errors, BuildProducer<UnremovableBeanBuildItem> unremovable) {
        GraphScanner.Result result = GraphScanner.scan(beans.getIndex(),
                capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE));
        Problems.report(result.problems(), errors);
        for (ScannedGraph graph : result.graphs()) {
            graphs.produce(new TaskGraphBuildItem(graph));
            unremovable.produce(UnremovableBeanBuildItem.beanTypes(graph.bean().name()));
        }
    }

    /** Each graph's handle, a singleton of type {@code SkeinGraph<I, O>}, qualified by the graph's name too. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void handles(List<TaskGraphBuildItem> graphs, SkeinRecorder recorder, BuildProducer<SyntheticBeanBuildItem> beans) {
        for (TaskGraphBuildItem item : graphs) {
            ScannedGraph graph = item.graph();
            Type input = graph.inputType() == null ? Type.create(DotNames.VOID, Type.Kind.CLASS) : graph.inputType();
            beans.produce(SyntheticBeanBuildItem.configure(dev.skein.quarkus.SkeinGraph.class)
                    .addType(ParameterizedType.create(DotNames.SKEIN_GRAPH, new Type[] {input, graph.resultType()}, null))
                    .addQualifier(Default.class)
                    .addQualifier(AnnotationInstance.builder(DotNames.IDENTIFIER).add("value", graph.name()).build())
                    .scope(Singleton.class)
                    .unremovable()
                    .supplier(recorder.handle(graph.name()))
                    .setRuntimeInit()
                    .done());
        }
    }

    /** An invoker for every method of every graph, on the bean that declares it. */
    @BuildStep
    void invokers(BeanRegistrationPhaseBuildItem registration, InvokerFactoryBuildItem invokers, BeanArchiveIndexBuildItem index,
            List<TaskGraphBuildItem> graphs, BuildProducer<TaskInvokerBuildItem> produced,
            BuildProducer<BeanRegistrationPhaseBuildItem.BeanConfiguratorBuildItem> configurators,
            BuildProducer<ValidationErrorBuildItem> errors) {
        List<String> problems = new ArrayList<>();
        for (TaskGraphBuildItem item : graphs) {
            ScannedGraph graph = item.graph();
            Optional<BeanInfo> bean = registration.getContext().beans().classBeans()
                    .withBeanClass(graph.bean().name()).firstResult();
            if (bean.isEmpty()) {
                List<String> beanSubclasses = index.getIndex().getAllKnownSubclasses(graph.bean().name()).stream()
                        .filter(c -> registration.getContext().beans().classBeans().withBeanClass(c.name()).firstResult().isPresent())
                        .map(c -> c.name().toString()).sorted().toList();
                problems.add(!beanSubclasses.isEmpty()
                        ? graph.bean().name() + " declares the tasks of graph '" + Text.name(graph.name()) + "' and is not a"
                                + " CDI bean, but its subclasses " + Names.list(beanSubclasses) + " are: inherited @Task methods"
                                + " are not supported; declare them on the bean class, where the graph is read from"
                        : graph.bean().name() + " declares the tasks of graph '" + Text.name(graph.name())
                                + "' but is not a CDI bean: give it a scope, e.g. @ApplicationScoped");
                continue;
            }
            for (ScannedGraph.ScannedTask task : graph.tasks()) {
                invoker(invokers, bean.get(), graph, task.name(), "task", task.method(), produced);
                invoker(invokers, bean.get(), graph, task.name(), "condition", task.condition(), produced);
                invoker(invokers, bean.get(), graph, task.name(), "compensation", task.compensation(), produced);
                invoker(invokers, bean.get(), graph, task.name(), "uncertain", task.uncertain(), produced);
                if (task.faultTolerance() != null) {
                    invoker(invokers, bean.get(), graph, task.name(), "fallback", task.faultTolerance().fallbackMethod(), produced);
                }
            }
        }
        Problems.report(problems, errors);
    }

    private static void invoker(InvokerFactoryBuildItem invokers, BeanInfo bean, ScannedGraph graph, String task,
            String role, MethodInfo method, BuildProducer<TaskInvokerBuildItem> produced) {
        if (method != null) {
            produced.produce(new TaskInvokerBuildItem(graph.name(), task, role,
                    invokers.createInvoker(bean, method).withInstanceLookup().build()));
        }
    }

    /** At start-up: the invokers, then the graphs built from them. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(NamedPoliciesBuildItem.class)
    @Consume(JournalReadyBuildItem.class) // a durable graph is built with the journal
    @Consume(ConfigAppliedBuildItem.class) // the global timeout and grace are checked
    @Consume(BeanContainerBuildItem.class) // fallback handlers are resolved as beans once, while the graphs are built
    ServiceStartBuildItem build(List<TaskGraphBuildItem> graphs, List<TaskInvokerBuildItem> invokers, SkeinRecorder recorder,
            RecorderContext context, ShutdownContextBuildItem shutdown) {
        for (TaskInvokerBuildItem invoker : invokers) {
            recorder.registerInvoker(invoker.graph(), invoker.task(), invoker.role(),
                    context.newInstance(binaryName(invoker.invoker().getClassDesc())));
        }
        for (TaskGraphBuildItem item : graphs) {
            recorder.buildGraph(spec(item.graph()), shutdown);
        }
        recorder.checkConfiguredGraphs(graphs.stream().map(g -> g.graph().name())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        return SkeinProcessor.started();
    }

    private static String binaryName(java.lang.constant.ClassDesc desc) {
        return desc.packageName().isEmpty() ? desc.displayName() : desc.packageName() + "." + desc.displayName();
    }

    private static GraphSpec spec(ScannedGraph graph) {
        List<TaskSpec> tasks = new ArrayList<>();
        for (ScannedGraph.ScannedTask t : graph.tasks()) {
            tasks.add(new TaskSpec(t.name(), GraphScanner.describe(t.method()), load(t.resultType()), t.returns(),
                    t.params(), t.after(), t.timeoutNanos(), t.optional(), method(t.condition(), t.conditionParams()),
                    method(t.compensation(), List.of()), method(t.uncertain(), t.uncertainParams()),
                    t.compensationRetries(), t.compensationTimeoutNanos(), t.policy(), faultTolerance(t)));
        }
        Class<?> input = graph.inputType() == null ? Void.class : load(graph.inputType());
        return new GraphSpec(graph.name(), graph.bean().name().toString(), input, tasks, graph.resultTask(), graph.durable());
    }

    private static MethodSpec method(MethodInfo method, List<String> params) {
        return method == null ? null : new MethodSpec(GraphScanner.describe(method), new ArrayList<>(params),
                GraphScanner.returns(method));
    }

    private static FaultToleranceSpec faultTolerance(ScannedGraph.ScannedTask t) {
        ScannedFaultTolerance ft = t.faultTolerance();
        if (ft == null) {
            return null;
        }
        List<String> parameterTypes = t.method().parameterTypes().stream().map(p -> switch (p.kind()) { // as Class#getName
            case TYPE_VARIABLE, UNRESOLVED_TYPE_VARIABLE, TYPE_VARIABLE_REFERENCE, WILDCARD_TYPE -> Object.class.getName();
            default -> p.name().toString();
        }).toList();
        return new FaultToleranceSpec(t.method().declaringClass().name().toString(), t.method().name(),
                new ArrayList<>(parameterTypes), new ArrayList<>(ft.annotations()), new LinkedHashMap<>(ft.values()),
                ft.fallbackParams(), ft.fallbackHandler() == null ? null : load(Type.create(ft.fallbackHandler(), Type.Kind.CLASS)));
    }

    /** {@return the raw class of {@code type}, loaded from the application (Object for a type variable)} */
    private static Class<?> load(Type type) {
        String name = switch (type.kind()) {
            case TYPE_VARIABLE, UNRESOLVED_TYPE_VARIABLE, TYPE_VARIABLE_REFERENCE, WILDCARD_TYPE -> Object.class.getName();
            default -> type.name().toString();
        };
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Skein: cannot load " + name + ", a type of an annotated graph", e);
        }
    }
}
