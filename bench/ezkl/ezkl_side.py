#!/usr/bin/env python3
"""The EZKL side of bench/ezkl/run.sh. One mode per process (the driver measures peak memory per process).

  setup    --onnx F --calib-csv C --target resources|accuracy --dir D --srs-dir S [--calib-rows 20]
           gen_settings (input private, params fixed, output public; batch dim N=1),
           calibrate_settings(target), compile_circuit, gen_srs (local, cached per logrows in S), setup (pk, vk)
  prove    --dir D --test-csv T --row I [--verify-reps 3]
           gen_witness + prove for one test row, then verify
  accuracy --dir D --test-csv T [--max-seconds 600]
           gen_witness on every test row (the circuit's quantised forward pass), rescaled outputs vs labels

Each mode prints one JSON object (times in ms) as its last stdout line.
"""

import argparse
import csv
import fcntl
import glob
import json
import os
import sys
import time

import ezkl


def read_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    header = rows[0]
    assert header[-1] == "label", header
    xs = [[float(v) for v in r[:-1]] for r in rows[1:]]
    ys = [float(r[-1]) for r in rows[1:]]
    return xs, ys


def ms(t0):
    return (time.perf_counter() - t0) * 1e3


def setup(a):
    os.makedirs(a.dir, exist_ok=True)
    os.makedirs(a.srs_dir, exist_ok=True)
    settings, compiled = f"{a.dir}/settings.json", f"{a.dir}/network.ezkl"
    pk, vk, cal = f"{a.dir}/pk.key", f"{a.dir}/vk.key", f"{a.dir}/calibration.json"
    xs, _ = read_csv(a.calib_csv)
    with open(cal, "w") as f:
        json.dump({"input_data": [sum(xs[:a.calib_rows], [])]}, f)
    out = {"target": a.target, "calib_rows": min(a.calib_rows, len(xs))}

    ra = ezkl.PyRunArgs()
    ra.input_visibility = "private"
    ra.param_visibility = "fixed"
    ra.output_visibility = "public"
    ra.variables = [("N", 1)]
    t = time.perf_counter()
    assert ezkl.gen_settings(a.onnx, settings, py_run_args=ra)
    out["gen_settings_ms"] = ms(t)
    t = time.perf_counter()
    assert ezkl.calibrate_settings(cal, a.onnx, settings, a.target)
    out["calibrate_ms"] = ms(t)
    with open(settings) as f:
        s = json.load(f)
    ra_s = s["run_args"]
    out.update(logrows=ra_s["logrows"], input_scale=ra_s["input_scale"], param_scale=ra_s["param_scale"],
               lookup_range=ra_s.get("lookup_range"), num_rows=s.get("num_rows"),
               total_assignments=s.get("total_assignments"))
    print(json.dumps({"progress": "calibrated", **out}), flush=True)
    t = time.perf_counter()
    assert ezkl.compile_circuit(a.onnx, compiled, settings)
    out["compile_ms"] = ms(t)

    k = ra_s["logrows"]
    srs = f"{a.srs_dir}/kzg{k}.srs"
    meta = f"{srs}.json"
    with open(srs + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one generator per logrows; others wait and reuse its SRS
        while glob.glob(srs + "*.tmp"):  # a generator without the lock (older copy of this script)
            time.sleep(5)
        if os.path.exists(srs) and not os.path.exists(meta):
            time.sleep(10)  # the other generator writes the meta file right after the SRS
        if os.path.exists(srs) and os.path.exists(meta):
            with open(meta) as f:
                out["gen_srs_ms"] = json.load(f)["gen_srs_ms"]
            out["srs_cached"] = True
        else:
            print(json.dumps({"progress": f"gen_srs logrows {k}"}), flush=True)
            tmp = f"{srs}.{os.getpid()}.tmp"
            t = time.perf_counter()
            ezkl.gen_srs(tmp, k)
            gen_ms = ms(t)
            os.replace(tmp, srs)
            with open(meta, "w") as f:
                json.dump({"gen_srs_ms": gen_ms, "logrows": k}, f)
            out["gen_srs_ms"] = gen_ms
            out["srs_cached"] = False
    out["srs"] = srs
    print(json.dumps({"progress": "keygen"}), flush=True)
    t = time.perf_counter()
    assert ezkl.setup(compiled, vk, pk, srs)
    out["keygen_ms"] = ms(t)
    out["pk_bytes"] = os.path.getsize(pk)
    out["vk_bytes"] = os.path.getsize(vk)
    out["setup_ms"] = (out["gen_settings_ms"] + out["calibrate_ms"] + out["compile_ms"] + out["keygen_ms"]
                       + out["gen_srs_ms"])
    with open(f"{a.dir}/setup.json", "w") as f:
        json.dump(out, f)
    return out


def proof_bytes(path):
    """Length of the raw proof (the proof file is JSON; the proof itself is a byte list or a hex string)."""
    with open(path) as f:
        p = json.load(f)
    raw = p.get("proof")
    if isinstance(raw, str):
        return len(bytes.fromhex(raw[2:] if raw.startswith("0x") else raw))
    if isinstance(raw, list):
        return len(raw)
    hx = p.get("hex_proof")
    return len(bytes.fromhex(hx[2:] if hx.startswith("0x") else hx))


def prove(a):
    with open(f"{a.dir}/setup.json") as f:
        st = json.load(f)
    xs, _ = read_csv(a.test_csv)
    inp, wit, proof = f"{a.dir}/input.json", f"{a.dir}/witness.json", f"{a.dir}/proof.json"
    with open(inp, "w") as f:
        json.dump({"input_data": [xs[a.row % len(xs)]]}, f)
    compiled, pk, vk, settings = (f"{a.dir}/network.ezkl", f"{a.dir}/pk.key", f"{a.dir}/vk.key",
                                  f"{a.dir}/settings.json")
    out = {}
    t = time.perf_counter()
    ezkl.gen_witness(inp, compiled, wit)
    out["witness_ms"] = ms(t)
    t = time.perf_counter()
    assert ezkl.prove(wit, compiled, pk, proof, st["srs"])
    out["proof_only_ms"] = ms(t)
    out["prove_ms"] = out["witness_ms"] + out["proof_only_ms"]
    out["proof_bytes"] = proof_bytes(proof)
    out["proof_file_bytes"] = os.path.getsize(proof)
    vt = []
    for _ in range(a.verify_reps):
        t = time.perf_counter()
        assert ezkl.verify(proof, settings, vk, st["srs"])
        vt.append(ms(t))
    out["verify_first_ms"] = vt[0]
    out["verify_ms"] = sorted(vt)[len(vt) // 2]
    out["verify_ms_all"] = vt
    return out


def accuracy(a):
    with open(f"{a.dir}/settings.json") as f:
        scales = json.load(f)["model_output_scales"]
    xs, ys = read_csv(a.test_csv)
    compiled = f"{a.dir}/network.ezkl"
    inp, wit = f"{a.dir}/acc_input.json", f"{a.dir}/acc_witness.json"
    ok, n, t0 = 0, 0, time.perf_counter()
    for x, y in zip(xs, ys):
        if time.perf_counter() - t0 > a.max_seconds:
            break
        with open(inp, "w") as f:
            json.dump({"input_data": [x]}, f)
        w = ezkl.gen_witness(inp, compiled, wit)
        outs = [ezkl.felt_to_float(v, scales[0]) for v in w["outputs"][0]]
        # same decision rule as zkgw's Evaluation: one output = probability (sigmoid), else argmax
        pred = int(outs[0] > 0.5) if len(outs) == 1 else max(range(len(outs)), key=lambda i: (outs[i], -i))
        ok += int(pred == int(y))
        n += 1
    return {"test_rows": n, "test_rows_total": len(xs), "accuracy": ok / n if n else None,
            "ms_per_row": ms(t0) / max(n, 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["setup", "prove", "accuracy"])
    ap.add_argument("--onnx")
    ap.add_argument("--calib-csv")
    ap.add_argument("--test-csv")
    ap.add_argument("--target", choices=["resources", "accuracy"])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--srs-dir")
    ap.add_argument("--calib-rows", type=int, default=20)
    ap.add_argument("--row", type=int, default=0)
    ap.add_argument("--verify-reps", type=int, default=3)
    ap.add_argument("--max-seconds", type=float, default=600)
    a = ap.parse_args()
    out = {"setup": setup, "prove": prove, "accuracy": accuracy}[a.mode](a)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    sys.exit(main())
