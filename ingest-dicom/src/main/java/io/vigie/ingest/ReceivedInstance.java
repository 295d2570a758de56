package io.vigie.ingest;

/**
 * One instance as it reached Vigie, before anything was decided about it: the data set exactly as the sender encoded
 * it, and what the sender announced it to be (the C-STORE request, or the file meta information of a STOW-RS part).
 * The pipeline checks the data set against the announcement.
 *
 * @param source                 which door it came through
 * @param site                   the site (hospital) the instance belongs to, whose pseudonyms apply: the calling
 *                               AE's site (DIMSE), or the caller's (STOW-RS: the token's site claim; the default
 *                               site for an administrator's token without one)
 * @param sender                 who sent it, for the log and the quarantine: the calling AE title (DIMSE) or the
 *                               token's subject (STOW-RS)
 * @param sopClassUid            the announced SOP Class UID
 * @param sopInstanceUid         the announced SOP Instance UID
 * @param transferSyntaxUid      the transfer syntax the data set is encoded in
 * @param dataSet                the data set bytes, without preamble or meta information
 * @param targetStudyInstanceUid the study the sender asked to store into ({@code POST /studies/{study}}), which the
 *                               data set must belong to; null when the request named none
 */
public record ReceivedInstance(
        Source source,
        String site,
        String sender,
        String sopClassUid,
        String sopInstanceUid,
        String transferSyntaxUid,
        byte[] dataSet,
        String targetStudyInstanceUid) {

    /** The doors into the pipeline; also the {@code source} tag of the ingest metrics. */
    public enum Source {
        /** C-STORE on the DICOM gateway. */
        DIMSE,
        /** STOW-RS on DICOMweb. */
        STOW
    }

    /** A data set received by C-STORE from a calling AE of {@code site}, on a presentation context of {@code transferSyntaxUid}. */
    public static ReceivedInstance cStore(String site, String callingAeTitle, String affectedSopClassUid,
            String affectedSopInstanceUid, String transferSyntaxUid, byte[] dataSet) {
        return new ReceivedInstance(Source.DIMSE, site, callingAeTitle, affectedSopClassUid, affectedSopInstanceUid,
                transferSyntaxUid, dataSet, null);
    }
}
