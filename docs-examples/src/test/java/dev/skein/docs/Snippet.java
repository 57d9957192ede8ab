package dev.skein.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown page: where it starts (the line after the fence, 1-based) and
 * its text, with the fence's indentation removed. Blocks of other languages are not snippets.
 *
 * @param page the page, relative to the repository's root (README.md, docs/graphs.md)
 * @param line the Markdown line of the block's first line of code
 * @param code the block's text
 */
record Snippet(String page, int line, String code) {

    private static final Pattern OPENING = Pattern.compile("^( *)(`{3,}|~{3,})\\s*java\\b.*$");

    /** {@return the {@code ```java} blocks of {@code markdown}, in order} */
    static List<Snippet> in(String page, String markdown) {
        List<Snippet> snippets = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher opening = OPENING.matcher(lines.get(i));
            if (!opening.matches()) {
                continue;
            }
            String indent = opening.group(1);
            String fence = opening.group(2);
            StringBuilder code = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().startsWith(fence)) {
                String line = lines.get(j);
                code.append(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading()).append('\n');
                j++;
            }
            if (j == lines.size()) {
                throw new IllegalArgumentException(page + ":" + (i + 1) + ": the java block is never closed");
            }
            snippets.add(new Snippet(page, i + 2, code.toString()));
            i = j;
        }
        return snippets;
    }

    /** {@return the snippets of a page, read from {@code root.resolve(page)}} */
    static List<Snippet> in(Path root, String page) throws IOException {
        return in(page, Files.readString(root.resolve(page)));
    }

    @Override
    public String toString() {
        return page + ":" + line;
    }
}
