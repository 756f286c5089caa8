package io.zkgw.cli.clinician;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.inference.CommittedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The auditor's epoch check on real commitments and links of the breast-cancer MLP (no ledger: the inputs as read from one). */
class EpochChainTest {
    static final List<CommittedModel> EPOCHS = new ArrayList<>();
    static final List<byte[]> LINKS = new ArrayList<>();

    static {
        for (int e = 0; e < 3; e++) {
            byte[] k = new byte[32];
            Arrays.fill(k, (byte) (0x10 + e));
            EPOCHS.add(CommittedModel.commit(Hospital.BC.model(), k));
        }
        LINKS.add(null);
        LINKS.add(EPOCHS.get(0).linkTo(EPOCHS.get(1)));
        LINKS.add(EPOCHS.get(1).linkTo(EPOCHS.get(2)));
    }

    /** The one genuine link of each epoch, as the ledger's block gives it. */
    static final java.util.function.IntFunction<List<byte[]>> LINK = e -> List.of(LINKS.get(e));

    static List<ClinicianClient.EpochInfo> infos(List<CommittedModel> cms) {
        List<ClinicianClient.EpochInfo> out = new ArrayList<>();
        for (int e = 0; e < cms.size(); e++) {
            out.add(new ClinicianClient.EpochInfo(e, cms.get(e).commitment().encode(), 16, e == cms.size() - 1 ? 3 : 16, 10L + e));
        }
        return out;
    }

    static byte[] d() {
        return EPOCHS.get(0).description().encode();
    }

    @Test
    void aChainOfGenuineLinksChecksOut() {
        List<EpochChain.EpochResult> r = EpochChain.check(d(), infos(EPOCHS), LINK);
        assertEquals(3, r.size());
        r.forEach(x -> assertNull(x.reason(), "epoch " + x.epoch()));
        assertEquals(12L, r.get(2).height());
        assertEquals(3, r.get(2).proofsUsed());
    }

    @Test
    void aTamperedOrMisplacedLinkIsNamedAndTheCheckStopsThere() {
        for (int at : new int[] {0, 40, 1000}) {
            byte[] bad = LINKS.get(1).clone();
            bad[Math.min(at, bad.length - 1)] ^= 0x20;
            List<EpochChain.EpochResult> r = EpochChain.check(d(), infos(EPOCHS), e -> List.of(e == 1 ? bad : LINKS.get(e)));
            assertEquals(2, r.size(), "nothing after the first failure");
            assertTrue(r.get(0).ok());
            assertTrue(r.get(1).reason().startsWith("its epoch link from epoch 0 does not verify"), r.get(1).reason());
        }
        // the link of 1 -> 2 where 0 -> 1 belongs
        List<EpochChain.EpochResult> swapped = EpochChain.check(d(), infos(EPOCHS), e -> List.of(LINKS.get(3 - e)));
        assertEquals(2, swapped.size());
        assertTrue(swapped.get(1).reason().contains("does not verify"), swapped.get(1).reason());
        // an epoch whose commitment skips the link's source: 0 -> 2 with the 1 -> 2 link
        List<EpochChain.EpochResult> skipped = EpochChain.check(d(), infos(List.of(EPOCHS.get(0), EPOCHS.get(2))), e -> List.of(LINKS.get(2)));
        assertTrue(skipped.get(1).reason().contains("does not verify"), skipped.get(1).reason());
    }

    @Test
    void anEpochChecksOutIfAnyOfItsBlocksCandidateLinksVerifies() {
        // a RecommitModel with the same commitment and a tampered link, failed in the same block before or after the executed one
        byte[] bad = LINKS.get(1).clone();
        bad[bad.length / 2] ^= 1;
        for (List<byte[]> candidates : List.of(List.of(bad, LINKS.get(1)), List.of(LINKS.get(1), bad))) {
            List<EpochChain.EpochResult> r = EpochChain.check(d(), infos(EPOCHS), e -> e == 1 ? candidates : LINK.apply(e));
            assertEquals(3, r.size());
            r.forEach(x -> assertNull(x.reason(), "epoch " + x.epoch()));
        }
        // none verifies (a tampered one and the link of the next epoch): named, with the first one's failure
        List<EpochChain.EpochResult> r = EpochChain.check(d(), infos(EPOCHS), e -> e == 1 ? List.of(bad, LINKS.get(2)) : LINK.apply(e));
        assertEquals(2, r.size());
        assertTrue(r.get(1).reason().startsWith("none of its 2 epoch links from epoch 0 verifies; the first: "), r.get(1).reason());
        List<EpochChain.EpochResult> none = EpochChain.check(d(), infos(EPOCHS), e -> e == 1 ? List.of() : LINK.apply(e));
        assertEquals("no epoch link from epoch 0 was found", none.get(1).reason());
    }

    @Test
    void commitmentsThatDoNotDecodeOrNameAnotherCircuitAreNamed() {
        List<ClinicianClient.EpochInfo> in = new ArrayList<>(infos(EPOCHS));
        byte[] cut = Arrays.copyOf(in.get(1).weightsCommitment(), 20);
        in.set(1, new ClinicianClient.EpochInfo(1, cut, 16, 0, 11));
        List<EpochChain.EpochResult> r = EpochChain.check(d(), in, LINK);
        assertTrue(r.get(1).reason().startsWith("its model commitment does not decode"), r.get(1).reason());

        // epoch 0's C_W under another circuit hash
        byte[] otherCircuit = new io.zkgw.prover.inference.ModelCommitment(EPOCHS.get(0).commitment().weights(),
                io.zkgw.prover.hash.Digest.of(new byte[32]), 16).encode();
        List<ClinicianClient.EpochInfo> foreign = new ArrayList<>(infos(EPOCHS));
        foreign.set(0, new ClinicianClient.EpochInfo(0, otherCircuit, 16, 0, 10));
        assertEquals("its commitment names another circuit than the model's D", EpochChain.check(d(), foreign, LINK).get(0).reason());

        ClinicianException e = assertThrows(ClinicianException.class, () -> EpochChain.check(new byte[] {1, 2, 3}, infos(EPOCHS), LINK));
        assertEquals(ClinicianException.Kind.UNKNOWN_MODEL, e.kind());
    }
}
