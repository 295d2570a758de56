package io.vigie.archive;

/**
 * What the archive does when an instance arrives under a SOP Instance UID it already holds, with other content
 * ({@code vigie.archive.duplicate-policy}). Either way the stored instance stays as it is, and the event is logged
 * and recorded as a {@code duplicate_conflict} row for administrators. docs/architecture.md says why there is no
 * "replace" or "keep both".
 */
public enum DuplicatePolicy {
    /**
     * Answer Success and keep the stored instance: the sender's copy is dropped. The default, because a sender told
     * "failure" retries the same instance, and most such re-sends are an old copy of what is already archived.
     */
    KEEP_FIRST,
    /** Answer a failure, so that the sender's operator sees that this instance was not archived. */
    REJECT
}
