package io.vigie.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The settings of {@link VigieAppTest}: the DICOM gateway on an ephemeral loopback port and a fresh data folder,
 * ranked below the test's own properties (inlined or dynamic) and above the application's configuration; an
 * {@link ApiClient} bean for the HTTP port the server will listen on, and a {@link LastAuditEvent} bean.
 *
 * <p>The customizer is equal only for the same test class, so that every test class keeps an application context,
 * and a data folder, of its own (Spring caches contexts by their configuration, customizers included).
 */
final class VigieAppTestContext implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer(testClass);
    }

    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            Defaults defaults = new Defaults(testClass);
            if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, defaults);
            } else {
                sources.addFirst(defaults);
            }
            context.getBeanFactory().registerSingleton("vigieTestApiClient", new ApiClient(
                    () -> context.getEnvironment().getRequiredProperty("local.server.port", Integer.class)));
            // Lazy: made only for a test that asks for it, so a context without the audit trail starts all the same.
            RootBeanDefinition lastAuditEvent = new RootBeanDefinition(LastAuditEvent.class);
            lastAuditEvent.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
            lastAuditEvent.setLazyInit(true);
            BeanDefinitionRegistry beans = (BeanDefinitionRegistry) context.getBeanFactory();
            beans.registerBeanDefinition("vigieTestLastAuditEvent", lastAuditEvent);
        }
    }

    /** The data folder is made when first asked for: a test with a folder of its own leaves none behind. */
    private static final class Defaults extends PropertySource<Class<?>> {

        private static final Map<String, String> FIXED = Map.of(
                "vigie.dicom.port", "0",
                "vigie.dicom.bind-address", "127.0.0.1");
        private Path dataDir;

        Defaults(Class<?> testClass) {
            super("Vigie test defaults", testClass);
        }

        @Override
        public synchronized Object getProperty(String name) {
            if (name.equals("vigie.data-dir")) {
                if (dataDir == null) {
                    try {
                        dataDir = Files.createTempDirectory("vigie-" + getSource().getSimpleName());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot make a data folder for " + getSource(), e);
                    }
                }
                return dataDir.toString();
            }
            return FIXED.get(name);
        }
    }
}
