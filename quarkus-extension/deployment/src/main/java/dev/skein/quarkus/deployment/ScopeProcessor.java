package dev.skein.quarkus.deployment;

import dev.skein.DeadlineExceededException;
import dev.skein.quarkus.SkeinScope;
import dev.skein.quarkus.runtime.DeadlineExceededMapper;
import dev.skein.quarkus.runtime.SkeinScopeInterceptor;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;
import jakarta.ws.rs.Priorities;

/** {@code @SkeinScope}: its interceptor, the checks of its uses, and the 504 for a deadline under quarkus-rest. */
class ScopeProcessor {

    @BuildStep
    AdditionalBeanBuildItem interceptor() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(SkeinScopeInterceptor.class, SkeinScope.class)
                .setUnremovable().build();
    }

    @BuildStep
    void check(BeanArchiveIndexBuildItem beans, BuildProducer<ValidationErrorBuildItem> errors) {
        Problems.report(ScopeChecks.problems(beans.getIndex()), errors);
    }

    /** After the application's own mappers of the exception ({@code Priorities.USER}), which win. */
    @BuildStep
    void deadlineMapper(Capabilities capabilities, BuildProducer<ExceptionMapperBuildItem> mappers) {
        if (capabilities.isPresent(Capability.REST)) {
            mappers.produce(new ExceptionMapperBuildItem(DeadlineExceededMapper.class.getName(),
                    DeadlineExceededException.class.getName(), Priorities.USER + 100, false));
        }
    }
}
