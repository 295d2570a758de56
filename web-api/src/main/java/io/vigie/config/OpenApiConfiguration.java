package io.vigie.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document springdoc serves at {@code /v3/api-docs} (and {@code .yaml}), built from the controllers:
 * what it adds is who Vigie is and how to authenticate (a bearer JWT from Keycloak, or the development issuer).
 * Who may call each endpoint is in docs/api.md and {@code EndpointPolicy}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";

    @Bean
    OpenAPI vigieOpenApi() {
        String version = VigieProperties.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info().title("Vigie").version(version == null ? "development" : version)
                        .description("DICOMweb (QIDO-RS, WADO-RS, STOW-RS) over the de-identified archive, the "
                                + "research API, pseudonym resolution and the administrators' API. Every endpoint needs a "
                                + "bearer token whose realm roles (radiologist, researcher, admin) admit it; "
                                + "errors are RFC 9457 problems (application/problem+json)."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
