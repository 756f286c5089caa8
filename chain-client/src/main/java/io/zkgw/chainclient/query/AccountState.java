package io.zkgw.chainclient.query;

import com.google.protobuf.ByteString;

/**
 * An account as read at {@code height}: balance, the sequence its next tx must carry, and its public key
 * (empty before its first tx). An absent account reads as zero balance and sequence.
 */
public record AccountState(ByteString address, long balance, long sequence, ByteString publicKey, long height) {}
