package io.vigie.security;

import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * Keeps a token's {@code iss} claim as the text it is. Spring Security's default claim conversion turns {@code iss}
 * into a {@link java.net.URL} when it can: for an issuer that is not a URL (the development issuer is a URN) every
 * request then pays for a failed URL parse, which looks for a protocol handler by loading classes through the
 * application's class loader and throws three exceptions on the way, most of the CPU a small request took. The
 * issuer validator compares text, so nothing else changes.
 */
final class IssuerAsText {

    private IssuerAsText() {
    }

    static Converter<Map<String, Object>, Map<String, Object>> claimSetConverter() {
        return MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString()));
    }
}
