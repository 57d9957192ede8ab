package dev.skein.durable;

import dev.skein.graph.Graph;
import dev.skein.graph.Journal;
import dev.skein.graph.TaskFunction;
import dev.skein.graph.TaskKey;
import dev.skein.graph.TaskOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The saga of the kill test: reserve, then authorise and ship-label in parallel, then capture. Each task and
 * each compensation writes its effect to {@code effect} with a plain insert (so a second invocation shows, and which
 * process made it); the compensations also write {@code undone} idempotently, as a real one would undo only once.
 */
final class Saga {

    static final String NAME = "kill-test saga";
    /** Written with each effect: which process invoked the task or compensation (a killed service, or the recovering test). */
    static final long PID = ProcessHandle.current().pid();

    record Order(String id) {
    }

    /** Every task's result: which order and task it was, so a compensation can show it got the recorded result. */
    record Step(String order, String task) {
    }

    static final TaskKey<Step> RESERVE = TaskKey.of("reserve", Step.class);
    static final TaskKey<Step> AUTHORISE = TaskKey.of("authorise", Step.class);
    static final TaskKey<Step> LABEL = TaskKey.of("ship-label", Step.class);
    static final TaskKey<Step> CAPTURE = TaskKey.of("capture", Step.class);
    static final List<TaskKey<Step>> TASKS = List.of(RESERVE, AUTHORISE, LABEL, CAPTURE);
    /** The tasks each runs after. */
    static final Map<TaskKey<Step>, List<TaskKey<Step>>> AFTER = Map.of(RESERVE, List.of(), AUTHORISE, List.of(RESERVE),
            LABEL, List.of(RESERVE), CAPTURE, List.of(AUTHORISE, LABEL));

    /** Where a saga stops for good, to be killed there. */
    enum Point {
        /** In the task's function, before its effect. */
        BEFORE,
        /** In the task's function, after its effect, before it returns. */
        AFTER,
        /** Capture fails, so the saga compensates; stops in the task's compensation, before its effect. */
        COMPENSATION_BEFORE,
        /** Capture fails, so the saga compensates; stops in the task's compensation, after its effect. */
        COMPENSATION_AFTER;

        boolean compensating() {
            return this == COMPENSATION_BEFORE || this == COMPENSATION_AFTER;
        }
    }

    /** A kill point: a point in a task. */
    record KillPoint(Point point, String task) {

        static KillPoint parse(String text) {
            int colon = text.indexOf(':');
            return new KillPoint(Point.valueOf(text.substring(0, colon)), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return point + ":" + task;
        }
    }

    /** What a saga does at each point it passes: nothing in the recovering JVM, stop for good in the service's. */
    @FunctionalInterface
    interface Points {
        Points NONE = (order, point, task) -> {
        };

        void at(String order, Point point, String task);

        /** {@return whether {@code order}'s capture fails, so that it compensates} */
        default boolean declines(String order) {
            return false;
        }
    }

    private Saga() {
    }

    static void createTables(DataSource dataSource) throws SQLException {
        Postgres.execute(dataSource,
                "create table effect (seq bigserial primary key, order_id text not null, task text not null, "
                        + "kind text not null, detail text, pid bigint not null)",
                "create table undone (order_id text not null, task text not null, kind text not null, "
                        + "primary key (order_id, task, kind))");
    }

    static Graph<Order> graph(Journal journal, DataSource effects, Points points) {
        Graph.Builder<Order> saga = Graph.builder(NAME, Order.class);
        for (TaskKey<Step> task : TASKS) {
            saga.task(task, AFTER.get(task), step(task, effects, points), compensations(task, effects, points));
        }
        return saga.journal(journal).build();
    }

    private static TaskFunction<Order, Step> step(TaskKey<Step> key, DataSource effects, Points points) {
        String task = key.name();
        return in -> {
            String order = in.input().id();
            points.at(order, Point.BEFORE, task);
            effect(effects, order, task, "do", null);
            points.at(order, Point.AFTER, task);
            if (key == CAPTURE && points.declines(order)) {
                throw new IllegalStateException("card declined for order " + order);
            }
            return new Step(order, task);
        };
    }

    private static UnaryOperator<TaskOptions<Order, Step>> compensations(TaskKey<Step> key, DataSource effects, Points points) {
        String task = key.name();
        return options -> options
                .withCompensation(result -> undo(effects, points, result.order(), task, "undo", result.order() + "/" + result.task()))
                .withUncertainCompensation((in, failure) -> undo(effects, points, in.input().id(), task, "uncertain", null));
    }

    private static void undo(DataSource effects, Points points, String order, String task, String kind, String detail)
            throws SQLException {
        points.at(order, Point.COMPENSATION_BEFORE, task);
        effect(effects, order, task, kind, detail);
        try (Connection c = effects.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into undone (order_id, task, kind) values (?, ?, ?) on conflict do nothing")) {
            s.setString(1, order);
            s.setString(2, task);
            s.setString(3, kind);
            s.executeUpdate();
        }
        points.at(order, Point.COMPENSATION_AFTER, task);
    }

    private static void effect(DataSource effects, String order, String task, String kind, String detail) throws SQLException {
        try (Connection c = effects.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into effect (order_id, task, kind, detail, pid) values (?, ?, ?, ?, ?)")) {
            s.setString(1, order);
            s.setString(2, task);
            s.setString(3, kind);
            s.setString(4, detail);
            s.setLong(5, PID);
            s.executeUpdate();
        }
    }
}
