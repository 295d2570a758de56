package io.vigie;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Vigie in one process: the DICOM gateway, the archive and the API, each switchable by {@code vigie.roles}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigieApplication {

    public static void main(String[] args) {
        SpringApplication.run(VigieApplication.class, args);
    }
}
