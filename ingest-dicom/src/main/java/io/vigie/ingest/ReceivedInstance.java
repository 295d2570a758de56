package io.vigie.ingest;

/**
 * One data set received by C-STORE, as the sender encoded it.
 *
 * @param callingAeTitle    the sender's AE title
 * @param sopClassUid       the Affected SOP Class UID of the request
 * @param sopInstanceUid    the Affected SOP Instance UID of the request
 * @param transferSyntaxUid the transfer syntax of the presentation context it came on
 * @param dataSet           the data set bytes, without preamble or meta information
 */
public record ReceivedInstance(
        String callingAeTitle,
        String sopClassUid,
        String sopInstanceUid,
        String transferSyntaxUid,
        byte[] dataSet) {
}
