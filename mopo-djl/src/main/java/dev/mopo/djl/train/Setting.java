package dev.mopo.djl.train;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one key of {@link TrainConfig}. The command line turns every annotated field into a
 * flag ({@code snake_case} key → {@code --kebab-case} flag) with this text as its help.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Setting {

    /** What the key means, for {@code --help} and the README. */
    String value();
}
