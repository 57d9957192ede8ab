package dev.skein.quarkus.test.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.Compensates;
import dev.skein.quarkus.From;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several problems in one graph are all reported by one failed build: a dependency no task produces, an
 * ambiguous one, a wrong @From, a compensation of no task and one of the wrong type, a private and a
 * static task, a bad timeout, a result that may be missing taken as required, a parameter in the compensation of a
 * task that returns nothing.
 */
class DependencyProblemsTest {

    public record Quote(int cents) {
    }

    public record Stock(int items) {
    }

    @ApplicationScoped
    public static class Broken {
        @Task("quote a")
        Quote a(@GraphInput String item) {
            return new Quote(1);
        }

        @Task("quote b")
        Quote b(@GraphInput String item) {
            return new Quote(2);
        }

        @Task("cheapest")
        Quote cheapest(Quote either) { // ambiguous: two tasks return Quote
            return either;
        }

        @Task("stock")
        int stock(Stock stock) { // no task returns Stock
            return stock.items();
        }

        @Task("misnamed")
        int misnamed(@From("quote c") Quote q) { // no such task
            return 0;
        }

        @Task(value = "slow", timeout = "soon")
        String slow(@GraphInput String item) {
            return item;
        }

        @Task(value = "maybe", optional = true)
        Double maybe(@GraphInput String item) {
            return 1.0;
        }

        @Task("uses maybe")
        String usesMaybe(Double maybe) { // may have no result: must be Optional<Double>
            return "" + maybe;
        }

        @Task("fine with maybe")
        String fineWithMaybe(Optional<Double> maybe, @From("quote a") Quote a) {
            return "" + maybe + a;
        }

        @Task("hidden")
        private String hidden(@GraphInput String item) {
            return item;
        }

        @Task("shared")
        static String shared(@GraphInput String item) {
            return item;
        }

        @Compensates("nobody")
        void undoNobody(Quote q) {
        }

        @Compensates("quote a")
        void undoWrongType(String s) {
        }

        @Task("log")
        void log(@GraphInput String item) {
        }

        @Compensates("log")
        void unlog(String item) { // the task returns nothing: no parameter
        }

        @Task("list")
        List<String> list(@GraphInput String item) {
            return List.of(item);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Broken.class, Quote.class, Stock.class))
            .assertException(e -> {
                assertThat(e).isInstanceOf(DeploymentException.class);
                List<String> problems = Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList();
                String m = Broken.class.getName();
                assertThat(problems).hasSize(10).allSatisfy(p -> assertThat(p).startsWith("Skein: "))
                        .anySatisfy(p -> assertThat(p).contains(m + "#cheapest(Quote)", "is ambiguous",
                                "'quote a'", "'quote b'", "@From"))
                        .anySatisfy(p -> assertThat(p).contains(m + "#stock(Stock)", "not the result of any task"))
                        .anySatisfy(p -> assertThat(p).contains(m + "#misnamed(Quote)", "@From(\"quote c\")", "not a task"))
                        .anySatisfy(p -> assertThat(p).contains(m + "#slow(String)", "@Task's timeout \"soon\" is not a duration",
                                "\"2s\""))
                        .anySatisfy(p -> assertThat(p).contains(m + "#usesMaybe(Double)", "optional", "Optional<java.lang.Double>"))
                        .anySatisfy(p -> assertThat(p).contains(m + "#hidden(String)", "private"))
                        .anySatisfy(p -> assertThat(p).contains(m + "#shared(String)", "static"))
                        .anySatisfy(p -> assertThat(p).contains(m + "#undoNobody(Quote)", "@Compensates(\"nobody\")", "no such task"))
                        .anySatisfy(p -> assertThat(p).contains(m + "#undoWrongType(String)", "compensates task 'quote a'",
                                "takes exactly one parameter, the task's result"))
                        .anySatisfy(p -> assertThat(p).contains(m + "#unlog(String)", "compensates task 'log'",
                                "returns nothing: its compensation takes no parameter"));
            });

    @Test
    void theBuildFailsWithEveryProblem() {
        fail("the application should not have started");
    }
}
