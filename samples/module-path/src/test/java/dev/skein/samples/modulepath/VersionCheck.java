package dev.skein.samples.modulepath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Compares what a build resolved ({@code mvn dependency:list -DoutputFile=...}) with what skein-bom pins.
 * JDK only, so that {@code .ci/run} can run it as a source file on a consumer project outside the reactor:
 * {@code java VersionCheck.java <bom pom> <dependency list> [--complete]}; exit status 1 lists the problems.
 */
public final class VersionCheck {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** A resolved artifact: {@code scope} is compile, runtime, provided, test or system. */
    record Resolved(String groupId, String artifactId, String version, String scope) {
        String key() {
            return groupId + ":" + artifactId;
        }
    }

    private VersionCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--complete"))) {
            System.err.println("usage: java VersionCheck.java <skein-bom pom> <dependency:list output file> [--complete]");
            System.exit(2);
        }
        for (String file : List.of(args[0], args[1])) {
            if (!Files.isRegularFile(Path.of(file))) {
                System.err.println("version check: " + file + " is not a file");
                System.exit(2);
            }
        }
        List<String> problems = problems(Path.of(args[0]), Path.of(args[1]), args.length == 3);
        problems.forEach(problem -> System.err.println("version check: " + problem));
        if (!problems.isEmpty()) {
            System.exit(1);
        }
        System.out.println("version check: every resolved artifact that skein-bom pins has the pinned version, and "
                + "every compile and runtime dependency is pinned (" + args[1] + ")");
    }

    /**
     * {@return what is wrong: a pinned artifact resolved in another version, a compile or runtime
     * dependency the BOM does not pin (Skein's own artifacts aside), and, with {@code complete}, a pinned
     * third-party artifact that was not resolved at all}
     */
    static List<String> problems(Path bom, Path dependencyList, boolean complete) throws Exception {
        Map<String, String> pinned = pinned(bom);
        List<Resolved> resolved = resolved(dependencyList);
        List<String> problems = new ArrayList<>();
        for (Resolved r : resolved) {
            String version = pinned.get(r.key());
            if (version != null && !version.equals(r.version())) {
                problems.add(r.key() + " resolved as " + r.version() + " (" + r.scope() + "), but skein-bom pins "
                        + version + ": the BOM and the build disagree; set the BOM's version to the one the build tests");
            } else if (version == null && !r.groupId().equals("dev.skein")
                    && (r.scope().equals("compile") || r.scope().equals("runtime"))) {
                problems.add(r.key() + ":" + r.version() + " (" + r.scope() + ") is not pinned by skein-bom: add it to "
                        + "bom/pom.xml, or the consumers' version of it is left to chance");
            }
        }
        if (complete) {
            List<String> seen = resolved.stream().map(Resolved::key).toList();
            pinned.keySet().stream()
                    .filter(key -> !key.startsWith("dev.skein:") && !seen.contains(key))
                    .forEach(key -> problems.add(key + " is pinned by skein-bom but not resolved by this build: remove "
                            + "it from bom/pom.xml, or add what uses it to the project that checks the BOM"));
        }
        return problems;
    }

    /** {@return groupId:artifactId to version, for every entry of the BOM's dependencyManagement} */
    static Map<String, String> pinned(Path bom) throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(bom.toFile());
        Element project = pom.getDocumentElement();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("project.version", text(project, "version"));
        Element props = child(project, "properties");
        if (props != null) {
            NodeList all = props.getChildNodes();
            for (int i = 0; i < all.getLength(); i++) {
                if (all.item(i) instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().strip());
                }
            }
        }
        Map<String, String> pinned = new LinkedHashMap<>();
        Element management = child(child(project, "dependencyManagement"), "dependencies");
        NodeList dependencies = management.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            pinned.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"),
                    interpolate(text(dependency, "version"), properties));
        }
        return pinned;
    }

    /** {@return the artifacts listed by {@code dependency:list} (lines {@code g:a:type[:classifier]:version:scope})} */
    static List<Resolved> resolved(Path dependencyList) throws IOException {
        List<Resolved> resolved = new ArrayList<>();
        for (String line : Files.readAllLines(dependencyList)) {
            String coordinates = line.strip().split("\\s+")[0];
            String[] parts = coordinates.split(":");
            if (line.startsWith("   ") && (parts.length == 5 || parts.length == 6)) {
                resolved.add(new Resolved(parts[0], parts[1], parts[parts.length - 2], parts[parts.length - 1]));
            }
        }
        if (resolved.isEmpty()) {
            throw new IllegalArgumentException(dependencyList + " lists no artifact: is it the output of dependency:list?");
        }
        return resolved;
    }

    private static String interpolate(String value, Map<String, String> properties) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.get(m.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException("the BOM uses ${" + m.group(1) + "}, which it does not define");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            throw new IllegalArgumentException("<" + parent.getTagName() + "> has no <" + name + ">");
        }
        return e.getTextContent().strip();
    }
}
