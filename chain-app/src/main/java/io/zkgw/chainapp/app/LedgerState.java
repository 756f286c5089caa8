package io.zkgw.chainapp.app;

import com.google.protobuf.InvalidProtocolBufferException;
import io.zkgw.chainapp.proto.Account;
import io.zkgw.chainapp.proto.Dataset;
import io.zkgw.chainapp.proto.Model;
import io.zkgw.chainapp.proto.ModelEpoch;
import io.zkgw.chainapp.proto.Params;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.Provider;
import io.zkgw.chainapp.store.SparseMerkleTree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Typed access to one working version of the state. Writes replace the held tree version; since trees
 * are immutable, {@link #tree()} taken before a transaction is its rollback point.
 */
public final class LedgerState {
    private SparseMerkleTree tree;

    public LedgerState(SparseMerkleTree tree) {
        this.tree = tree;
    }

    public SparseMerkleTree tree() {
        return tree;
    }

    public void reset(SparseMerkleTree version) {
        this.tree = version;
    }

    byte[] get(byte[] key) {
        return tree.get(key);
    }

    void put(byte[] key, byte[] value) {
        tree = value.length == 0 ? tree.remove(key) : tree.put(key, value);
    }

    public String chainId() {
        byte[] v = tree.get(StateKeys.CHAIN_ID);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    void setChainId(String chainId) {
        put(StateKeys.CHAIN_ID, chainId.getBytes(StandardCharsets.UTF_8));
    }

    public Params params() {
        return parse(tree.get(StateKeys.PARAMS), Params.parser(), Params.getDefaultInstance());
    }

    void setParams(Params p) {
        put(StateKeys.PARAMS, p.toByteArray());
    }

    /** The account (the default, empty account when none is stored). */
    public Account account(byte[] address) {
        return parse(tree.get(StateKeys.account(address)), Account.parser(), Account.getDefaultInstance());
    }

    /** Stores the account; an all-default account is removed rather than stored. */
    void setAccount(byte[] address, Account a) {
        put(StateKeys.account(address), a.toByteArray());
    }

    public Provider provider(byte[] address) {
        return parse(tree.get(StateKeys.provider(address)), Provider.parser(), null);
    }

    void setProvider(byte[] address, Provider p) {
        put(StateKeys.provider(address), p.toByteArray());
    }

    public Dataset dataset(byte[] id) {
        return parse(tree.get(StateKeys.dataset(id)), Dataset.parser(), null);
    }

    void setDataset(byte[] id, Dataset d) {
        put(StateKeys.dataset(id), d.toByteArray());
    }

    public Model model(byte[] id) {
        return parse(tree.get(StateKeys.model(id)), Model.parser(), null);
    }

    void setModel(byte[] id, Model m) {
        put(StateKeys.model(id), m.toByteArray());
    }

    /** Commitment number {@code epoch} of a model, or null. */
    public ModelEpoch modelEpoch(byte[] modelId, int epoch) {
        return parse(tree.get(StateKeys.modelEpoch(modelId, epoch)), ModelEpoch.parser(), null);
    }

    void setModelEpoch(byte[] modelId, int epoch, ModelEpoch e) {
        put(StateKeys.modelEpoch(modelId, epoch), e.toByteArray());
    }

    public PredictionRequest request(byte[] id) {
        return parse(tree.get(StateKeys.request(id)), PredictionRequest.parser(), null);
    }

    void setRequest(byte[] id, PredictionRequest r) {
        put(StateKeys.request(id), r.toByteArray());
    }

    public long feePool() {
        return u64(tree.get(StateKeys.FEE_POOL));
    }

    void setFeePool(long v) {
        putU64(StateKeys.FEE_POOL, v);
    }

    public long escrow() {
        return u64(tree.get(StateKeys.ESCROW));
    }

    void setEscrow(long v) {
        putU64(StateKeys.ESCROW, v);
    }

    public long supply() {
        return u64(tree.get(StateKeys.SUPPLY));
    }

    void setSupply(long v) {
        putU64(StateKeys.SUPPLY, v);
    }

    /** The request ids expiring at {@code height}, 32 bytes each. */
    byte[] expiring(long height) {
        byte[] v = tree.get(StateKeys.expiry(height));
        return v == null ? new byte[0] : v;
    }

    void setExpiring(long height, byte[] ids) {
        put(StateKeys.expiry(height), ids);
    }

    private void putU64(byte[] key, long v) {
        put(key, ByteBuffer.allocate(8).putLong(v).array());
    }

    private static long u64(byte[] v) {
        return v == null || v.length != 8 ? 0 : ByteBuffer.wrap(v).getLong();
    }

    private static <T> T parse(byte[] v, com.google.protobuf.Parser<T> parser, T absent) {
        if (v == null) {
            return absent;
        }
        try {
            return parser.parseFrom(v);
        } catch (InvalidProtocolBufferException e) {
            // only this application writes the state, so this is corruption, not bad input
            throw new IllegalStateException("corrupt state record", e);
        }
    }
}
