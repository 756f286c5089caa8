package io.zkgw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkgw.cli.clinician.ClinicianClient;
import io.zkgw.cli.clinician.PatientInput;
import io.zkgw.cli.clinician.SentRequest;
import io.zkgw.envelope.KeyFileException;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.envelope.SigningKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code zkgw request}: a clinician's paid, encrypted prediction request. The input never leaves this
 * machine in clear; its secrets stay in the local request store for {@code zkgw result}.
 */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Send a paid prediction request: quantise patient.json with the model card from the ledger,"
                + " encrypt it to the hospital's key, commit to it and escrow the fee.",
                "Prints the request id for 'zkgw result'."})
final class RequestCommand implements Runnable {
    @Option(names = "--provider", required = true, paramLabel = "ADDRESS_HEX", description = "the hospital's ledger address")
    String provider;

    @Option(names = "--model", required = true, paramLabel = "MODEL_ID_HEX", description = "the committed model's id")
    String model;

    @Option(names = "--input", required = true, paramLabel = "patient.json",
            description = "one JSON object: the model card's feature names -> numbers, in real units")
    Path input;

    @Option(names = "--fee", required = true, paramLabel = "N", description = "prediction fee to escrow (at least the model's price)")
    long fee;

    @Option(names = "--deadline-blocks", paramLabel = "N", defaultValue = "1000",
            description = "the request expires (refunded) this many blocks from now (default: ${DEFAULT-VALUE})")
    long deadlineBlocks;

    @Option(names = "--tx-fee", paramLabel = "N", description = "transaction fee (default: the ledger's minimum)")
    Long txFee;

    @Option(names = "--key", paramLabel = "DIR", description = "key directory from 'zkgw keys new' (signing.key);"
            + " default: <home>/key")
    Path key;

    @Mixin
    ClinicianOptions chain;

    @Override
    public void run() {
        Path keyFile = (key == null ? chain.home().resolve("key") : key).resolve(KeysCommand.SIGNING_FILE);
        SigningKey signing;
        try {
            signing = KeyFiles.readSigning(keyFile);
        } catch (KeyFileException e) {
            throw new Main.CliFailure("signing key: " + e.getMessage() + " (create one with 'zkgw keys new --out DIR'"
                    + " and pass --key DIR)");
        }
        PatientInput patient = PatientInput.read(input);
        SentRequest s;
        try (ClinicianClient c = chain.connect()) {
            s = c.request(signing, provider, model, patient, fee, deadlineBlocks, txFee == null ? -1 : txFee);
        }
        if (chain.json) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("request_id", s.requestId());
            n.put("tx_hash", s.txHash());
            n.put("height", s.height());
            n.put("fee", s.fee());
            n.put("tx_fee", s.txFee());
            n.put("deadline_height", s.deadlineHeight());
            n.put("chain_id", s.chainId());
            n.put("model_id", s.modelId());
            n.put("provider", s.provider());
            n.put("requester", s.requester());
            n.put("store_file", s.storeFile().toString());
            System.out.println(n.toString());
        } else {
            System.out.println("request      " + s.requestId());
            System.out.println("tx           " + s.txHash() + " (height " + s.height() + ")");
            System.out.println("fee          " + s.fee() + " in escrow (tx fee " + s.txFee() + ")");
            System.out.println("deadline     height " + s.deadlineHeight() + " (refunded if unanswered by then)");
            System.out.println("secrets      kept in " + s.storeFile() + " (mode 600)");
            System.out.println("next         zkgw result " + s.requestId());
        }
    }
}
