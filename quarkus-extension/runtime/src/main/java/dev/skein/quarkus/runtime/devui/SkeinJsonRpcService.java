package dev.skein.quarkus.runtime.devui;

import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.graph.Graph;
import dev.skein.internal.Text;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.policy.PolicyState;
import dev.skein.quarkus.runtime.Names;
import dev.skein.quarkus.runtime.PolicyReading;
import dev.skein.quarkus.runtime.SkeinRecorder;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What the Skein card of the Dev UI shows (dev mode only): the graphs laid out, the named policies with
 * their breakers, the live scope tree, the last runs. Each item is built on its own, so one that fails
 * to build is shown as its error rather than taking the page with it; every answer is bounded in size.
 */
public class SkeinJsonRpcService {

    /** The most rows of the scope tree sent at once. */
    static final int SCOPE_ROWS = 500;

    @Inject
    RecentRuns recentRuns;

    /**
     * A graph for the graph page: its layout, or why it could not be laid out.
     *
     * @param name the graph's name
     * @param layout its layout, if it could be computed
     * @param error why not, otherwise
     */
    public record GraphView(String name, GraphLayout layout, String error) {
    }

    /**
     * A named policy.
     *
     * @param name its name
     * @param breaker its breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), or null without one
     * @param config its strategies and their parameters, in a line
     * @param retries retries started
     * @param breakerRejections calls refused by the open breaker
     * @param rateLimitRejections calls refused for want of a permit
     * @param bulkheadRejections calls refused by the full bulkhead
     * @param timeouts calls that timed out
     * @param sharedLimit its shared rate limit's store, reachable or not, and what it does then; null unless the
     *        rate limit is shared
     * @param sharedLimitReachable whether that store answered the last call (true without a shared limit)
     * @param error why its state could not be read (the counts are then 0), or null
     */
    public record PolicyView(String name, String breaker, String config, long retries, long breakerRejections,
            long rateLimitRejections, long bulkheadRejections, long timeouts, String sharedLimit,
            boolean sharedLimitReachable, String error) {
    }

    /**
     * A line of the scope tree, which is sent flat: a scope or branch, and how deep it sits.
     *
     * @param depth 0 for a root scope, one more per level below it
     * @param kind {@code scope} or {@code branch}
     * @param name its name
     * @param state its state
     * @param ageMillis its age
     * @param detail more: a scope's kind and deadline, a branch's thread state; why it was cancelled
     */
    public record ScopeRow(int depth, String kind, String name, String state, long ageMillis, String detail) {
    }

    /**
     * The live scope tree.
     *
     * @param rows the scopes and branches, depth first, as an indented list reads
     * @param omitted the rows beyond {@value #SCOPE_ROWS}, left out
     */
    public record ScopeTree(List<ScopeRow> rows, int omitted) {
    }

    /**
     * A run of a durable graph, as the journal has it.
     *
     * @param id its id
     * @param graph its graph
     * @param status {@code RUNNING}, {@code RECOVERING} or {@code PARKED}
     * @param owner the instance that started it
     * @param reason why it did not succeed, or why it is parked; null while running
     * @param startedAt when it started
     * @param tasks its tasks with their outcomes and compensations, in a line
     */
    public record DurableRunRow(String id, String graph, String status, String owner, String reason, String startedAt,
            String tasks) {
    }

    /**
     * The journal's runs that are not over (at most 100 of each status), oldest first.
     *
     * @param off why there are none to show (the journal is off), or null
     * @param runs the runs
     */
    public record DurableRuns(String off, List<DurableRunRow> runs) {
    }

    /** {@return the runs of durable graphs that are not over} Asked only by the page shown with {@code skein-durable}. */
    public DurableRuns getDurableRuns() {
        return DurableRunsView.read();
    }

    /**
     * Compensates the parked run {@code id} again, once its cause is fixed. {@return the run as it is now}
     * @throws IllegalArgumentException if it is not parked
     */
    public DurableRunRow retryDurableRun(String id) {
        return DurableRunsView.retry(id);
    }

    /** {@return the graphs of the application, sorted by name, laid out} */
    public List<GraphView> getGraphs() {
        List<GraphView> views = new ArrayList<>();
        for (Graph<?> graph : SkeinRecorder.graphs()) {
            try {
                views.add(new GraphView(Text.name(graph.name()), GraphLayout.of(graph), null));
            } catch (Throwable t) {
                views.add(new GraphView(Text.name(graph.name()), null, Text.describe(t)));
            }
        }
        return views;
    }

    /** {@return the named policies, sorted by name} */
    public List<PolicyView> getPolicies() {
        return PolicyReading.all().stream().map(SkeinJsonRpcService::view).toList();
    }

    /**
     * Closes the breaker of the named policy {@code name}. {@return the policy as it is now}
     * @throws IllegalArgumentException if there is no such policy, or it has no breaker
     */
    public PolicyView resetBreaker(String name) {
        Optional<Policy> policy = Policies.find(name);
        if (policy.isEmpty()) {
            throw new IllegalArgumentException("no named policy '" + Text.name(name) + "'; the named policies are "
                    + Names.list(Policies.all().stream().map(p -> p.name().orElse("")).sorted().toList()));
        }
        if (!policy.get().resetBreaker()) {
            throw new IllegalArgumentException("policy '" + Text.name(name) + "' has no circuit breaker to reset");
        }
        return view(PolicyReading.of(policy.get()));
    }

    /** {@return the open scopes and their branches, oldest first, at most {@value #SCOPE_ROWS} rows} */
    public ScopeTree getScopes() {
        List<ScopeRow> rows = new ArrayList<>();
        int omitted = 0;
        // depth first without recursion: a tree can be thousands of levels deep
        Deque<Object> todo = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        List<ScopeSnapshot> roots = Diagnostics.snapshot();
        for (int i = roots.size() - 1; i >= 0; i--) {
            todo.push(roots.get(i));
            depths.push(0);
        }
        while (!todo.isEmpty()) {
            Object next = todo.pop();
            int depth = depths.pop();
            if (rows.size() == SCOPE_ROWS) {
                omitted++;
            } else if (next instanceof ScopeSnapshot scope) {
                rows.add(new ScopeRow(depth, "scope", Text.name(scope.name()), scope.state(), scope.age().toMillis(),
                        scope.kind() + scope.deadlineLeft().map(d -> ", deadline in " + d.toMillis() + " ms").orElse("")
                                + scope.cancellation().map(c -> ", " + Text.name(c)).orElse("")));
            } else {
                BranchSnapshot branch = (BranchSnapshot) next;
                rows.add(new ScopeRow(depth, "branch", Text.name(branch.name()), branch.state().name(),
                        branch.age().toMillis(), "thread " + branch.threadState()
                                + branch.cancellation().map(c -> ", " + Text.name(c)).orElse("")
                                + branch.sinceCancelled().map(d -> ", cancelled " + d.toMillis() + " ms ago").orElse("")
                                + (branch.stuck() ? ", STUCK past its scope's cancellation grace" : "")));
            }
            List<?> children = next instanceof ScopeSnapshot scope ? scope.branches() : ((BranchSnapshot) next).scopes();
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
                depths.push(depth + 1);
            }
        }
        return new ScopeTree(rows, omitted);
    }

    /** {@return the last runs of each graph, by graph name, newest first} */
    public List<RecentRuns.Run> getRuns() {
        return recentRuns.runs();
    }

    private static PolicyView view(PolicyReading policy) {
        PolicyState state = policy.state();
        String name = Text.name(policy.name());
        if (state == null) {
            return new PolicyView(name, policy.breaker().orElse(null), policy.strategiesLine(), 0, 0, 0, 0, 0,
                    policy.sharedLimitLine().orElse(null), !policy.hasSharedLimit(), policy.error());
        }
        return new PolicyView(name, state.breaker().map(Enum::name).orElse(null), policy.strategiesLine(),
                state.retries(), state.breakerRejections(), state.rateLimitRejections(), state.bulkheadRejections(),
                state.timeouts(), policy.sharedLimitLine().orElse(null),
                policy.sharedLimit() == null || policy.sharedLimit().reachable(), null);
    }
}
