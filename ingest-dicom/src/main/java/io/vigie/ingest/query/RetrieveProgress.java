package io.vigie.ingest.query;

import io.vigie.ingest.DimseStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The C-STORE sub-operations of one C-MOVE or C-GET: what remains, what completed, failed or warned, and the final
 * status PS3.4 C.4.2.1.5 / C.4.3.1.5 give for those counts.
 */
public final class RetrieveProgress {

    private int remaining;
    private int completed;
    private int failed;
    private int warning;
    private boolean cancelled;
    private final List<String> failedSopInstanceUids = new ArrayList<>();

    public RetrieveProgress(int total) {
        this.remaining = total;
    }

    /** Counts one sub-operation by the status of its C-STORE response. */
    public void record(String sopInstanceUid, int storeStatus) {
        remaining--;
        if (storeStatus == 0x0000) {
            completed++;
        } else if (storeStatus == 0x0107 || storeStatus == 0x0116 || (storeStatus & 0xF000) == 0xB000) {
            warning++;
            failedSopInstanceUids.add(sopInstanceUid); // PS3.4 lists warned instances in the same list
        } else {
            failed++;
            failedSopInstanceUids.add(sopInstanceUid);
        }
    }

    /** Every remaining sub-operation failed (the destination could not be reached, the association dropped). */
    public void failRemaining(List<String> remainingSopInstanceUids) {
        for (String uid : remainingSopInstanceUids) {
            record(uid, 0xA702);
        }
    }

    /** A C-CANCEL arrived: the remaining sub-operations are not done. */
    public void cancel() {
        cancelled = true;
    }

    /** The status of the final response. */
    public DimseStatus finalStatus() {
        if (cancelled) {
            return DimseStatus.CANCELLED;
        }
        if (failed == 0 && warning == 0) {
            return DimseStatus.SUCCESS;
        }
        if (completed == 0 && warning == 0) {
            return DimseStatus.unableToPerformSubOperations(failed + " sub-operations failed");
        }
        return DimseStatus.subOperationsCompleteWithFailures(failed + " failed, " + warning + " with warnings");
    }

    public int remaining() {
        return remaining;
    }

    public int completed() {
        return completed;
    }

    public int failed() {
        return failed;
    }

    public int warning() {
        return warning;
    }

    public List<String> failedSopInstanceUids() {
        return List.copyOf(failedSopInstanceUids);
    }
}
