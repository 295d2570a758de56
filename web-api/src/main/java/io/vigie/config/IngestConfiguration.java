package io.vigie.config;

import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.archive.Archive;
import io.vigie.ingest.StorePipeline;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ingest role: the de-identifying store pipeline and the DICOM gateway in front of it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("ingest")
class IngestConfiguration {

    @Bean
    Deidentifier deidentifier(VigieProperties properties) throws IOException {
        return new Deidentifier(new Pseudonyms(SiteSecrets.load(properties),
                properties.deidentification().uidRoot()));
    }

    @Bean
    StorePipeline storePipeline(Deidentifier deidentifier, Archive archive, VigieProperties properties) {
        return new StorePipeline(deidentifier, archive, properties.dicom().aeTitle());
    }

    @Bean
    DicomGatewayLifecycle dicomGateway(VigieProperties properties, StorePipeline pipeline) {
        return new DicomGatewayLifecycle(properties.dicom(), pipeline);
    }
}
