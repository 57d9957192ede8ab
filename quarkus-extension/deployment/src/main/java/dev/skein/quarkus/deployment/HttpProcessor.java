package dev.skein.quarkus.deployment;

import dev.skein.quarkus.runtime.http.BudgetClientFilter;
import dev.skein.quarkus.runtime.http.BudgetFilter;
import dev.skein.quarkus.runtime.http.BudgetInterceptor;
import dev.skein.quarkus.runtime.http.HttpRecorder;
import dev.skein.quarkus.runtime.http.WithBudget;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.rest.client.reactive.spi.ClientRequestFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerRequestFilterBuildItem;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Priorities;
import java.lang.reflect.Modifier;
import java.util.List;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

/**
 * Deadlines across HTTP: with {@code quarkus-rest}, the budget filter and an interceptor on every endpoint method;
 * with {@code quarkus-rest-client}, the filter that sends the budget on; the header's name checked at start-up.
 */
class HttpProcessor {

    private static final List<DotName> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class, DELETE.class,
            PATCH.class, HEAD.class, OPTIONS.class).stream().map(DotName::createSimple).toList();

    @BuildStep
    void server(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ContainerRequestFilterBuildItem> filters, BuildProducer<AnnotationsTransformerBuildItem> transformers) {
        if (!capabilities.isPresent(Capability.REST)) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(BudgetInterceptor.class.getName(),
                WithBudget.class.getName(), BudgetFilter.class.getPackageName() + ".IncomingBudget").setUnremovable().build());
        // early among the filters, and on the event loop: a spent budget costs no worker thread
        filters.produce(new ContainerRequestFilterBuildItem.Builder(BudgetFilter.class.getName())
                .setPriority(Priorities.HEADER_DECORATOR).setNonBlockingRequired(true).build());
        transformers.produce(new AnnotationsTransformerBuildItem(AnnotationTransformation.forMethods()
                .whenMethod(HttpProcessor::isEndpoint).transform(context -> context.add(WithBudget.class))));
    }

    @BuildStep
    void client(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ClientRequestFilterBuildItem> filters, BuildProducer<AdditionalIndexedClassesBuildItem> indexed) {
        if (capabilities.isPresent(Capability.REST_CLIENT_REACTIVE)) {
            // in the index, so that the REST Client reads the filter's priority instead of warning that it cannot
            indexed.produce(new AdditionalIndexedClassesBuildItem(BudgetClientFilter.class.getName()));
            beans.produce(AdditionalBeanBuildItem.unremovableOf(BudgetClientFilter.class));
            filters.produce(new ClientRequestFilterBuildItem(BudgetClientFilter.class.getName()));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    ServiceStartBuildItem settings(HttpRecorder recorder, ShutdownContextBuildItem shutdown) {
        recorder.apply(shutdown);
        return SkeinProcessor.started();
    }

    /** {@return whether {@code method} is a resource method of a class} A REST Client's interface has them too. */
    private static boolean isEndpoint(MethodInfo method) {
        return !Modifier.isInterface(method.declaringClass().flags()) && !Modifier.isStatic(method.flags())
                && HTTP_METHODS.stream().anyMatch(method::hasDeclaredAnnotation);
    }
}
