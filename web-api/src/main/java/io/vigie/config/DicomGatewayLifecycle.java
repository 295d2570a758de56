package io.vigie.config;

import io.vigie.ingest.DicomGateway;
import io.vigie.ingest.IngestWarmUp;
import io.vigie.ingest.StorePipeline;
import io.vigie.ingest.query.MoveDestination;
import io.vigie.ingest.query.QueryRetrieveService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the DICOM gateway once the application (database schema included) is ready, its store path first warmed
 * up ({@link IngestWarmUp}), and stops it first on shutdown, so that no instance is accepted that the archive cannot
 * take.
 */
public class DicomGatewayLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DicomGatewayLifecycle.class);

    private final VigieProperties.Dicom settings;
    private final StorePipeline pipeline;
    private final QueryRetrieveService queries;
    private volatile DicomGateway gateway;

    DicomGatewayLifecycle(VigieProperties.Dicom settings, StorePipeline pipeline, QueryRetrieveService queries) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.queries = queries;
    }

    @Override
    public void start() {
        if (settings.warmUpInstances() > 0) {
            Duration took = IngestWarmUp.run(pipeline, settings.warmUpInstances());
            log.info("store path warmed up on {} synthetic CT slices in {} ms", settings.warmUpInstances(),
                    took.toMillis());
        }
        try {
            gateway = DicomGateway.start(new DicomGateway.Settings(settings.aeTitle(),
                    InetAddress.getByName(settings.bindAddress()), settings.port(), settings.maxAssociations(),
                    settings.maxPduLength(), settings.readTimeout(), settings.maxDataSetSize().toBytes(),
                    settings.moveDestinations().stream()
                            .map(d -> new MoveDestination(d.aeTitle(), d.host(), d.port())).toList(),
                    DicomPeers.peers(settings), settings.acceptUnknownPeers(), DicomPeers.tls(settings.tls())),
                    pipeline, queries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for DICOM on port " + settings.port(), e);
        }
    }

    @Override
    public void stop() {
        DicomGateway running = gateway;
        gateway = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean isRunning() {
        return gateway != null;
    }

    /** The port the gateway listens on (useful when configured as 0). */
    public int port() {
        DicomGateway running = gateway;
        if (running == null) {
            throw new IllegalStateException("the DICOM gateway is not running");
        }
        return running.port();
    }

    /** The TLS port, or -1 when TLS is off. */
    public int tlsPort() {
        DicomGateway running = gateway;
        if (running == null) {
            throw new IllegalStateException("the DICOM gateway is not running");
        }
        return running.tlsPort();
    }

    public String aeTitle() {
        return settings.aeTitle();
    }
}
