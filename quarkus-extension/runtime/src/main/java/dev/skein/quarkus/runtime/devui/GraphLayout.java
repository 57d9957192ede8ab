package dev.skein.quarkus.runtime.devui;

import dev.skein.graph.Graph;
import dev.skein.graph.TaskKey;
import dev.skein.internal.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph laid out for drawing, left to right: each task in the layer of the longest chain of
 * dependencies before it (so every arrow points right), the tasks of a layer one under the other, ordered
 * by where their dependencies sit. Coordinates are in pixels from the top left corner of the picture.
 *
 * @param graph the graph's name
 * @param width the picture's width
 * @param height the picture's height
 * @param boxWidth the width of every box
 * @param boxHeight the height of every box
 * @param nodes one box per task, in the order the graph declares its tasks
 * @param edges one arrow per dependency, from the task that runs first
 */
public record GraphLayout(String graph, int width, int height, int boxWidth, int boxHeight, List<Box> nodes,
        List<Arrow> edges) {

    static final int BOX_WIDTH = 180;
    static final int BOX_HEIGHT = 40;
    static final int GAP_X = 70;
    static final int GAP_Y = 24;
    static final int MARGIN = 16;
    /** Labels longer than this are cut (the box shows the whole name as its tooltip). */
    static final int LABEL = 24;

    /**
     * A task's box.
     *
     * @param task the task's name
     * @param label what the box shows: the name, cut to fit
     * @param layer its column, from 0
     * @param x the left edge
     * @param y the top edge
     */
    public record Box(String task, String label, int layer, int x, int y) {
    }

    /**
     * An arrow from a task's right edge to the left edge of a task that runs after it.
     *
     * @param from the task that runs first
     * @param to the task that runs after it
     */
    public record Arrow(String from, String to, int x1, int y1, int x2, int y2) {
    }

    /** {@return {@code graph} laid out} Iterative: a graph of any size and depth. */
    public static GraphLayout of(Graph<?> graph) {
        List<TaskKey<?>> tasks = graph.tasks();
        int n = tasks.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(tasks.get(i).name(), i);
        }
        int[][] dependencies = new int[n][];
        List<List<Integer>> dependents = new ArrayList<>();
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            dependencies[i] = graph.dependenciesOf(tasks.get(i)).stream().mapToInt(k -> index.get(k.name())).toArray();
            waiting[i] = dependencies[i].length;
            for (int d : dependencies[i]) {
                dependents.get(d).add(i);
            }
        }
        // longest path from a root, in topological order (a built graph has no cycle)
        int[] layer = new int[n];
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        while (!ready.isEmpty()) {
            int task = ready.poll();
            for (int next : dependents.get(task)) {
                layer[next] = Math.max(layer[next], layer[task] + 1);
                if (--waiting[next] == 0) {
                    ready.add(next);
                }
            }
        }
        int layers = Arrays.stream(layer).max().orElse(0) + 1;
        List<List<Integer>> columns = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            columns.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            columns.get(layer[i]).add(i);
        }
        // in each column, tasks sorted by the mean row of their dependencies (fewer crossings), then as declared
        double[] row = new double[n];
        int tallest = 0;
        for (List<Integer> column : columns) {
            column.sort(Comparator.<Integer>comparingDouble(i -> meanRow(dependencies[i], row)).thenComparing(i -> i));
            for (int r = 0; r < column.size(); r++) {
                row[column.get(r)] = r;
            }
            tallest = Math.max(tallest, column.size());
        }
        List<Box> boxes = new ArrayList<>(n);
        int[] x = new int[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = MARGIN + layer[i] * (BOX_WIDTH + GAP_X);
            y[i] = MARGIN + (int) row[i] * (BOX_HEIGHT + GAP_Y);
            String name = tasks.get(i).name();
            boxes.add(new Box(Text.name(name), label(name), layer[i], x[i], y[i]));
        }
        List<Arrow> arrows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int d : dependencies[i]) {
                arrows.add(new Arrow(boxes.get(d).task(), boxes.get(i).task(), x[d] + BOX_WIDTH, y[d] + BOX_HEIGHT / 2,
                        x[i], y[i] + BOX_HEIGHT / 2));
            }
        }
        int width = 2 * MARGIN + layers * BOX_WIDTH + (layers - 1) * GAP_X;
        int height = 2 * MARGIN + tallest * BOX_HEIGHT + Math.max(0, tallest - 1) * GAP_Y;
        return new GraphLayout(Text.name(graph.name()), width, height, BOX_WIDTH, BOX_HEIGHT, List.copyOf(boxes),
                List.copyOf(arrows));
    }

    private static double meanRow(int[] dependencies, double[] row) {
        return Arrays.stream(dependencies).mapToDouble(d -> row[d]).average().orElse(0);
    }

    private static String label(String name) {
        if (name.length() <= LABEL) {
            return name;
        }
        int end = Character.isHighSurrogate(name.charAt(LABEL - 2)) ? LABEL - 2 : LABEL - 1;
        return name.substring(0, end) + "…";
    }
}
