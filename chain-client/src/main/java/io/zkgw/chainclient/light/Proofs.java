package io.zkgw.chainclient.light;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.zkgw.chainapp.app.ZkgwApplication;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.SmtProof;
import io.zkgw.chainapp.store.SparseMerkleTree;
import io.zkgw.chainclient.light.VerificationError.StateProofInvalid;
import io.zkgw.chainclient.light.VerificationError.TxProofInvalid;
import io.zkgw.chainclient.merkle.MerkleProof;
import io.zkgw.chainclient.merkle.MerkleTree;
import io.zkgw.chainclient.types.Header;
import io.zkgw.chainclient.types.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Checks of data against a header the light client has verified: a transaction's inclusion in the block
 * (against data_hash) and a state read (against app_hash). Pure functions.
 */
public final class Proofs {
    private Proofs() {}

    /**
     * The proof's transaction is in the block of {@code verified} (a header at the proof's height): the
     * leaf is recomputed from the tx bytes (the proof's own leaf hash and root are not trusted) and
     * folded with the aunts up to the header's data_hash.
     *
     * @return the transaction's hash (SHA-256 of its bytes, CometBFT's tx hash)
     */
    public static ByteString verifyTxInclusion(Header verified, TxInclusionProof p) throws VerificationException {
        byte[] tx = p.tx().toByteArray();
        ByteString txHash = ByteString.copyFrom(Hashes.sha256(tx));
        if (verified.height() != p.height()) {
            throw txFail(p, txHash, "proof is for height " + p.height() + ", header is " + verified.height());
        }
        byte[] leaf = MerkleTree.leafHash(Hashes.sha256(tx));
        if (!Arrays.equals(leaf, p.proof().leafHash().toByteArray())) {
            throw txFail(p, txHash, "leaf hash does not match the transaction's bytes");
        }
        MerkleProof.Result r = MerkleProof.computeRoot(p.proof().total(), p.proof().index(), leaf, p.proof().aunts());
        if (!r.ok()) {
            throw txFail(p, txHash, r.failure());
        }
        if (!Arrays.equals(r.root(), verified.dataHash().toByteArray())) {
            throw txFail(p, txHash, "proof leads to " + Hex.upper(r.root()) + ", the header's data_hash is "
                    + Hex.upper(verified.dataHash()));
        }
        return txHash;
    }

    /**
     * The txs are exactly the block's: their SHA-256 hashes, as the leaves of CometBFT's simple Merkle tree in
     * the order given, lead to the verified header's data_hash (a tx missing, added, altered or moved changes it).
     */
    public static void verifyBlockTxs(Header verified, List<ByteString> txs) throws VerificationException {
        List<byte[]> hashes = new java.util.ArrayList<>(txs.size());
        for (ByteString tx : txs) {
            hashes.add(Hashes.sha256(tx.toByteArray()));
        }
        byte[] root = MerkleTree.root(hashes);
        if (!Arrays.equals(root, verified.dataHash().toByteArray())) {
            throw new VerificationException(new VerificationError.BlockTxsInvalid(verified.height(), txs.size(),
                    "they hash to " + Hex.upper(root) + ", the header's data_hash is " + Hex.upper(verified.dataHash())));
        }
    }

    /**
     * The state read is authentic: {@code p} is for {@code expectedKey} (the key the caller asked about,
     * derived by the caller, never taken from the answer), and its sparse Merkle proof of the value — or
     * of absence when the value is empty — leads to the app_hash of {@code verifiedNext}, the verified
     * header at the query height + 1 (CometBFT puts the state root after block H into header H+1).
     *
     * @return the proven value, or null when the key is proven absent
     */
    public static byte[] verifyState(Header verifiedNext, byte[] expectedKey, StateProof p) throws VerificationException {
        String keyText = printable(expectedKey);
        if (verifiedNext.height() != p.height() + 1) {
            throw stateFail(p, keyText, "needs the header at height " + (p.height() + 1) + ", got " + verifiedNext.height());
        }
        if (!p.key().equals(ByteString.copyFrom(expectedKey))) {
            throw stateFail(p, keyText, "the answer is for another key (" + printable(p.key().toByteArray()) + ")");
        }
        if (p.ops().size() != 1 || !ZkgwApplication.PROOF_OP_TYPE.equals(p.ops().getFirst().type())) {
            throw stateFail(p, keyText, "expected exactly one proof op of type " + ZkgwApplication.PROOF_OP_TYPE);
        }
        StateProof.ProofOp op = p.ops().getFirst();
        if (!op.key().equals(p.key())) {
            throw stateFail(p, keyText, "the proof op is for another key (" + printable(op.key().toByteArray()) + ")");
        }
        SparseMerkleTree.Proof proof;
        try {
            proof = ZkgwApplication.decodeProof(SmtProof.parseFrom(op.data()));
        } catch (InvalidProtocolBufferException e) {
            throw stateFail(p, keyText, "proof data is not an SmtProof: " + e.getMessage());
        }
        byte[] value = p.value().isEmpty() ? null : p.value().toByteArray();
        if (!SparseMerkleTree.verify(verifiedNext.appHash().toByteArray(), expectedKey, value, proof)) {
            throw stateFail(p, keyText, (value == null ? "absence" : "value") + " does not verify against app_hash "
                    + Hex.upper(verifiedNext.appHash()));
        }
        return value;
    }

    private static VerificationException txFail(TxInclusionProof p, ByteString txHash, String reason) {
        return new VerificationException(new TxProofInvalid(p.height(), txHash, reason));
    }

    private static VerificationException stateFail(StateProof p, String key, String reason) {
        return new VerificationException(new StateProofInvalid(p.height(), key, reason));
    }

    /** State keys are an ASCII prefix and binary: shown as text when all printable, else prefix + hex. */
    static String printable(byte[] key) {
        int slash = -1;
        boolean printable = true;
        for (int j = 0; j < key.length; j++) {
            printable &= key[j] >= 0x20 && key[j] < 0x7f;
            if (key[j] == '/' && slash < 0) {
                slash = j;
            }
        }
        if (printable) {
            return new String(key, StandardCharsets.US_ASCII);
        }
        for (int j = 0; j < slash; j++) {
            if (key[j] < 0x20 || key[j] >= 0x7f) {
                slash = -1;
                break;
            }
        }
        return slash < 0 ? Hex.lower(key)
                : new String(key, 0, slash + 1, StandardCharsets.US_ASCII) + Hex.lower(Arrays.copyOfRange(key, slash + 1, key.length));
    }
}
