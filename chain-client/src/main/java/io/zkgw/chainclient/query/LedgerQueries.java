package io.zkgw.chainclient.query;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.zkgw.chainapp.proto.Account;
import io.zkgw.chainclient.rpc.AbciQueryResult;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.MalformedResponseException;
import java.io.IOException;

/**
 * Reads of the ledger's state through abci_query, trusting the node (for example to pick the next
 * sequence number, where a wrong answer only gets a tx refused). For answers checked against verified
 * headers use {@link VerifiedQueries}.
 */
public final class LedgerQueries {
    private final CometRpcClient rpc;

    public LedgerQueries(CometRpcClient rpc) {
        this.rpc = rpc;
    }

    /** The raw record at {@code path} for {@code data} (empty when absent), at the latest height. */
    public AbciQueryResult read(LedgerPaths path, byte[] data, boolean prove)
            throws QueryFailedException, IOException, InterruptedException {
        AbciQueryResult r = rpc.abciQuery(path.path(), data, 0, prove);
        if (!r.ok()) {
            throw new QueryFailedException(path.path(), r.code(), r.codespace(), r.log());
        }
        return r;
    }

    public AccountState account(ByteString address) throws QueryFailedException, IOException, InterruptedException {
        AbciQueryResult r = read(LedgerPaths.ACCOUNT, address.toByteArray(), false);
        return decodeAccount(address, r.value(), r.height());
    }

    static AccountState decodeAccount(ByteString address, ByteString value, long height) throws MalformedResponseException {
        try {
            Account a = Account.parseFrom(value);
            return new AccountState(address, a.getBalance(), a.getSequence(), a.getPublicKey(), height);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedResponseException("account record is not an Account", e);
        }
    }
}
