package io.vigie.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Active only when this process runs the named role ({@code vigie.roles}, default all roles): one process can run
 * everything, or each role can run in its own processes against the same database and storage.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnRole.OnRole.class)
public @interface ConditionalOnRole {

    /** {@code ingest}, {@code api} or {@code inference}. */
    String value();

    /** Default roles when {@code vigie.roles} is not set. */
    Set<String> ALL_ROLES = Set.of("ingest", "api", "inference");

    final class OnRole implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
            String role = (String) attributes.get("value");
            Set<String> roles = Binder.get(context.getEnvironment())
                    .bind("vigie.roles", Bindable.setOf(String.class)).orElse(ALL_ROLES);
            return roles.contains(role);
        }
    }
}
