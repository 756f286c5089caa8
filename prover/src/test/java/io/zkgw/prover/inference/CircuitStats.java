package io.zkgw.prover.inference;

/** Prints the proof plan of each fixture (a main, for inspection). */
public final class CircuitStats {
    private CircuitStats() {}

    public static void main(String[] args) {
        for (String name : args.length > 0 ? java.util.List.of(args) : Fixtures.ALL) {
            Circuit c = Circuit.compile(CircuitDescription.of(Fixtures.get(name).model()), 1);
            long tensors = 0;
            for (Circuit.TensorSpec t : c.tensors()) {
                tensors += 1L << t.numVars();
            }
            System.out.printf("%s: c=%d, %d tensors (%d entries, witness 2^%d), %d lookup columns (2^%d), %d zero-checks, weights 2^%d%n", name,
                    c.limbBits(), c.tensors().size(), tensors, c.witnessLayout().totalVars(), c.lookups().size(), c.lookupVars(),
                    c.zeroChecks().size(), c.weightLayout().totalVars());
            for (int b : new int[] {1, 8, 64}) {
                System.out.println("   B=" + b + " " + Soundness.of(c.description(), b));
            }
            if (args.length > 0) {
                for (Circuit.TensorSpec t : c.tensors()) {
                    System.out.println("   " + t.name() + " 2^" + t.numVars());
                }
            }
        }
    }
}
