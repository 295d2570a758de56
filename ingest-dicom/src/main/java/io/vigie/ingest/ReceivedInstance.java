package io.vigie.ingest;

/**
 * One data set received by C-STORE, as the sender encoded it.
 *
 * @param site              the site (hospital) the sending AE belongs to, whose pseudonyms apply
 * @param callingAeTitle    the sender's AE title
 * @param sopClassUid       the Affected SOP Class UID of the request
 * @param sopInstanceUid    the Affected SOP Instance UID of the request
 * @param transferSyntaxUid the transfer syntax of the presentation context it came on
 * @param dataSet           the data set bytes, without preamble or meta information
 */
public record ReceivedInstance(
        String site,
        String callingAeTitle,
        String sopClassUid,
        String sopInstanceUid,
        String transferSyntaxUid,
        byte[] dataSet) {
}
