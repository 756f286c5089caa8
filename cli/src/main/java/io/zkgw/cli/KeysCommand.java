package io.zkgw.cli;

import io.zkgw.envelope.HpkeKeyPair;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.envelope.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkgw keys ...}: the key files of a clinician or a provider. */
@Command(name = "keys", description = "Key files for clinicians and providers.", subcommands = {KeysCommand.New.class})
final class KeysCommand {
    static final String SIGNING_FILE = "signing.key";
    static final String HPKE_FILE = "hpke.key";
    static final String PUBLIC_FILE = "public.json";

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Create an Ed25519 signing key (the ledger account) and an X25519 HPKE key (request "
                    + "envelopes are encrypted to it) in DIR: signing.key and hpke.key (mode 600, never overwritten) "
                    + "and public.json (the public parts)."})
    static final class New implements Runnable {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the key files (created, mode 700, if absent)")
        Path out;

        @Option(names = "--json", description = "print the public parts as JSON")
        boolean json;

        @Override
        public void run() {
            Path signing = out.resolve(SIGNING_FILE);
            Path hpke = out.resolve(HPKE_FILE);
            Path pub = out.resolve(PUBLIC_FILE);
            for (Path p : List.of(signing, hpke, pub)) {
                if (Files.exists(p)) {
                    throw new Main.CliFailure(p + " exists; refusing to overwrite a key");
                }
            }
            SecureRandom random = new SecureRandom();
            SigningKey s = SigningKey.generate(random);
            HpkeKeyPair h = HpkeKeyPair.generate(random);
            String publicJson = publicJson(s, h);
            try {
                if (!Files.isDirectory(out)) {
                    Files.createDirectories(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                KeyFiles.write(signing, s);
                KeyFiles.write(hpke, h);
                Files.writeString(pub, publicJson);
            } catch (IOException e) {
                throw new Main.CliFailure("cannot write key files in " + out + ": " + e);
            }
            if (json) {
                System.out.print(publicJson);
            } else {
                HexFormat hex = HexFormat.of();
                System.out.println("address             " + hex.formatHex(s.address()));
                System.out.println("signing public key  " + hex.formatHex(s.publicKey()));
                System.out.println("hpke public key     " + hex.formatHex(h.publicKey()));
                System.out.println("wrote " + signing + " and " + hpke + " (mode 600; keep them secret), " + pub);
            }
        }
    }

    /** The public parts: {"format":"zkgw-public-keys","version":1,"address","signing_public_key","hpke_public_key"}. */
    static String publicJson(SigningKey s, HpkeKeyPair h) {
        HexFormat hex = HexFormat.of();
        return "{\"format\": \"zkgw-public-keys\", \"version\": 1, \"address\": \"" + hex.formatHex(s.address())
                + "\", \"signing_public_key\": \"" + hex.formatHex(s.publicKey()) + "\", \"hpke_public_key\": \""
                + hex.formatHex(h.publicKey()) + "\"}\n";
    }
}
