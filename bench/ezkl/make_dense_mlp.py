#!/usr/bin/env python3
"""Train the >= 1M-parameter dense MLP of the EZKL-vs-zkgw benchmark and export it to ONNX.

digits (sklearn, 8x8 pixels 0..16), same 75/25 stratified split (random_state=0) as the fixture
CSVs inference/src/test/resources/fixtures/digits_{calib,test}.csv, which the benchmark reuses.
Graph (opset 13, IR 8, float32, input `input` [1,64], output `output` [1,10]):
  Div(16) -> Gemm 64x1024 -> Relu -> Gemm 1024x1024 -> Relu -> Gemm 1024x10 -> Softmax
= 1,126,410 parameters. Deterministic (seed 0, single-threaded BLAS); about 20 s on CPU.

Usage: python make_dense_mlp.py OUT.onnx
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import csv
import sys
import warnings
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "inference" / "src" / "test" / "resources" / "fixtures"
HIDDEN = (1024, 1024)


def f32(name, a):
    return numpy_helper.from_array(np.asarray(a, dtype=np.float32), name=name)


def main(out_path):
    data = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.25, random_state=0, stratify=data.target)
    with open(FIXTURES / "digits_test.csv") as f:
        rows = list(csv.reader(f))[1:]
    fx = np.array([[float(v) for v in r[:-1]] for r in rows])
    assert fx.shape == X_test.shape and np.array_equal(fx, X_test), "split differs from the fixture CSV"

    mlp = MLPClassifier(hidden_layer_sizes=HIDDEN, activation="relu", random_state=0,
                        max_iter=30, alpha=1e-4, learning_rate_init=1e-3, batch_size=64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp.fit(X_train / 16.0, y_train)
    acc = float(np.mean(mlp.predict(X_test / 16.0) == y_test))
    params = sum(w.size for w in mlp.coefs_) + sum(b.size for b in mlp.intercepts_)
    assert params >= 1_000_000, params

    inits = [f32("scale_16", np.float32(16.0))]
    nodes = [helper.make_node("Div", ["input", "scale_16"], ["x_scaled"], name="div16")]
    cur = "x_scaled"
    for i, (w, b) in enumerate(zip(mlp.coefs_, mlp.intercepts_)):
        inits += [f32(f"fc{i + 1}_W", w.T), f32(f"fc{i + 1}_B", b)]
        last = i == len(mlp.coefs_) - 1
        y = "logits" if last else f"fc{i + 1}_out"
        nodes.append(helper.make_node("Gemm", [cur, f"fc{i + 1}_W", f"fc{i + 1}_B"], [y],
                                      name=f"fc{i + 1}", transB=1))
        cur = y
        if not last:
            nodes.append(helper.make_node("Relu", [cur], [f"relu{i + 1}_out"], name=f"relu{i + 1}"))
            cur = f"relu{i + 1}_out"
    nodes.append(helper.make_node("Softmax", ["logits"], ["output"], name="softmax", axis=1))
    graph = helper.make_graph(nodes, "digits_dense_1m",
                              [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 64])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 10])],
                              initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=8,
                              producer_name="zkgw-bench", producer_version="1",
                              doc_string=f"digits dense MLP 64-{HIDDEN[0]}-{HIDDEN[1]}-10, {params} parameters")
    onnx.checker.check_model(model, full_check=True)
    Path(out_path).write_bytes(model.SerializeToString())

    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    p = np.concatenate([sess.run(["output"], {"input": X_test[i:i + 1].astype(np.float32)})[0]
                        for i in range(len(X_test))])
    agree = int(np.sum(p.argmax(1) == mlp.predict(X_test / 16.0)))
    assert agree == len(X_test), f"ORT disagrees with sklearn on {len(X_test) - agree} rows"
    print(f"digits_dense_1m: {params} parameters, sklearn test accuracy {acc:.4f}, "
          f"{mlp.n_iter_} epochs, ORT agrees on {agree}/{len(X_test)}")


if __name__ == "__main__":
    main(sys.argv[1])
