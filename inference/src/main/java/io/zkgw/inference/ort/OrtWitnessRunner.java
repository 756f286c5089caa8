package io.zkgw.inference.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.zkgw.inference.InferenceException;
import io.zkgw.inference.export.IntOnnxExporter;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModel;
import io.zkgw.ir.Witness;
import io.zkgw.inference.onnx.OnnxCodec;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an integer model in ONNX Runtime and returns the complete witness (every op output).
 * One session per model; thread-safe for concurrent {@link #run} calls as ORT sessions are.
 */
public final class OrtWitnessRunner implements AutoCloseable {
    private final IntModel model;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final long[] inputDims;
    private final ExecutionProvider provider;

    public OrtWitnessRunner(IntModel model, ExecutionProvider provider, int threads) {
        this.model = model;
        this.provider = provider;
        this.env = OrtEnvironment.getEnvironment();
        byte[] onnx = OnnxCodec.encode(IntOnnxExporter.export(model));
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                opts.setIntraOpNumThreads(threads);
            }
            // integer graphs gain nothing from graph rewrites; keep ORT executing exactly what we wrote
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            if (provider == ExecutionProvider.CUDA) {
                try {
                    opts.addCUDA(0);
                } catch (OrtException | UnsatisfiedLinkError e) {
                    throw new InferenceException("CUDA execution provider unavailable (needs the onnxruntime_gpu "
                            + "build and an NVIDIA GPU with CUDA): " + e.getMessage(), e);
                }
            }
            this.session = env.createSession(onnx, opts);
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime could not load the integer model: " + e.getMessage(), e);
        }
        int[] s = model.inputShape();
        inputDims = new long[s.length + 1];
        inputDims[0] = 1;
        for (int i = 0; i < s.length; i++) {
            inputDims[i + 1] = s[i];
        }
    }

    public ExecutionProvider provider() {
        return provider;
    }

    public Witness run(long[] input) {
        IntInterpreter.checkInput(model, input);
        try (OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(input.clone()), inputDims);
             OrtSession.Result r = session.run(Map.of(IntOnnxExporter.INPUT, t))) {
            List<long[]> outs = new ArrayList<>(model.ops().size());
            for (int i = 0; i < model.ops().size(); i++) {
                OnnxValue v = r.get(IntOnnxExporter.witnessName(i))
                        .orElseThrow(() -> new InferenceException("ONNX Runtime returned no witness output"));
                LongBuffer lb = ((OnnxTensor) v).getLongBuffer();
                long[] a = new long[lb.remaining()];
                lb.get(a);
                outs.add(a);
            }
            return new Witness(input.clone(), outs);
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime failed to run the integer model: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new InferenceException("closing ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
