package io.vigie.ingest.dimse;

import com.pixelmed.dicom.SOPClass;
import com.pixelmed.network.AbstractSyntaxSelectionPolicy;
import com.pixelmed.network.AnyExplicitStorePresentationContextSelectionPolicy;
import com.pixelmed.network.PresentationContext;
import io.vigie.ingest.query.QueryRetrieveModel;
import java.util.LinkedList;

/**
 * The presentation contexts the gateway accepts: verification, every storage SOP class (as PixelMed's store policy,
 * whose transfer syntax choice we keep: the first explicit VR syntax offered, else implicit VR), and the Patient Root
 * and Study Root FIND, MOVE and GET SOP classes. PixelMed's own store/find/move/get policy would also accept the
 * Patient/Study Only model, which we do not implement. A storage context an SCU proposes for the SCP role (to receive
 * a C-GET's instances) is accepted like any other; PixelMed returns the role selection as proposed.
 */
final class GatewayPresentationContextPolicy extends AnyExplicitStorePresentationContextSelectionPolicy {

    private static final byte ACCEPTANCE = 0;
    private static final byte ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;

    GatewayPresentationContextPolicy() {
        abstractSyntaxSelectionPolicy = new OfferedSopClasses();
    }

    private static final class OfferedSopClasses implements AbstractSyntaxSelectionPolicy {

        @Override
        @SuppressWarnings("rawtypes")
        public LinkedList applyAbstractSyntaxSelectionPolicy(LinkedList contexts, int associationId, int debugLevel) {
            return applyAbstractSyntaxSelectionPolicy(contexts, associationId);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public LinkedList applyAbstractSyntaxSelectionPolicy(LinkedList contexts, int associationId) {
            for (Object each : contexts) {
                PresentationContext context = (PresentationContext) each;
                String sopClass = context.getAbstractSyntaxUID();
                boolean offered = SOPClass.isImageStorage(sopClass) || SOPClass.isNonImageStorage(sopClass)
                        || SOPClass.isVerification(sopClass) || QueryRetrieveModel.isOffered(sopClass);
                context.setResultReason(offered ? ACCEPTANCE : ABSTRACT_SYNTAX_NOT_SUPPORTED);
            }
            return contexts;
        }
    }
}
