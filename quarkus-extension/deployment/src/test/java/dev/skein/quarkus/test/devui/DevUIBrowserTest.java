package dev.skein.quarkus.test.devui;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusDevModeTest;
import io.quarkus.test.common.http.TestHTTPResource;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Skein card in a real browser (Debian's chromium, driven by Selenium; profile {@code browser-tests}):
 * opened from the extensions page, the graph is drawn (an SVG box per task, inside the page's shadow
 * DOM), the policy page shows an open breaker that its reset button closes, a run is drawn as a Gantt
 * chart. Screenshots are kept under {@code target/}.
 */
public class DevUIBrowserTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(root -> root.addClasses(CheckoutGraph.class, CheckoutResource.class)
                    .addAsResource(new StringAsset(CheckoutGraph.PAYMENT_POLICY), "application.properties"));

    /** Finds the first element matching a selector in the document or any shadow root, breadth first. */
    private static final String DEEP_FIND = """
            const roots = [document];
            while (roots.length > 0) {
                const root = roots.shift();
                const found = root.querySelector(arguments[0]);
                if (found) {
                    return found;
                }
                for (const element of root.querySelectorAll('*')) {
                    if (element.shadowRoot) {
                        roots.push(element.shadowRoot);
                    }
                }
            }
            return null;
            """;

    @TestHTTPResource("/q/dev-ui/extensions")
    URL extensions;

    private static Path profile;
    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        profile = Files.createTempDirectory("skein-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theCardShowsTheGraphDrawnThePolicyWithItsBreakerAndTheRuns() throws IOException {
        get("/checkout/order-1").then().statusCode(200); // a run for the runs page

        openPage("Graphs");
        WebElement graphs = deepFind("qwc-skein-graphs");
        SearchContext graphsPage = graphs.getShadowRoot();
        List<WebElement> nodes = waitFor(() -> nonEmpty(graphsPage.findElements(By.cssSelector("svg g.node"))));
        assertThat(nodes).extracting(n -> n.getDomAttribute("data-task"))
                .containsExactlyInAnyOrder("create order", "reserve stock", "authorise payment", "confirm order");
        assertThat(graphsPage.findElements(By.cssSelector("svg path.edge"))).hasSize(4);
        assertThat(nodes.getFirst().getRect().getWidth()).isGreaterThan(50); // drawn, not just present
        Path graphShot = screenshot("dev-ui-graph.png");
        assertThat(Files.size(graphShot)).isGreaterThan(10_000);

        get("/checkout/declined-1").then().statusCode(200);
        get("/checkout/declined-2").then().statusCode(200);
        openPage("Policies");
        SearchContext policiesPage = deepFind("qwc-skein-policies").getShadowRoot();
        By breaker = By.cssSelector("tr.policy[data-policy='payment'] .breaker");
        waitFor(() -> "OPEN".equals(text(policiesPage, breaker)));
        screenshot("dev-ui-policies.png");
        click(policiesPage.findElement(By.cssSelector("tr.policy[data-policy='payment'] vaadin-button.reset")));
        waitFor(() -> "CLOSED".equals(text(policiesPage, breaker)));

        openPage("Runs");
        SearchContext runsPage = deepFind("qwc-skein-runs").getShadowRoot();
        List<WebElement> bars = waitFor(() -> nonEmpty(runsPage.findElements(By.cssSelector("svg.gantt rect.bar"))));
        assertThat(bars.size()).isGreaterThanOrEqualTo(4);
        screenshot("dev-ui-runs.png");

        get("/checkout/hold").then().statusCode(200);
        openPage("Scopes");
        SearchContext scopesPage = deepFind("qwc-skein-scopes").getShadowRoot();
        try {
            waitFor(() -> rows(scopesPage).contains("held scope") && rows(scopesPage).contains("waiting branch"));
            screenshot("dev-ui-scopes.png");
        } finally {
            get("/checkout/release").then().statusCode(200);
        }
        waitFor(() -> !rows(scopesPage).contains("held scope")); // the page refreshes itself
    }

    private static List<String> rows(SearchContext page) {
        return page.findElements(By.cssSelector(".row .name")).stream().map(WebElement::getText).toList();
    }

    /** Opens the extensions page, and there the link of the Skein card to the page called {@code title}. */
    private void openPage(String title) {
        browser.get(extensions.toString());
        WebElement link = deepFind("qwc-extension-link[extensionname='Skein'][displayname='" + title + "']");
        click(waitFor(() -> nonEmpty(link.getShadowRoot().findElements(By.cssSelector("a.extensionLink[href]"))))
                .getFirst());
    }

    /** Clicks from inside the page: chromedriver's own click fails on elements in shadow roots ("defaultView"). */
    private static void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
    }

    private static WebElement deepFind(String selector) {
        return waitFor(() -> (WebElement) ((JavascriptExecutor) browser).executeScript(DEEP_FIND, selector));
    }

    private static String text(SearchContext page, By by) {
        List<WebElement> found = page.findElements(by);
        return found.isEmpty() ? null : found.getFirst().getText();
    }

    private static <T> List<T> nonEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    /** Waits up to a minute (the first page load compiles the Dev UI's imports) for a value that is not null nor false. */
    private static <T> T waitFor(java.util.function.Supplier<T> value) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(RuntimeException.class)
                .until(driver -> value.get());
    }

    /**
     * Keeps what the page shows in {@code target/}. The Dev UI's own notifications are closed first: under
     * QuarkusDevModeTest its extensions page reports that it has no Maven extension manager, which is the
     * test harness's and would cover the picture.
     */
    private static Path screenshot(String name) throws IOException {
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelectorAll('vaadin-notification-card').forEach(card => card.remove());");
        Path target = Path.of("target", name);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
