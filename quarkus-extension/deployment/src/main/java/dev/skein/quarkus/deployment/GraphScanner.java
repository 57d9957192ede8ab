package dev.skein.quarkus.deployment;

import dev.skein.GraphDefinitionException;
import dev.skein.graph.Graph;
import dev.skein.graph.TaskKey;
import dev.skein.graph.TaskOptions;
import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.ArgumentSource;
import dev.skein.quarkus.runtime.Durations;
import dev.skein.quarkus.runtime.Names;
import dev.skein.quarkus.runtime.TaskSpec;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.ParameterizedType;
import org.jboss.jandex.PrimitiveType;
import org.jboss.jandex.Type;

/**
 * Reads the annotated graphs of an index: each bean class with {@code @Task} methods is one graph. Every
 * problem found is kept, each naming the class, the method and the fix; what the core checks itself
 * (cycles, missing and duplicate tasks, an uncertain compensation without a compensation) is checked by
 * the core, on a graph of the same shape, so its messages are the same as for a graph built by hand.
 */
final class GraphScanner {

    /** What the scan found: the graphs, and every problem. */
    record Result(List<ScannedGraph> graphs, List<String> problems) {
    }

    private final List<String> problems = new ArrayList<>();
    private final IndexView index;
    private final FaultToleranceReader faultTolerance;

    private GraphScanner(IndexView index, boolean faultToleranceExtension) {
        this.index = index;
        this.faultTolerance = new FaultToleranceReader(faultToleranceExtension, index, problems);
    }

    /**
     * {@return the graphs of {@code index}, and every problem}
     * @param faultToleranceExtension whether {@code quarkus-smallrye-fault-tolerance} is present (it limits
     *        which fault-tolerance annotations Skein can take from a task method)
     */
    static Result scan(IndexView index, boolean faultToleranceExtension) {
        GraphScanner scanner = new GraphScanner(index, faultToleranceExtension);
        Map<DotName, ClassInfo> classes = new TreeMap<>();
        for (DotName annotation : List.of(DotNames.TASK, DotNames.COMPENSATES, DotNames.COMPENSATES_UNCERTAIN)) {
            for (AnnotationInstance a : index.getAnnotations(annotation)) {
                if (a.target().kind() == AnnotationTarget.Kind.METHOD) {
                    ClassInfo declaring = a.target().asMethod().declaringClass();
                    classes.put(declaring.name(), declaring);
                }
            }
        }
        for (AnnotationInstance a : index.getAnnotations(DotNames.TASK_GRAPH)) {
            if (a.target().kind() == AnnotationTarget.Kind.CLASS) {
                classes.put(a.target().asClass().name(), a.target().asClass());
            }
        }
        List<ScannedGraph> graphs = new ArrayList<>();
        Map<String, String> graphNames = new HashMap<>();
        for (ClassInfo bean : classes.values()) {
            ScannedGraph graph = scanner.graphOf(bean);
            if (graph != null) {
                String earlier = graphNames.putIfAbsent(graph.name(), bean.name().toString());
                if (earlier != null) {
                    scanner.problems.add("graph '" + Text.name(graph.name()) + "' is declared by both " + earlier + " and "
                            + bean.name() + ": graph names must be unique; name one of them otherwise with @TaskGraph");
                } else {
                    graphs.add(graph);
                }
            }
        }
        return new Result(graphs, scanner.problems);
    }

    // ---- one graph --------------------------------------------------------------------------------------

    /** A task being read: its method and annotation, and what is resolved so far. */
    private static final class Draft {
        final MethodInfo method;
        final AnnotationInstance annotation;
        final String name;
        final Type resultType;
        final int returns;
        List<String> params = List.of();
        final Set<String> after = new LinkedHashSet<>();
        MethodInfo condition;
        List<String> conditionParams;
        MethodInfo compensation;
        MethodInfo uncertain;
        List<String> uncertainParams;
        long timeoutNanos;
        long compensationTimeoutNanos;
        int compensationRetries;
        ScannedFaultTolerance faultTolerance;

        Draft(MethodInfo method, AnnotationInstance annotation, String name, Type resultType, int returns) {
            this.method = method;
            this.annotation = annotation;
            this.name = name;
            this.resultType = resultType;
            this.returns = returns;
        }

        boolean maySettleWithoutResult() {
            return condition != null || bool(annotation, "optional");
        }
    }

    private ScannedGraph graphOf(ClassInfo bean) {
        int problemsBefore = problems.size();
        AnnotationInstance graphAnnotation = bean.declaredAnnotation(DotNames.TASK_GRAPH);
        String graphName = graphAnnotation != null ? graphAnnotation.value().asString() : bean.simpleName();
        if (graphName.isBlank()) {
            problems.add("@TaskGraph on " + bean.name() + " has a blank name: give the graph a name, or remove @TaskGraph"
                    + " to name it after the class");
            return null;
        }
        if (bean.isInterface() || Modifier.isAbstract(bean.flags())) {
            problems.add(inherited(bean, bean.isInterface() ? "an interface" : "abstract"));
            return null;
        }
        faultTolerance.checkClass(bean);
        Map<String, Draft> tasks = new LinkedHashMap<>();
        for (MethodInfo method : bean.methodsInDeclarationOrder()) {
            AnnotationInstance task = method.declaredAnnotation(DotNames.TASK);
            if (task == null) {
                continue;
            }
            checkCallable(method, "@Task");
            String name = string(task, "value");
            if (name.isEmpty()) {
                name = method.name();
            }
            Type declared = method.returnType();
            int returns = returns(method);
            Type result = switch (returns) {
                case TaskSpec.UNI -> typeArgument(declared, method, "Uni");
                case TaskSpec.STAGE -> typeArgument(declared, method, "CompletionStage");
                default -> boxed(declared);
            };
            if (tasks.containsKey(name)) {
                problems.add(describe(method) + " is a second task named '" + Text.name(name) + "' in graph '"
                        + Text.name(graphName) + "': task names must be unique in a graph; rename one with @Task(\"...\")");
                continue;
            }
            Draft draft = new Draft(method, task, name, result, returns);
            draft.timeoutNanos = nanos(draft, "timeout");
            draft.compensationTimeoutNanos = nanos(draft, "compensationTimeout");
            draft.compensationRetries = retries(draft);
            draft.faultTolerance = faultTolerance.read(method, bean);
            String policy = string(task, "policy");
            if (!policy.isEmpty() && draft.faultTolerance != null && draft.faultTolerance.strategies()) {
                problems.add(describe(method) + " names policy '" + Text.name(policy) + "' and has fault-tolerance annotations"
                        + " (" + draft.faultTolerance.annotations() + "): a task runs through one policy; put their settings"
                        + " under quarkus.skein.policy.\"" + Text.name(policy) + "\" (a @Fallback may stay), or remove policy");
            }
            tasks.put(name, draft);
        }
        if (tasks.isEmpty()) {
            problems.add(bean.name() + " has " + (graphAnnotation != null ? "@TaskGraph" : "compensations")
                    + " but no @Task method: add at least one, or remove the annotations");
            return null;
        }
        Type inputType = inputType(bean, tasks.values());
        Map<String, List<String>> producers = new HashMap<>();
        tasks.values().forEach(t -> {
            if (!t.resultType.name().equals(DotNames.VOID)) {
                producers.computeIfAbsent(key(t.resultType), k -> new ArrayList<>()).add(t.name);
            }
        });
        for (Draft t : tasks.values()) { // conditions first: a task's condition makes its result optional
            String onlyIf = string(t.annotation, "onlyIf");
            if (!onlyIf.isEmpty()) {
                t.condition = conditionMethod(bean, t, onlyIf);
            }
        }
        for (Draft t : tasks.values()) {
            for (String after : strings(t.annotation, "after")) {
                if (!tasks.containsKey(after)) { // the core would say so too, but without the method
                    problems.add(describe(t.method) + " runs after '" + Text.name(after) + "', which is not a task of graph '"
                            + Text.name(graphName) + "': name one of " + names(tasks.keySet()) + ", or remove it from after");
                }
                t.after.add(after);
            }
            t.params = parameters(t.method, tasks, producers, null, true, false);
            t.params.forEach(p -> ArgumentSource.task(p).ifPresent(t.after::add));
            if (t.faultTolerance != null) {
                t.faultTolerance = t.faultTolerance.withTaskParams(t.params);
            }
        }
        for (Draft t : tasks.values()) {
            if (t.condition != null) {
                t.conditionParams = parameters(t.condition, tasks, producers, t, false, false);
            }
        }
        compensations(bean, tasks, producers);
        if (problems.size() > problemsBefore) {
            return null;
        }
        List<ScannedGraph.ScannedTask> scanned = new ArrayList<>();
        for (Draft t : tasks.values()) {
            scanned.add(new ScannedGraph.ScannedTask(t.name, t.method, t.resultType, t.returns, t.params,
                    List.copyOf(t.after), t.timeoutNanos, bool(t.annotation, "optional"), t.condition,
                    t.conditionParams, t.compensation, t.uncertain, t.uncertainParams,
                    t.compensationRetries, t.compensationTimeoutNanos, emptyToNull(string(t.annotation, "policy")),
                    t.faultTolerance));
        }
        coreChecks(graphName, bean, scanned);
        if (problems.size() > problemsBefore) {
            return null;
        }
        Set<String> dependedOn = new HashSet<>();
        scanned.forEach(t -> dependedOn.addAll(t.after()));
        List<ScannedGraph.ScannedTask> last = scanned.stream().filter(t -> !dependedOn.contains(t.name())).toList();
        // a run returns the one last task's result; the report when there are several, or when that one may end
        // without a result in a run that succeeds (optional and failed, or skipped by its condition)
        ScannedGraph.ScannedTask result = last.size() == 1 && !last.getFirst().optional()
                && last.getFirst().condition() == null ? last.getFirst() : null;
        Type resultType = result == null ? Type.create(DotNames.RUN_REPORT, Type.Kind.CLASS) : result.resultType();
        boolean durable = graphAnnotation != null && graphAnnotation.value("durable") != null
                && graphAnnotation.value("durable").asBoolean();
        return new ScannedGraph(graphName, bean, inputType, scanned, result == null ? null : result.name(), resultType,
                durable);
    }

    /**
     * {@return the problem of a class whose graph methods would be inherited} A graph's methods are those its bean
     * class declares: the scanner reads them there, and the invokers call them on that bean.
     */
    private String inherited(ClassInfo declaring, String what) {
        Set<String> heirs = new TreeSet<>();
        index.getAllKnownSubclasses(declaring.name()).forEach(c -> heirs.add(c.name().toString()));
        index.getAllKnownImplementations(declaring.name()).forEach(c -> heirs.add(c.name().toString()));
        return declaring.name() + " declares @Task or compensation methods but is " + what + ": inherited @Task methods are"
                + " not supported; declare them on the bean class, where the graph is read from"
                + (heirs.isEmpty() ? "" : " (its subclasses: " + names(heirs) + ")");
    }

    /** The input type: the one type of every {@code @GraphInput} parameter of the bean's graph methods. */
    private Type inputType(ClassInfo bean, Iterable<Draft> tasks) {
        Map<String, Type> seen = new LinkedHashMap<>();
        Map<String, MethodInfo> where = new LinkedHashMap<>();
        for (MethodInfo method : bean.methodsInDeclarationOrder()) {
            for (AnnotationInstance input : method.annotations(DotNames.GRAPH_INPUT)) {
                if (input.target().kind() == AnnotationTarget.Kind.METHOD_PARAMETER) {
                    Type type = method.parameterType(input.target().asMethodParameter().position());
                    seen.putIfAbsent(key(boxed(type)), boxed(type));
                    where.putIfAbsent(key(boxed(type)), method);
                }
            }
        }
        if (seen.size() > 1) {
            problems.add("the @GraphInput parameters of " + bean.name() + " have different types: " + where.entrySet().stream()
                    .map(e -> e.getKey() + " in " + describe(e.getValue())).collect(Collectors.joining(", "))
                    + ": a graph has one input; give them all one type");
        }
        return seen.isEmpty() ? null : seen.values().iterator().next();
    }

    /**
     * Resolves each parameter of {@code method} to its {@link ArgumentSource}. With {@code within}, every result
     * taken must be one of that task's dependencies (a condition or an uncertain compensation sees only what the
     * task sees), and a {@code Throwable} is why that task did not succeed (only an uncertain compensation is
     * given one).
     */
    private List<String> parameters(MethodInfo method, Map<String, Draft> tasks, Map<String, List<String>> producers,
            Draft within, boolean isTask, boolean failureAllowed) {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < method.parametersCount(); i++) {
            Type type = method.parameterType(i);
            String label = "parameter " + (method.parameterName(i) == null ? "#" + i : "'" + method.parameterName(i) + "'");
            if (method.parameters().get(i).hasDeclaredAnnotation(DotNames.GRAPH_INPUT)) {
                sources.add(ArgumentSource.INPUT);
                continue;
            }
            if (failureAllowed && type.name().equals(DotNames.THROWABLE)) {
                sources.add(ArgumentSource.FAILURE);
                continue;
            }
            AnnotationInstance from = method.parameters().get(i).declaredAnnotation(DotNames.FROM);
            boolean optional = isOneOf(type, DotNames.OPTIONAL);
            Type wanted = optional ? typeArgument(type, method, "Optional") : boxed(type);
            String producer;
            if (from != null) {
                producer = from.value().asString();
                Draft named = tasks.get(producer);
                if (named == null) {
                    problems.add(describe(method) + ": " + label + " is @From(\"" + Text.name(producer) + "\"), which is not a task"
                            + " of this graph: name one of " + names(tasks.keySet()));
                    continue;
                }
                if (!key(named.resultType).equals(key(wanted))) {
                    problems.add(describe(method) + ": " + label + " is " + type + ", but task '" + Text.name(producer)
                            + "' returns " + named.resultType + ": make their types the same");
                    continue;
                }
            } else {
                List<String> candidates = producers.getOrDefault(key(wanted), List.of()).stream()
                        .filter(name -> !isTask || !tasks.get(name).method.equals(method)).toList();
                if (candidates.isEmpty()) {
                    problems.add(describe(method) + ": " + label + " of type " + type + " is not the result of any task of"
                            + " this graph (tasks return " + names(producers.keySet().stream().sorted().toList()) + "): add a task"
                            + " that returns " + wanted + ", mark the parameter @GraphInput if it is the run's input, or"
                            + " name its task with @From");
                    continue;
                }
                if (candidates.size() > 1) {
                    problems.add(describe(method) + ": " + label + " of type " + type + " is ambiguous: tasks "
                            + names(candidates) + " all return " + wanted + "; name the one it takes with @From(\"...\")");
                    continue;
                }
                producer = candidates.getFirst();
            }
            Draft source = tasks.get(producer);
            if (isTask && source.method.equals(method)) {
                problems.add(describe(method) + ": " + label + " takes the task's own result: a task cannot depend on itself");
                continue;
            }
            if (within != null && !within.after.contains(producer)) {
                problems.add(describe(method) + ": " + label + " takes the result of task '" + Text.name(producer)
                        + "', which task '" + Text.name(within.name) + "' does not run after: it can only take the input and"
                        + " the results of " + names(within.after));
                continue;
            }
            if (!optional && source.maySettleWithoutResult()) {
                problems.add(describe(method) + ": " + label + " takes the result of task '" + Text.name(producer)
                        + "', which may have none (it is " + (source.condition != null ? "conditional" : "optional")
                        + "): declare the parameter as Optional<" + wanted + ">");
                continue;
            }
            sources.add(optional ? ArgumentSource.optionalResult(producer) : ArgumentSource.result(producer));
        }
        return sources;
    }

    private MethodInfo conditionMethod(ClassInfo bean, Draft task, String name) {
        List<MethodInfo> candidates = bean.methodsInDeclarationOrder().stream().filter(m -> m.name().equals(name)).toList();
        if (candidates.size() != 1) {
            problems.add(describe(task.method) + " has onlyIf = \"" + Text.name(name) + "\", but " + bean.name() + " has "
                    + (candidates.isEmpty() ? "no method of that name" : candidates.size() + " methods of that name")
                    + ": name one boolean method of the bean");
            return null;
        }
        MethodInfo condition = candidates.getFirst();
        checkCallable(condition, "the condition");
        Type returned = condition.returnType();
        if (!(returned.kind() == Type.Kind.PRIMITIVE && returned.asPrimitiveType().primitive() == PrimitiveType.Primitive.BOOLEAN)
                && !returned.name().equals(DotName.createSimple(Boolean.class))) {
            problems.add(describe(condition) + ", the condition of task '" + Text.name(task.name) + "', returns " + returned
                    + ": a condition returns boolean");
        }
        return condition;
    }

    private void compensations(ClassInfo bean, Map<String, Draft> tasks, Map<String, List<String>> producers) {
        for (MethodInfo method : bean.methodsInDeclarationOrder()) {
            AnnotationInstance certain = method.declaredAnnotation(DotNames.COMPENSATES);
            if (certain != null) {
                Draft task = compensated(method, "@Compensates", certain.value().asString(), tasks);
                if (task != null) {
                    checkCallable(method, "@Compensates");
                    boolean nothingToTake = task.resultType.name().equals(DotNames.VOID);
                    if (nothingToTake ? method.parametersCount() != 0
                            : method.parametersCount() != 1 || !key(boxed(method.parameterType(0))).equals(key(task.resultType))) {
                        problems.add(describe(method) + " compensates task '" + Text.name(task.name) + "', which returns "
                                + (nothingToTake ? "nothing: its compensation takes no parameter"
                                        : task.resultType + ": a compensation takes exactly one parameter, the task's result ("
                                                + task.resultType + ")"));
                    } else if (task.compensation != null) {
                        problems.add(describe(method) + " is a second @Compensates for task '" + Text.name(task.name)
                                + "' (the first is " + describe(task.compensation) + "): keep one");
                    } else {
                        task.compensation = method;
                    }
                }
            }
            AnnotationInstance uncertain = method.declaredAnnotation(DotNames.COMPENSATES_UNCERTAIN);
            if (uncertain != null) {
                Draft task = compensated(method, "@CompensatesUncertainEffect", uncertain.value().asString(), tasks);
                if (task != null) {
                    checkCallable(method, "@CompensatesUncertainEffect");
                    if (task.uncertain != null) {
                        problems.add(describe(method) + " is a second @CompensatesUncertainEffect for task '"
                                + Text.name(task.name) + "' (the first is " + describe(task.uncertain) + "): keep one");
                        continue;
                    }
                    task.uncertain = method;
                    task.uncertainParams = parameters(method, tasks, producers, task, false, true);
                    long failures = task.uncertainParams.stream().filter(ArgumentSource.FAILURE::equals).count();
                    if (failures > 1) {
                        problems.add(describe(method) + " takes " + failures + " Throwable parameters: take at most one,"
                                + " why the task did not succeed");
                    }
                }
            }
        }
    }

    private Draft compensated(MethodInfo method, String annotation, String taskName, Map<String, Draft> tasks) {
        Draft task = tasks.get(taskName);
        if (task == null) {
            problems.add(describe(method) + " is " + annotation + "(\"" + Text.name(taskName) + "\"), but the graph has no"
                    + " such task: name one of " + names(tasks.keySet()));
        }
        return task;
    }

    /** What the core checks on a graph of this shape: cycles (with their path), missing and duplicate tasks, ... */
    private void coreChecks(String graphName, ClassInfo bean, List<ScannedGraph.ScannedTask> tasks) {
        Graph.Builder<Object> builder = Graph.builder(graphName, Object.class);
        for (ScannedGraph.ScannedTask t : tasks) {
            List<TaskKey<?>> after = t.after().stream().<TaskKey<?>>map(a -> TaskKey.of(a, Object.class)).toList();
            UnaryOperator<TaskOptions<Object, Object>> options = o -> {
                TaskOptions<Object, Object> configured = o;
                if (t.compensation() != null) {
                    configured = configured.withCompensation(r -> {
                    });
                }
                if (t.uncertain() != null) {
                    configured = configured.withUncertainCompensation((in, why) -> {
                    });
                }
                return configured;
            };
            builder.task(TaskKey.of(t.name(), Object.class), after, in -> null, options);
        }
        try {
            builder.build();
        } catch (GraphDefinitionException e) {
            for (String problem : e.problems()) {
                problems.add(bean.name() + ", graph '" + Text.name(graphName) + "': " + problem);
            }
        }
    }

    // ---- checks and helpers -------------------------------------------------------------------------------

    private void checkCallable(MethodInfo method, String what) {
        if (Modifier.isPrivate(method.flags())) {
            problems.add(describe(method) + " is " + what + " but private: Skein calls it through the bean, so make it"
                    + " package-private, protected or public");
        }
        if (Modifier.isStatic(method.flags())) {
            problems.add(describe(method) + " is " + what + " but static: make it an instance method of the bean");
        }
    }

    private long nanos(Draft t, String member) {
        String text = string(t.annotation, member);
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Durations.positive(member, text).toNanos();
        } catch (IllegalArgumentException e) {
            problems.add(describe(t.method) + ": @Task's " + e.getMessage());
            return 0;
        }
    }

    private int retries(Draft t) {
        AnnotationValue v = t.annotation.value("compensationRetries");
        int retries = v == null ? -1 : v.asInt();
        if (retries > TaskOptions.MAX_COMPENSATION_RETRIES) {
            problems.add(describe(t.method) + " has @Task(compensationRetries = " + retries + "): at most "
                    + TaskOptions.MAX_COMPENSATION_RETRIES + " (negative for the graph's default)");
        }
        return retries < 0 ? -1 : retries;
    }

    static String describe(MethodInfo method) {
        StringBuilder s = new StringBuilder(method.declaringClass().name().toString()).append('#').append(method.name()).append('(');
        for (int i = 0; i < method.parametersCount(); i++) {
            s.append(i == 0 ? "" : ", ").append(method.parameterType(i).name().local());
        }
        return s.append(')').toString();
    }

    private static String names(Iterable<String> names) {
        return Names.list(names);
    }

    /** {@return how {@code method} returns: {@code TaskSpec.UNI}, {@code STAGE} (awaited, as a task's are) or {@code PLAIN}} */
    static int returns(MethodInfo method) {
        Type declared = method.returnType();
        if (isOneOf(declared, DotNames.UNI)) {
            return TaskSpec.UNI;
        }
        return isOneOf(declared, DotNames.COMPLETION_STAGE, DotNames.COMPLETABLE_FUTURE) ? TaskSpec.STAGE : TaskSpec.PLAIN;
    }

    private static boolean isOneOf(Type type, DotName... names) {
        for (DotName name : names) {
            if (type.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private Type typeArgument(Type type, MethodInfo method, String what) {
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            return boxed(type.asParameterizedType().arguments().getFirst());
        }
        problems.add(describe(method) + " uses a raw " + what + ": give its type argument, e.g. " + what + "<Order>");
        return Type.create(DotName.createSimple(Object.class), Type.Kind.CLASS);
    }

    static Type boxed(Type type) {
        if (type.kind() == Type.Kind.VOID) {
            return Type.create(DotNames.VOID, Type.Kind.CLASS);
        }
        if (type.kind() == Type.Kind.PRIMITIVE) {
            return PrimitiveType.box(type.asPrimitiveType());
        }
        return type;
    }

    /** {@return the type as text, with its type arguments and without annotations: equal types, equal keys} */
    static String key(Type type) {
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            ParameterizedType p = type.asParameterizedType();
            return p.name() + p.arguments().stream().map(GraphScanner::key).collect(Collectors.joining(",", "<", ">"));
        }
        if (type.kind() == Type.Kind.ARRAY) {
            return key(type.asArrayType().elementType()) + "[]".repeat(type.asArrayType().deepDimensions());
        }
        if (type.kind() == Type.Kind.WILDCARD_TYPE) {
            return type.toString();
        }
        return type.name().toString();
    }

    private static String string(AnnotationInstance a, String member) {
        AnnotationValue v = a.value(member);
        return v == null ? "" : v.asString();
    }

    private static boolean bool(AnnotationInstance a, String member) {
        AnnotationValue v = a.value(member);
        return v != null && v.asBoolean();
    }

    private static List<String> strings(AnnotationInstance a, String member) {
        AnnotationValue v = a.value(member);
        return v == null ? List.of() : List.of(v.asStringArray());
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
