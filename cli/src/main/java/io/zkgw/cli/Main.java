package io.zkgw.cli;

import io.zkgw.inference.InferenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zkgw} command line. Errors print one line naming the problem and exit 1; usage errors exit 2. */
@Command(name = "zkgw", mixinStandardHelpOptions = true, version = "zkgw 0.1.0",
        description = "Verifiable private inference: quantise, run and (later) prove models; run the demo.",
        subcommands = {ModelCommand.class, ProveCommand.class, VerifyCommand.class, DatasetCommand.class, AuditCommand.class, KeysCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** A failure the command already explained; exit code 1. */
    static final class CliFailure extends RuntimeException {
        CliFailure(String message) {
            super(message);
        }
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InferenceException || ex instanceof IllegalArgumentException
                    || ex instanceof io.zkgw.commitments.dataset.DatasetException || ex instanceof CliFailure) {
                cmd.getErr().println("zkgw: error: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
