package io.vigie.archive;

/** What {@link Archive#store} did with an instance. Every outcome is durable when it is returned. */
public enum StoreOutcome {
    /** The instance is new and is now stored and indexed. */
    STORED,
    /** The same instance, byte for byte, was already stored: nothing changed. */
    ALREADY_STORED,
    /** An instance with the same SOP Instance UID but other content is stored; the first one was kept. */
    CONFLICT_KEPT_FIRST,
    /**
     * An instance with the same SOP Instance UID but other content is stored, and the policy is
     * {@link DuplicatePolicy#REJECT}: the received one is refused, the stored one stays.
     */
    CONFLICT_REJECTED
}
