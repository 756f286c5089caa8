package io.zkgw.gateway.testing;

import static io.restassured.RestAssured.given;

import io.zkgw.envelope.PreparedRequest;
import io.zkgw.envelope.PublicRequest;
import io.zkgw.envelope.RequestEnvelope;
import io.zkgw.envelope.RequestPayload;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.model.ModelEntity;
import io.zkgw.gateway.model.ModelService;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.RequesterCommitments;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Prediction requests as a clinician builds them (envelope/: HPKE to the provider key registered through
 * the API, commitments to x and the mask), turned into the job the request feed would create.
 */
public final class Requests {
    public static final String CHAIN_ID = "zkgw-1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Requests() {}

    /** One request: the job, and the clinician's secrets (x, the mask r) to check the answer with. */
    public record Request(JobEntity job, long[] x, long[] r) {}

    /** The provider's public key, registering one through the API on first use. */
    public static byte[] providerKey() {
        String admin = Tokens.forRole("hospital-admin");
        int status = given().auth().oauth2(admin).when().get("/api/provider-key").then().extract().statusCode();
        if (status == 404) {
            given().auth().oauth2(admin).when().post("/api/provider-key").then().statusCode(201);
        }
        String hex = given().auth().oauth2(admin).when().get("/api/provider-key").then().statusCode(200)
                .extract().path("publicKey");
        return HexFormat.of().parseHex(hex);
    }

    /** Marks the model as committed on the ledger under a fresh id, standing in for CommitModel's inclusion. */
    public static byte[] commitOnLedger(ModelService models, UUID modelId) {
        ModelEntity m = models.find(modelId).orElseThrow();
        if (m.chainModelId != null) {
            return m.chainModelId;
        }
        byte[] id = random(32);
        models.recordCommitted(modelId, id, HexFormat.of().formatHex(random(32)));
        return id;
    }

    /**
     * A request for test row {@code row} of the breast-cancer split. {@code badSeed}: the payload's mask
     * seed does not reproduce C_r (a clinician error the gateway must reject with reason 3).
     */
    public static Request build(ModelService models, UUID modelId, int row, long fee, boolean badSeed) {
        ModelEntity m = models.find(modelId).orElseThrow();
        byte[] chainModelId = commitOnLedger(models, modelId);
        var zkm = ZkmFile.read(Path.of(m.zkmPath));
        CircuitDescription d = CircuitDescription.of(zkm.model());
        CsvDataset test = CsvDataset.read(Fixtures.file("breast_cancer_test.csv"));
        long[] x = zkm.card().spec().quantiseInput(test.features()[row]);
        byte[] requester = random(20);
        long deadline = 1_000;
        byte[] payload;
        PublicRequest pub;
        long[] r;
        if (!badSeed) {
            PreparedRequest p = RequestEnvelope.prepare(d, x, CHAIN_ID, requester, chainModelId, fee, deadline,
                    providerKey(), RANDOM);
            pub = p.request();
            payload = p.encryptedPayload();
            r = p.commitments().opening().r();
        } else {
            RequesterCommitments committed = RequesterCommitments.commit(d, x, RequestPayload.newMaskSeed(RANDOM));
            pub = new PublicRequest(CHAIN_ID, requester, chainModelId, committed.input().encode(), committed.mask().encode(),
                    fee, deadline);
            payload = RequestEnvelope.seal(providerKey(), pub, new RequestPayload(x, RequestPayload.newMaskSeed(RANDOM)), RANDOM);
            r = committed.opening().r();
        }
        JobEntity j = new JobEntity();
        j.requestId = HexFormat.of().formatHex(random(32));
        j.modelId = modelId;
        j.chainModelId = chainModelId;
        j.requester = HexFormat.of().formatHex(requester);
        j.fee = fee;
        j.requestHeight = 5;
        j.deadlineHeight = deadline;
        j.inputCommitment = pub.inputCommitment();
        j.maskCommitment = pub.maskCommitment();
        j.encryptedPayload = payload;
        return new Request(j, x, r);
    }

    public static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
