package io.vigie.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The whole application on random ports, as the end-to-end tests run it: HTTP and management on random ports, the
 * DICOM gateway on an ephemeral loopback port, and a fresh data folder of the test class's own (so each class starts
 * from an empty archive, as it would with its own {@code @DynamicPropertySource}). A test that sets any of these
 * itself (in {@link #properties()} or a {@code @DynamicPropertySource}) keeps its own value.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextCustomizerFactories(VigieAppTestContext.class)
public @interface VigieAppTest {

    /** The test's own settings, as {@link SpringBootTest#properties()}: {@code key=value}. */
    @AliasFor(annotation = SpringBootTest.class)
    String[] properties() default {};
}
