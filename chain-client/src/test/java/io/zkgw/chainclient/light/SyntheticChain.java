package io.zkgw.chainclient.light;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Ed25519;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainclient.types.BlockId;
import io.zkgw.chainclient.types.Commit;
import io.zkgw.chainclient.types.CommitSig;
import io.zkgw.chainclient.types.Header;
import io.zkgw.chainclient.types.LightBlock;
import io.zkgw.chainclient.types.PartSetHeader;
import io.zkgw.chainclient.types.SignedHeader;
import io.zkgw.chainclient.types.Validator;
import io.zkgw.chainclient.types.ValidatorSet;
import io.zkgw.chainclient.types.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * A chain of light blocks signed in the test with its own Ed25519 keys, with a validator set that changes
 * over time — what a real chain-app network cannot show (its validator set is fixed), and what bisection
 * is for. The encodings and signatures are the same code paths the real-node tests check against
 * CometBFT; only the validator rotation is synthetic. Serves as a {@link LightBlockProvider}.
 */
final class SyntheticChain implements LightBlockProvider {
    static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");

    record Key(byte[] seed, Validator validator) {}

    final String chainId;
    private final Map<Long, LightBlock> blocks = new HashMap<>();
    private final long latest;

    static Key key(String name) {
        byte[] seed = Hashes.sha256(("synthetic validator " + name).getBytes(StandardCharsets.UTF_8));
        ByteString pub = ByteString.copyFrom(Ed25519.fromSeed(seed).publicKey());
        return new Key(seed, new Validator(Validator.addressOf(pub), pub, 10));
    }

    /** Heights 1..latest, the validators at height h given by {@code validatorsAt}. */
    SyntheticChain(String chainId, long latest, LongFunction<List<Key>> validatorsAt) {
        this.chainId = chainId;
        this.latest = latest;
        BlockId last = BlockId.ZERO;
        for (long h = 1; h <= latest; h++) {
            List<Key> keys = validatorsAt.apply(h);
            ValidatorSet vals = set(keys);
            Instant time = GENESIS.plusSeconds(h);
            Header header = new Header(new Version(Verifier.BLOCK_PROTOCOL, 1), chainId, h, time, last,
                    filler("last commit", h), filler("data", h), vals.hash(), set(validatorsAt.apply(h + 1)).hash(),
                    filler("consensus", 0), filler("app", h), filler("results", h), filler("evidence", 0),
                    keys.getFirst().validator().address());
            BlockId id = new BlockId(header.hash(), new PartSetHeader(1, filler("parts", h)));
            blocks.put(h, new LightBlock(new SignedHeader(header, sign(keys, h, id, time)), vals));
            last = id;
        }
    }

    static ValidatorSet set(List<Key> keys) {
        return new ValidatorSet(keys.stream().map(Key::validator).toList());
    }

    private Commit sign(List<Key> keys, long h, BlockId id, Instant time) {
        List<CommitSig> sigs = new ArrayList<>();
        for (Key k : keys) {
            sigs.add(new CommitSig(CommitSig.BlockIdFlag.COMMIT, k.validator().address(), time.plusMillis(500),
                    ByteString.copyFrom(new byte[64])));
        }
        Commit unsigned = new Commit(h, 0, id, sigs);
        List<CommitSig> signed = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            byte[] sig = Ed25519.sign(keys.get(i).seed(), unsigned.voteSignBytes(chainId, i));
            signed.add(sigs.get(i).withSignature(ByteString.copyFrom(sig)));
        }
        return unsigned.withSignatures(signed);
    }

    private static ByteString filler(String what, long h) {
        return ByteString.copyFrom(Hashes.sha256((what + " " + h).getBytes(StandardCharsets.UTF_8)));
    }

    LightBlock block(long h) {
        return blocks.get(h);
    }

    /** A provider serving this chain's blocks through {@code t} (to plant a corrupted block). */
    LightBlockProvider servedThrough(UnaryOperator<LightBlock> t) {
        SyntheticChain self = this;
        return new LightBlockProvider() {
            @Override
            public LightBlock lightBlock(long height) {
                return t.apply(self.lightBlock(height));
            }

            @Override
            public long latestHeight() {
                return self.latestHeight();
            }
        };
    }

    @Override
    public LightBlock lightBlock(long height) {
        LightBlock b = blocks.get(height);
        if (b == null) {
            throw new IllegalArgumentException("no block " + height);
        }
        return b;
    }

    @Override
    public long latestHeight() {
        return latest;
    }
}
