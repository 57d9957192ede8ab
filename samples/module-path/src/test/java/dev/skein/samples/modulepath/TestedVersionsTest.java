package dev.skein.samples.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * skein-bom pins the versions Skein is tested with: those this build resolves (through the Quarkus BOM the
 * parent imports) for skein-core, its optional SLF4J and the OpenTelemetry SDK, in this module, which
 * depends on them as an application does. After a Quarkus upgrade this fails and names what to change.
 */
class TestedVersionsTest {

    private static final Path REACTOR = Path.of(System.getProperty("skein.reactor")).normalize();
    private static final Path BOM = REACTOR.resolve("bom/pom.xml");

    @Test
    void theBomPinsExactlyTheVersionsThisBuildResolves() throws Exception {
        assertThat(VersionCheck.problems(BOM, Path.of(System.getProperty("skein.resolved")), true)).isEmpty();
    }

    @Test
    void theBomHasSkeinsVersionAndTheQuarkusVersionItWasTestedWith() throws Exception {
        Element bom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(BOM.toFile()).getDocumentElement();
        assertThat(bom.getElementsByTagName("version").item(0).getTextContent())
                .as("skein-bom's version (bom/pom.xml has no parent: change it with skein-parent's)")
                .isEqualTo(System.getProperty("skein.version"));
        assertThat(bom.getElementsByTagName("quarkus.tested.version").item(0).getTextContent())
                .as("quarkus.tested.version in bom/pom.xml").isEqualTo(System.getProperty("skein.quarkus.version"));
    }

    @Test
    void theBomPinsEveryPublishedSkeinArtifact() throws Exception {
        Map<String, String> pinned = VersionCheck.pinned(BOM);
        List<String> published = publishedArtifacts();
        assertThat(published).as("published modules found in the reactor").contains("dev.skein:skein-core");
        assertThat(pinned).containsKeys(published.toArray(String[]::new));
        assertThat(pinned.keySet().stream().filter(key -> key.startsWith("dev.skein:")))
                .as("Skein artifacts in the BOM that the reactor does not publish")
                .allMatch(published::contains);
    }

    /** {@return groupId:artifactId of every jar module of the reactor that does not set maven.deploy.skip} */
    private static List<String> publishedArtifacts() throws IOException {
        try (Stream<Path> files = Files.walk(REACTOR)) {
            return files.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(TestedVersionsTest::inReactorSources)
                    .flatMap(p -> publishedJar(p).stream())
                    .sorted()
                    .toList();
        }
    }

    private static boolean inReactorSources(Path pom) {
        for (Path part : REACTOR.relativize(pom)) {
            if (Set.of("target", ".git", ".ci").contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> publishedJar(Path pom) {
        try {
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                    .getDocumentElement();
            String artifactId = null;
            String packaging = "jar";
            for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("artifactId")) {
                    artifactId = e.getTextContent().strip();
                } else if (n instanceof Element e && e.getTagName().equals("packaging")) {
                    packaging = e.getTextContent().strip();
                }
            }
            boolean neverPublished = project.getElementsByTagName("maven.deploy.skip").getLength() > 0;
            return packaging.equals("jar") && !neverPublished ? Optional.of("dev.skein:" + artifactId) : Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }
}
