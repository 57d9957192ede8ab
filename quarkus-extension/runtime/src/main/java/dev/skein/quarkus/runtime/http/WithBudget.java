package dev.skein.quarkus.runtime.http;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link BudgetInterceptor}; the build puts it on every Quarkus REST endpoint method (of a class: not
 * on methods declared by an interface, which REST Client interfaces are). Not for applications.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WithBudget {
}
