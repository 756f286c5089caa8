package io.zkgw.cli;

import io.zkgw.chainclient.light.TrustAnchor;
import io.zkgw.cli.clinician.ClinicianClient;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code zkgw request} and {@code zkgw result}: which node, which chain, whose files. */
final class ClinicianOptions {
    @Option(names = "--rpc", paramLabel = "URL", defaultValue = "http://127.0.0.1:26657/",
            description = "the ledger node's JSON-RPC address (default: ${DEFAULT-VALUE}); it is not trusted: answers are verified")
    URI rpc;

    @Option(names = "--chain-id", paramLabel = "ID", description = "the expected chain id (default: the node's)")
    String chainId;

    @Option(names = "--trust-anchor", paramLabel = "HEIGHT:HASH",
            description = "a block hash from a source you trust; default: the one saved for this chain, else the node's"
                    + " latest block on first use (with a warning)")
    String trustAnchor;

    @Option(names = "--home", paramLabel = "DIR", description = "holds requests/ (the secrets of each request) and"
            + " trust-anchors.json (default: ~/.zkgw)")
    Path home;

    @Option(names = "--json", description = "print one JSON object on stdout (field names in cli/README.md)")
    boolean json;

    Path home() {
        return home == null ? ClinicianClient.defaultHome() : home;
    }

    ClinicianClient connect() {
        TrustAnchor anchor;
        try {
            anchor = trustAnchor == null ? null : TrustAnchor.parse(trustAnchor);
        } catch (RuntimeException e) {
            throw new Main.CliFailure("--trust-anchor must be HEIGHT:HASH (64 hex digits): " + e.getMessage());
        }
        return ClinicianClient.connect(ClinicianClient.Settings.of(rpc).withChainId(chainId).withTrustAnchor(anchor)
                .withHome(home()).withWarnings(w -> System.err.println("zkgw: warning: " + w)));
    }
}
