package dev.skein;

import java.util.List;

/** The message of an exception that lists every problem of a definition at once. */
final class DefinitionProblems {

    private DefinitionProblems() {
    }

    static String message(String kind, String name, List<String> problems) {
        StringBuilder s = new StringBuilder(kind).append(" '").append(name).append("' has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (String p : problems) {
            s.append("\n  - ").append(p);
        }
        return s.toString();
    }
}
