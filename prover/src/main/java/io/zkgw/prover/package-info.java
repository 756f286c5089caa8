/** Proof system: field, transcript, sumcheck, polynomial commitment, inference proofs. */
package io.zkgw.prover;
