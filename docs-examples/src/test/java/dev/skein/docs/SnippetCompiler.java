package dev.skein.docs;

import dev.skein.docs.pages.Page;
import dev.skein.docs.pages.SnippetImports;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles documentation snippets with javac against the test class path (Skein, its kit and extension,
 * their dependencies), each as a class of its own that extends its page's context: {@code ReadmePage} for
 * README.md, {@code ConceptsPage} for docs/concepts.md, ... in {@code dev.skein.docs.pages}, or {@link Page}
 * when the page has none. A snippet sees the context's fields and nested types by their simple names, the
 * {@linkplain #DEFAULT_IMPORTS default imports} and those its context lists in {@link SnippetImports}.
 *
 * <p>A snippet whose first line of code (after its own {@code import}s, which are honoured, comments and
 * annotations) declares something (a modifier, {@code class}, {@code interface}, {@code enum},
 * {@code record}, or a method header) is compiled as members of that class; any other snippet as the
 * body of a method that may throw anything and may return a value. A {@code package} line is ignored.
 */
final class SnippetCompiler {

    static final List<String> DEFAULT_IMPORTS = List.of(
            "dev.skein.*", "dev.skein.context.*", "dev.skein.scope.*", "dev.skein.diagnostics.*", "dev.skein.graph.*",
            "dev.skein.policy.*", "dev.skein.telemetry.*", "dev.skein.junit.*",
            "java.time.*", "java.util.*", "java.util.concurrent.*");

    enum Kind { MEMBERS, STATEMENTS }

    /** A snippet's outcome: how it was compiled, and its errors, each with its Markdown line. */
    record Result(Snippet snippet, Kind kind, String context, List<String> errors) {
    }

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?[\\w.*]+\\s*;\\s*$");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+[\\w.]+\\s*;\\s*$");
    private static final Pattern DECLARATION = Pattern.compile(
            "^((public|protected|private|static|final|abstract|sealed|non-sealed|default|synchronized|transient|volatile)\\s"
                    + "|(class|interface|enum|record)\\s|@interface\\s)");
    private static final Pattern METHOD_HEADER = Pattern.compile("^(?!(new|return|throw|else|case|yield)\\s)"
            + "[\\w$][\\w$.<>\\[\\], ?&]*\\s+[\\w$]+\\s*\\([^=;]*$");

    private SnippetCompiler() {
    }

    /** {@return the outcome of each snippet, in the order given; all are compiled together, in as few javac runs as it takes} */
    static List<Result> compile(List<Snippet> snippets, Path output) throws IOException {
        Files.createDirectories(output);
        Map<JavaFileObject, Unit> units = new LinkedHashMap<>();
        for (int i = 0; i < snippets.size(); i++) {
            Unit unit = Unit.of(snippets.get(i), "Snippet" + i);
            units.put(unit.source(), unit);
        }
        Map<Unit, List<String>> errors = new LinkedHashMap<>();
        units.values().forEach(unit -> errors.put(unit, new ArrayList<>()));
        // javac stops before type checking when any unit has a syntax error: the units it reported nothing
        // for are compiled again without the failed ones, until a run reports nothing new.
        Map<JavaFileObject, Unit> remaining = new LinkedHashMap<>(units);
        while (!remaining.isEmpty()) {
            List<Unit> failed = run(remaining, output, errors);
            if (failed.isEmpty()) {
                break;
            }
            failed.forEach(unit -> remaining.remove(unit.source()));
        }
        return units.values().stream()
                .map(unit -> new Result(unit.snippet(), unit.kind(), unit.context().getSimpleName(), errors.get(unit)))
                .toList();
    }

    /** {@return the units javac reported errors for, their errors added to {@code errors}} */
    private static List<Unit> run(Map<JavaFileObject, Unit> units, Path output, Map<Unit, List<String>> errors) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "25", "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none",
                "-Xmaxerrs", "10000", "-encoding", "UTF-8", "-d", output.toString(), "-classpath", classPath());
        javac.getTask(null, null, diagnostics, options, null, units.keySet()).call();
        List<Unit> failed = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Unit unit = units.get(d.getSource());
            if (unit == null) {
                throw new IllegalStateException("javac failed outside the snippets: " + d);
            }
            errors.get(unit).add(unit.where(d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT));
            if (!failed.contains(unit)) {
                failed.add(unit);
            }
        }
        return failed;
    }

    /** {@return how a snippet's code is compiled: as members or as statements} */
    static Kind kindOf(String code) {
        boolean inComment = false;
        for (String raw : code.lines().toList()) {
            String line = raw.strip();
            if (inComment) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.isEmpty() || line.startsWith("//") || IMPORT.matcher(line).matches() || PACKAGE.matcher(line).matches()) {
                continue;
            }
            if (line.startsWith("@")) {
                return Kind.MEMBERS;
            }
            return DECLARATION.matcher(line).find() || METHOD_HEADER.matcher(line).find() ? Kind.MEMBERS : Kind.STATEMENTS;
        }
        return Kind.STATEMENTS;
    }

    /** The page's context class: {@code <Name>Page} in {@code dev.skein.docs.pages}, or {@link Page}. */
    static Class<? extends Page> contextOf(String page) {
        String file = Path.of(page).getFileName().toString();
        String stem = file.substring(0, file.lastIndexOf('.')).toLowerCase(Locale.ROOT);
        StringBuilder name = new StringBuilder();
        for (String word : stem.split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        try {
            return Class.forName(Page.class.getPackageName() + "." + name + "Page").asSubclass(Page.class);
        } catch (ClassNotFoundException e) {
            return Page.class;
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** A snippet wrapped in a compilation unit; {@code firstLine} is the unit's line of the snippet's first line. */
    private record Unit(Snippet snippet, Kind kind, Class<? extends Page> context, JavaFileObject source, int firstLine) {

        static Unit of(Snippet snippet, String className) {
            Kind kind = kindOf(snippet.code());
            Class<? extends Page> context = contextOf(snippet.page());
            List<String> header = new ArrayList<>();
            header.add("package dev.skein.docs.snippets;");
            List<String> imports = new ArrayList<>(DEFAULT_IMPORTS);
            SnippetImports extra = context.getAnnotation(SnippetImports.class);
            if (extra != null) {
                imports.addAll(List.of(extra.value()));
            }
            imports.forEach(i -> header.add("import " + i + ";"));
            StringBuilder body = new StringBuilder();
            for (String line : snippet.code().lines().toList()) {
                String stripped = line.strip();
                if (IMPORT.matcher(stripped).matches()) {
                    header.add(stripped);
                    body.append('\n'); // keeps the snippet's line numbers
                } else if (PACKAGE.matcher(stripped).matches()) {
                    body.append('\n');
                } else {
                    body.append(line).append('\n');
                }
            }
            header.add("@SuppressWarnings(\"all\")");
            header.add("class " + className + " extends " + context.getName() + " {");
            header.add("    " + className + "() throws Throwable {");
            header.add("    }");
            if (kind == Kind.STATEMENTS) {
                header.add("    Object snippet() throws Throwable {");
                header.add("        if (true) {");
            }
            String footer = kind == Kind.STATEMENTS ? "        }\n        return null;\n    }\n}\n" : "}\n";
            String text = String.join("\n", header) + "\n" + body + footer;
            URI uri = URI.create("string:///dev/skein/docs/snippets/" + className + ".java");
            JavaFileObject source = new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            };
            return new Unit(snippet, kind, context, source, header.size() + 1);
        }

        /** {@return the Markdown position of the unit's line {@code line}} */
        String where(long line) {
            if (line < firstLine) {
                return snippet.page() + ":" + snippet.line() + " (the imports: " + context.getSimpleName()
                        + "'s @SnippetImports or the defaults)";
            }
            return snippet.page() + ":" + (snippet.line() + line - firstLine);
        }
    }

    /** {@return where a snippet is and how it was compiled} */
    static String describe(Result result) {
        return result.snippet() + " (compiled as " + result.kind().name().toLowerCase(Locale.ROOT) + " of a class extending "
                + result.context() + ")";
    }
}
