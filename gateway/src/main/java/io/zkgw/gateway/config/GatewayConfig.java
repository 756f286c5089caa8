package io.zkgw.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The gateway's own configuration keys (prefix {@code zkgw}); docs/operations.md describes each one. */
@ConfigMapping(prefix = "zkgw")
public interface GatewayConfig {
    /** Where the appliance keeps its files: embedded database, .zkm models, generated keys. */
    Path dataDir();

    Provisioning provisioning();

    interface Provisioning {
        /** A JSON file of registrations applied at start-up (provisioning/Provisioning); empty: none. */
        Optional<String> file();
    }

    Database database();

    Chain chain();

    Keys keys();

    Inference inference();

    Prover prover();

    Worker worker();

    Policy policy();

    /** PostgreSQL connection, used when the "postgresql" profile is active (else the embedded H2 file). */
    interface Database {
        Optional<String> url();

        Optional<String> username();

        Optional<String> password();
    }

    interface Chain {
        /** CometBFT RPC endpoint (http://host:26657); empty: no ledger, jobs wait at PROVED / REJECTED. */
        Optional<String> rpcUrl();

        String chainId();

        /** Light-client trust anchor: {@code height:blockhash-hex}, from a source the hospital trusts. */
        Optional<String> trustAnchor();

        Path signingKeyFile();

        /** Fee paid per transaction (at least the ledger's min_tx_fee). */
        @WithDefault("1")
        long txFee();

        /** The provider's public name in RegisterProvider (1..64 printable ASCII). */
        @WithDefault("zkgw hospital")
        String providerName();

        /** Whether the gateway publishes commitments and follows its requests on the ledger. */
        @WithDefault("true")
        boolean syncEnabled();

        /** How often commitments are published and the ledger is searched for missed requests. */
        @WithDefault("2s")
        Duration syncInterval();
    }

    interface Keys {
        /** 32-byte secret for the per-record salts of dataset commitments; generated on first use. */
        Path datasetSaltKeyFile();

        /** The provider's HPKE private key that request payloads are encrypted to. */
        Path providerKeyFile();
    }

    interface Inference {
        /** ONNX Runtime execution provider: {@code cpu} or {@code cuda}. */
        @WithDefault("cpu")
        String executionProvider();

        /** ONNX Runtime intra-op threads; 0 lets ORT choose. */
        @WithDefault("0")
        int threads();
    }

    interface Prover {
        /** Threads of the proving pool; 0 means one per available core. */
        @WithDefault("0")
        int threads();

        /**
         * K, the proofs a model commitment C_W stays hidden for (docs/inference-proofs.md §11). The gateway
         * commits the model again (RecommitModel, next epoch) before K proofs are spent; larger K means
         * fewer recommitments but ≈ 5.6 KiB more per proof and unit of K, and from K = 12 a C_W codeword twice
         * as long for models of 2^11 to 2^12 weights (11 is the largest K before that step).
         */
        @WithDefault("11")
        int proofBudget();

        /**
         * Most requests for the same model proved together in one proof and answered by one
         * FulfillPredictions (1..64; 1 proves each request alone with FulfillPrediction). A batch is formed
         * from the INFERRED jobs of the model at hand; see batch-wait.
         */
        @WithDefault("1")
        int batchSize();

        /**
         * How long an INFERRED job waits for others of its model to fill a batch before it is proved with
         * whatever is there (only when batch-size &gt; 1). The price of batching in latency at low load.
         */
        @WithDefault("300ms")
        java.time.Duration batchWait();
    }

    interface Policy {
        /** Directory of admission rules (*.yaml, CEL; the repository ships policies/). */
        Path dir();

        /** The sliding window over which recent_requests counts a requester's earlier requests. */
        Duration rateWindow();
    }

    interface Worker {
        @WithDefault("true")
        boolean enabled();

        Duration pollInterval();

        /** Jobs claimed per poll. */
        @WithDefault("4")
        int claimBatch();

        /** Worker threads, each claiming and driving jobs; 0 means one per available core. */
        @WithDefault("0")
        int threads();

        /** How long a claim is exclusive; a worker that died releases its jobs when this runs out. */
        Duration lease();

        /** Failed tries of one step before the job is FAILED. */
        @WithDefault("5")
        int maxAttempts();

        /** Delay after the first failure; doubled after each further one. */
        Duration retryBackoff();
    }
}
