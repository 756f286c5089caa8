package io.zkgw.chainclient.light;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Ed25519;
import io.zkgw.chainclient.light.VerificationError.ChainIdMismatch;
import io.zkgw.chainclient.light.VerificationError.HeaderFromFuture;
import io.zkgw.chainclient.light.VerificationError.HeaderHashMismatch;
import io.zkgw.chainclient.light.VerificationError.HeaderNotLinked;
import io.zkgw.chainclient.light.VerificationError.InsufficientTrustedPower;
import io.zkgw.chainclient.light.VerificationError.InsufficientVotingPower;
import io.zkgw.chainclient.light.VerificationError.InvalidSignature;
import io.zkgw.chainclient.light.VerificationError.MalformedCommit;
import io.zkgw.chainclient.light.VerificationError.MalformedHeader;
import io.zkgw.chainclient.light.VerificationError.MalformedValidatorSet;
import io.zkgw.chainclient.light.VerificationError.NextValidatorsMismatch;
import io.zkgw.chainclient.light.VerificationError.NotMonotonic;
import io.zkgw.chainclient.light.VerificationError.TrustAnchorMismatch;
import io.zkgw.chainclient.light.VerificationError.TrustedStateExpired;
import io.zkgw.chainclient.light.VerificationError.ValidatorSetHashMismatch;
import io.zkgw.chainclient.types.BlockId;
import io.zkgw.chainclient.types.Commit;
import io.zkgw.chainclient.types.CommitSig;
import io.zkgw.chainclient.types.CommitSig.BlockIdFlag;
import io.zkgw.chainclient.types.Header;
import io.zkgw.chainclient.types.Hex;
import io.zkgw.chainclient.types.LightBlock;
import io.zkgw.chainclient.types.SignedHeader;
import io.zkgw.chainclient.types.Validator;
import io.zkgw.chainclient.types.ValidatorSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The light client's verification rules (CometBFT v0.38 light client spec), as pure functions: every
 * input, including the current time, is a parameter; nothing is fetched and no clock is read. Each rule
 * either returns normally or throws a {@link VerificationException} naming what failed.
 *
 * <p>Unlike CometBFT's light verifier, which stops checking signatures once enough power is tallied,
 * every COMMIT signature examined is verified: a bad signature in a commit is reported, never skipped.
 */
public final class Verifier {
    /** The block protocol version of CometBFT v0.38 headers. */
    public static final long BLOCK_PROTOCOL = 11;
    public static final int MAX_CHAIN_ID_LENGTH = 50;
    public static final int HASH_BYTES = 32;
    public static final int MAX_SIGNATURE_BYTES = 64;

    private Verifier() {}

    /**
     * Accepts the light block at a trust anchor: the header hashes to the anchor's hash, belongs to the
     * configured chain, is signed by more than 2/3 of its validator set, and is within the trusting period.
     */
    public static void verifyAnchor(LightBlock block, TrustAnchor anchor, TrustOptions opts, Instant now)
            throws VerificationException {
        Header h = block.header();
        if (h.height() != anchor.height()) {
            throw fail(new MalformedHeader(h.height(), "expected the trust anchor's height " + anchor.height()));
        }
        ByteString hash = h.hash();
        if (!hash.equals(anchor.headerHash())) {
            throw fail(new TrustAnchorMismatch(anchor.height(), anchor.headerHash(), hash));
        }
        checkNotExpired(h, opts, now);
        checkNotFromFuture(h, opts, now);
        validateSignedHeader(opts.chainId(), block.signedHeader());
        checkValidatorSet(h, block.validators());
        verifyCommit(opts.chainId(), block.validators(), block.signedHeader());
    }

    /** Adjacent or skipping verification, by the heights of the two blocks. */
    public static void verify(LightBlock trusted, LightBlock untrusted, TrustOptions opts, Instant now)
            throws VerificationException {
        if (untrusted.height() == trusted.height() + 1) {
            verifyAdjacent(trusted, untrusted, opts, now);
        } else {
            verifyNonAdjacent(trusted, untrusted, opts, now);
        }
    }

    /**
     * Sequential step from a trusted header at height h to one at h+1: the new header's validators are the
     * ones the trusted header announced (next_validators_hash), and more than 2/3 of them signed it.
     */
    public static void verifyAdjacent(LightBlock trusted, LightBlock untrusted, TrustOptions opts, Instant now)
            throws VerificationException {
        if (untrusted.height() != trusted.height() + 1) {
            throw new IllegalArgumentException("not adjacent: " + trusted.height() + " and " + untrusted.height());
        }
        checkNotExpired(trusted.header(), opts, now);
        checkNewHeader(trusted.header(), untrusted, opts, now);
        if (!untrusted.header().validatorsHash().equals(trusted.header().nextValidatorsHash())) {
            throw fail(new NextValidatorsMismatch(trusted.height(), trusted.header().nextValidatorsHash(),
                    untrusted.header().validatorsHash()));
        }
        verifyCommit(opts.chainId(), untrusted.validators(), untrusted.signedHeader());
    }

    /**
     * Skipping step from a trusted header at height h to one at h+k (k > 1): more than the trust level of the
     * trusted validator set's power signed the new header (so at least one honest validator vouches for
     * it), and more than 2/3 of the new header's own validator set signed it. A failure of the first check
     * alone is {@link InsufficientTrustedPower}: the caller should verify an intermediate height first.
     */
    public static void verifyNonAdjacent(LightBlock trusted, LightBlock untrusted, TrustOptions opts, Instant now)
            throws VerificationException {
        if (untrusted.height() == trusted.height() + 1) {
            throw new IllegalArgumentException("adjacent heights " + trusted.height() + " and " + untrusted.height());
        }
        checkNotExpired(trusted.header(), opts, now);
        checkNewHeader(trusted.header(), untrusted, opts, now);
        verifyCommitTrusting(opts.chainId(), trusted.validators(), trusted.height(), untrusted.commit(), opts.trustLevel());
        // last: the new set is the untrusted part, and could be made huge to waste our time
        verifyCommit(opts.chainId(), untrusted.validators(), untrusted.signedHeader());
    }

    /**
     * Backwards step: {@code older} (height h) is trusted because the trusted header at h+1 names its hash
     * in last_block_id. Its validator set, if it is to serve as a base later, must match its header.
     */
    public static void verifyBackwards(Header trustedNext, LightBlock older, String chainId) throws VerificationException {
        Header h = older.header();
        if (h.height() + 1 != trustedNext.height()) {
            throw new IllegalArgumentException("not the previous height: " + h.height() + " before " + trustedNext.height());
        }
        validateHeader(chainId, h);
        ByteString hash = h.hash();
        if (!hash.equals(trustedNext.lastBlockId().hash())) {
            throw fail(new HeaderNotLinked(h.height(), trustedNext.lastBlockId().hash(), hash));
        }
        if (!h.time().isBefore(trustedNext.time())) {
            throw fail(new NotMonotonic(h.height(), trustedNext.height(), "older header's time " + h.time()
                    + " is not before " + trustedNext.time()));
        }
        checkValidatorSet(h, older.validators());
    }

    /**
     * More than 2/3 of {@code vals} (the set of the header's own height) signed the header's block.
     * Slots match validators by index; every COMMIT signature is verified and counted (nil votes are
     * ignored: they carry no power for the block).
     */
    public static void verifyCommit(String chainId, ValidatorSet vals, SignedHeader sh) throws VerificationException {
        Commit c = sh.commit();
        long height = sh.height();
        if (vals.size() != c.signatures().size()) {
            throw fail(new MalformedCommit(height, "has " + c.signatures().size() + " signature slots for "
                    + vals.size() + " validators"));
        }
        if (c.height() != height || !c.blockId().hash().equals(sh.header().hash())) {
            validateSignedHeader(chainId, sh); // names the mismatch
        }
        long total = totalPower(height, vals);
        long tallied = 0;
        for (int i = 0; i < c.signatures().size(); i++) {
            CommitSig sig = c.signatures().get(i);
            if (sig.flag() != BlockIdFlag.COMMIT) {
                continue; // absent, or a vote for nil: carries no power for this block (as in CometBFT's light client)
            }
            Validator v = vals.validators().get(i);
            if (!v.address().equals(sig.validatorAddress())) {
                throw fail(new MalformedCommit(height, "slot " + i + " is signed by " + Hex.upper(sig.validatorAddress())
                        + " but validator " + i + " is " + Hex.upper(v.address())));
            }
            checkSignature(chainId, c, i, v);
            tallied = Math.addExact(tallied, v.votingPower());
        }
        if (!TrustLevel.TWO_THIRDS.exceededBy(tallied, total)) {
            throw fail(new InsufficientVotingPower(height, tallied, total));
        }
    }

    /**
     * More than {@code level} of {@code trustedVals} (a set verified earlier, at {@code trustedHeight})
     * signed {@code commit}'s block. Slots are matched to trusted validators by address; signers unknown
     * to the trusted set are ignored; a validator signing twice is refused.
     */
    public static void verifyCommitTrusting(String chainId, ValidatorSet trustedVals, long trustedHeight, Commit commit,
            TrustLevel level) throws VerificationException {
        long total = totalPower(trustedHeight, trustedVals);
        long tallied = 0;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < commit.signatures().size(); i++) {
            CommitSig sig = commit.signatures().get(i);
            if (sig.flag() != BlockIdFlag.COMMIT) {
                continue;
            }
            Optional<Integer> idx = trustedVals.indexOf(sig.validatorAddress());
            if (idx.isEmpty()) {
                continue;
            }
            if (!seen.add(idx.get())) {
                throw fail(new MalformedCommit(commit.height(), "validator " + Hex.upper(sig.validatorAddress())
                        + " signs twice"));
            }
            Validator v = trustedVals.validators().get(idx.get());
            checkSignature(chainId, commit, i, v);
            tallied = Math.addExact(tallied, v.votingPower());
        }
        if (!level.exceededBy(tallied, total)) {
            throw fail(new InsufficientTrustedPower(trustedHeight, commit.height(), tallied, total, level));
        }
    }

    /** Header well-formed and for this chain; commit well-formed and for this header. */
    public static void validateSignedHeader(String chainId, SignedHeader sh) throws VerificationException {
        Header h = sh.header();
        Commit c = sh.commit();
        validateHeader(chainId, h);
        if (c.height() != h.height()) {
            throw fail(new MalformedCommit(h.height(), "commit is for height " + c.height()));
        }
        if (c.round() < 0) {
            throw fail(new MalformedCommit(h.height(), "negative round"));
        }
        if (c.blockId().isZero()) {
            throw fail(new MalformedCommit(h.height(), "commit for a nil block"));
        }
        checkBlockId(h.height(), c.blockId(), "commit block id");
        if (c.signatures().isEmpty()) {
            throw fail(new MalformedCommit(h.height(), "no signatures"));
        }
        for (int i = 0; i < c.signatures().size(); i++) {
            CommitSig s = c.signatures().get(i);
            if (s.flag() == BlockIdFlag.ABSENT) {
                if (!s.validatorAddress().isEmpty() || !s.signature().isEmpty()) {
                    throw fail(new MalformedCommit(h.height(), "absent slot " + i + " carries an address or signature"));
                }
            } else if (s.validatorAddress().size() != Validator.ADDRESS_BYTES
                    || s.signature().isEmpty() || s.signature().size() > MAX_SIGNATURE_BYTES) {
                throw fail(new MalformedCommit(h.height(), "slot " + i + " has a malformed address or signature"));
            }
        }
        ByteString hash = h.hash();
        if (!c.blockId().hash().equals(hash)) {
            throw fail(new HeaderHashMismatch(h.height(), c.blockId().hash(), hash));
        }
    }

    /** CometBFT's header checks: the protocol version, chain id, height and field lengths. */
    public static void validateHeader(String chainId, Header h) throws VerificationException {
        if (!h.chainId().equals(chainId)) {
            throw fail(new ChainIdMismatch(h.height(), chainId, h.chainId()));
        }
        if (h.chainId().length() > MAX_CHAIN_ID_LENGTH) {
            throw fail(new MalformedHeader(h.height(), "chain id longer than " + MAX_CHAIN_ID_LENGTH));
        }
        if (h.version().block() != BLOCK_PROTOCOL) {
            throw fail(new MalformedHeader(h.height(), "block protocol " + h.version().block() + ", expected " + BLOCK_PROTOCOL));
        }
        if (h.height() < 1) {
            throw fail(new MalformedHeader(h.height(), "height must be positive"));
        }
        checkBlockId(h.height(), h.lastBlockId(), "last_block_id");
        optionalHash(h.height(), h.lastCommitHash(), "last_commit_hash");
        optionalHash(h.height(), h.dataHash(), "data_hash");
        optionalHash(h.height(), h.evidenceHash(), "evidence_hash");
        optionalHash(h.height(), h.lastResultsHash(), "last_results_hash");
        optionalHash(h.height(), h.consensusHash(), "consensus_hash");
        if (h.validatorsHash().size() != HASH_BYTES) {
            throw fail(new MalformedHeader(h.height(), "validators_hash must be " + HASH_BYTES + " bytes"));
        }
        if (h.nextValidatorsHash().size() != HASH_BYTES) {
            throw fail(new MalformedHeader(h.height(), "next_validators_hash must be " + HASH_BYTES + " bytes"));
        }
        if (h.proposerAddress().size() != Validator.ADDRESS_BYTES) {
            throw fail(new MalformedHeader(h.height(), "proposer_address must be " + Validator.ADDRESS_BYTES + " bytes"));
        }
    }

    /**
     * The validator set is usable and is the one the header commits to: addresses derived from the keys,
     * positive powers, and the set hash equal to the header's validators_hash.
     */
    public static void checkValidatorSet(Header h, ValidatorSet vals) throws VerificationException {
        if (vals.size() == 0) {
            throw fail(new MalformedValidatorSet(h.height(), "empty"));
        }
        for (Validator v : vals.validators()) {
            if (v.publicKey().size() != Ed25519.PUBLIC_KEY_BYTES) {
                throw fail(new MalformedValidatorSet(h.height(), "validator " + Hex.upper(v.address()) + " has no Ed25519 key"));
            }
            if (!Validator.addressOf(v.publicKey()).equals(v.address())) {
                throw fail(new MalformedValidatorSet(h.height(), "address " + Hex.upper(v.address()) + " is not derived from its key"));
            }
            if (v.votingPower() <= 0) {
                throw fail(new MalformedValidatorSet(h.height(), "validator " + Hex.upper(v.address()) + " has power " + v.votingPower()));
            }
        }
        ByteString computed = vals.hash();
        if (!computed.equals(h.validatorsHash())) {
            throw fail(new ValidatorSetHashMismatch(h.height(), h.validatorsHash(), computed));
        }
    }

    /** Trusted state must be younger than the trusting period at {@code now}. */
    public static void checkNotExpired(Header trusted, TrustOptions opts, Instant now) throws VerificationException {
        Instant expiry = trusted.time().plus(opts.trustingPeriod());
        if (!expiry.isAfter(now)) {
            throw fail(new TrustedStateExpired(trusted.height(), trusted.time(), expiry, now));
        }
    }

    private static void checkNotFromFuture(Header h, TrustOptions opts, Instant now) throws VerificationException {
        if (!h.time().isBefore(now.plus(opts.maxClockDrift()))) {
            throw fail(new HeaderFromFuture(h.height(), h.time(), now, opts.maxClockDrift()));
        }
    }

    // the checks on a new header common to adjacent and skipping verification
    private static void checkNewHeader(Header trusted, LightBlock untrusted, TrustOptions opts, Instant now)
            throws VerificationException {
        Header h = untrusted.header();
        validateSignedHeader(opts.chainId(), untrusted.signedHeader());
        if (h.height() <= trusted.height()) {
            throw fail(new NotMonotonic(trusted.height(), h.height(), "height does not increase"));
        }
        if (!h.time().isAfter(trusted.time())) {
            throw fail(new NotMonotonic(trusted.height(), h.height(), "time " + h.time() + " is not after " + trusted.time()));
        }
        checkNotFromFuture(h, opts, now);
        checkValidatorSet(h, untrusted.validators());
    }

    private static void checkSignature(String chainId, Commit c, int index, Validator v) throws VerificationException {
        byte[] msg = c.voteSignBytes(chainId, index);
        if (!Ed25519.verify(v.publicKey().toByteArray(), msg, c.signatures().get(index).signature().toByteArray())) {
            throw fail(new InvalidSignature(c.height(), index, v.address()));
        }
    }

    private static long totalPower(long height, ValidatorSet vals) throws VerificationException {
        try {
            return vals.totalVotingPower();
        } catch (ArithmeticException e) {
            throw fail(new MalformedValidatorSet(height, "total voting power overflows"));
        }
    }

    private static void checkBlockId(long height, BlockId id, String what) throws VerificationException {
        optionalHash(height, id.hash(), what + " hash");
        optionalHash(height, id.parts().hash(), what + " part set hash");
    }

    private static void optionalHash(long height, ByteString h, String what) throws VerificationException {
        if (!h.isEmpty() && h.size() != HASH_BYTES) {
            throw fail(new MalformedHeader(height, what + " must be empty or " + HASH_BYTES + " bytes, got " + h.size()));
        }
    }

    private static VerificationException fail(VerificationError e) {
        return new VerificationException(e);
    }
}
