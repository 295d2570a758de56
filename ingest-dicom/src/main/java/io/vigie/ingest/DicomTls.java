package io.vigie.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The DICOM TLS port (PS3.15 B.1, the "secure transport connection" profile): TLS 1.3 and 1.2 only, with the JDK's
 * default cipher suites for them, the server key from a PKCS12 key store and, for client certificates, the CAs of a
 * PKCS12 trust store.
 *
 * @param port               the TLS port (2762 by convention), or 0 for any free one
 * @param keyStore           PKCS12 file holding the gateway's private key and certificate chain
 * @param keyStorePassword   its password (also the key's)
 * @param trustStore         PKCS12 file of the CAs client certificates must chain to; null with {@code NONE}
 * @param trustStorePassword its password
 * @param clientAuth         whether a client certificate is asked for ({@code WANT}) or required ({@code NEED})
 */
public record DicomTls(int port, Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword,
                       ClientAuth clientAuth) {

    public enum ClientAuth { NONE, WANT, NEED }

    /** TLS 1.0/1.1 are deprecated (RFC 8996); the BCP 195 profile of PS3.15 asks for 1.2 or later. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    public DicomTls {
        if (keyStore == null) {
            throw new IllegalArgumentException("DICOM TLS needs a key store");
        }
        if (clientAuth != ClientAuth.NONE && trustStore == null) {
            throw new IllegalArgumentException("client-auth " + clientAuth + " needs a trust store");
        }
    }

    /** A listening TLS server socket; a bad key store or password fails here, at start-up. */
    public SSLServerSocket listen(InetAddress bindAddress) throws IOException {
        SSLServerSocket socket;
        try {
            socket = (SSLServerSocket) context().getServerSocketFactory().createServerSocket();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up DICOM TLS from " + keyStore + ": " + e.getMessage(), e);
        }
        socket.setEnabledProtocols(PROTOCOLS);
        switch (clientAuth) {
            case NONE -> socket.setWantClientAuth(false);
            case WANT -> socket.setWantClientAuth(true);
            case NEED -> socket.setNeedClientAuth(true);
        }
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bindAddress, port), 128);
        return socket;
    }

    private SSLContext context() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, keyStorePassword), keyStorePassword);
        TrustManagerFactory trust = null;
        if (trustStore != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, trustStorePassword));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    /** Settings end up in logs: never with the passwords. */
    @Override
    public String toString() {
        return "DicomTls[port=" + port + ", keyStore=" + keyStore + ", trustStore=" + trustStore + ", clientAuth="
                + clientAuth + "]";
    }
}
