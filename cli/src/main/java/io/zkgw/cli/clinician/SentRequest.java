package io.zkgw.cli.clinician;

import java.nio.file.Path;

/**
 * A RequestPrediction that the ledger included (proven by the light client) and whose escrow is held.
 *
 * @param requestId      64 lower-case hex digits: the ledger's id, and the name of the local store entry
 * @param txHash         the transaction hash, upper-case hex as CometBFT prints it
 * @param height         the block that included it
 * @param fee            the prediction fee now in escrow
 * @param txFee          the transaction fee paid to the fee pool
 * @param deadlineHeight the request expires (and is refunded) at the end of this block
 * @param storeFile      where x and the mask seed are kept (mode 0600)
 */
public record SentRequest(String requestId, String txHash, long height, long fee, long txFee, long deadlineHeight,
                          String chainId, String modelId, String provider, String requester, Path storeFile) {}
