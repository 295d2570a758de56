package io.vigie.reidentification;

import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.Archive;
import io.vigie.archive.vault.ReidentificationVault;
import io.vigie.config.ConditionalOnRole;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pseudonym resolution: the vault's table opened with the vault key, in processes that serve the API. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("api")
class ReidentificationConfiguration {

    @Bean
    PseudonymResolver pseudonymResolver(Archive archive, ReidentificationVault vault, VaultCipher cipher) {
        return new PseudonymResolver(archive, vault, cipher);
    }
}
