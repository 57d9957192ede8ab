package dev.skein.quarkus.deployment.devui;

import dev.skein.quarkus.deployment.TaskGraphBuildItem;
import dev.skein.quarkus.runtime.devui.RecentRuns;
import dev.skein.quarkus.runtime.devui.SkeinJsonRpcService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import java.util.List;

/**
 * The Skein card of the Dev UI, in dev mode only: the graphs drawn, the named policies with their
 * breakers, the live scope tree, the last runs of each graph as Gantt charts, and (with {@code skein-durable}) the
 * durable runs that are not over, a parked one retried by a button. The pages are web
 * components under {@code dev-ui/}; they draw their SVG themselves, from layouts the JSON-RPC service computes.
 */
class SkeinDevUIProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(List<TaskGraphBuildItem> graphs) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Graphs")
                .icon("font-awesome-solid:diagram-project")
                .componentLink("qwc-skein-graphs.js")
                .staticLabel(Integer.toString(graphs.size())));
        card.addPage(Page.webComponentPageBuilder()
                .title("Policies")
                .icon("font-awesome-solid:shield-halved")
                .componentLink("qwc-skein-policies.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Scopes")
                .icon("font-awesome-solid:sitemap")
                .componentLink("qwc-skein-scopes.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Runs")
                .icon("font-awesome-solid:chart-gantt")
                .componentLink("qwc-skein-runs.js"));
        if (QuarkusClassLoader.isClassPresentAtRuntime("dev.skein.durable.DurableGraphs")) {
            card.addPage(Page.webComponentPageBuilder()
                    .title("Durable runs")
                    .icon("font-awesome-solid:database")
                    .componentLink("qwc-skein-durable-runs.js"));
        }
        return card;
    }

    /** Keeps the last runs; only in dev mode, where the Dev UI reads them. */
    @BuildStep(onlyIf = IsLocalDevelopment.class)
    AdditionalBeanBuildItem recentRuns() {
        return AdditionalBeanBuildItem.unremovableOf(RecentRuns.class);
    }

    /** Always produced, as the build item asks: only the Dev UI, present in dev mode alone, makes it a bean. */
    @BuildStep
    JsonRPCProvidersBuildItem jsonRpcService() {
        return new JsonRPCProvidersBuildItem(SkeinJsonRpcService.class);
    }
}
