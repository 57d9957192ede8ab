package dev.skein.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the task whose result a parameter receives, where the parameter's type alone is ambiguous
 * (several tasks of the graph return it).
 * {@snippet :
 * @Task("compare") Quote cheaper(@From("quote a") Quote a, @From("quote b") Quote b) { ... }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface From {

    /** {@return the name of the task whose result the parameter receives} */
    String value();
}
