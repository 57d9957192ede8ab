package dev.skein.quarkus.benchmarks;

import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;

/** Four tasks in a diamond, each doing next to nothing: what is measured is the graph around them. */
@ApplicationScoped
@TaskGraph("diamond")
public class Diamond {

    public record Left(int value) {
    }

    public record Right(int value) {
    }

    public record Sum(int value) {
    }

    @Task("start")
    public Integer start(@GraphInput Integer input) {
        return input + 1;
    }

    @Task("left")
    public Left left(Integer start) {
        return new Left(start * 2);
    }

    @Task("right")
    public Right right(Integer start) {
        return new Right(start * 3);
    }

    @Task("sum")
    public Sum sum(Left left, Right right) {
        return new Sum(left.value() + right.value());
    }
}
