package io.vigie.archive.audit;

/**
 * An event as the trail holds it: its place in the chain ({@code id}, 1, 2, 3...) and the hashes linking it to the
 * row before.
 *
 * @param previousHash the hash of row {@code id - 1} ({@link AuditChain#GENESIS} for row 1)
 * @param hash         {@link AuditChain#hash} of this row
 */
public record AuditRecord(long id, AuditEvent event, String previousHash, String hash) {
}
