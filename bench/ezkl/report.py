"""Renders bench/work/ezkl-vs-zkgw/results.json as bench/results/ezkl-vs-zkgw.md (used by bench.py).

  python report.py [results.json]   re-render without re-running
"""

import json
import statistics
import sys
from pathlib import Path

TARGETS = ["resources", "accuracy"]
KIB = 1024


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def f_ms(v):
    if v is None:
        return "—"
    if v >= 10_000:
        return f"{v / 1000:,.1f} s"
    if v >= 100:
        return f"{v:,.0f} ms"
    return f"{v:.1f} ms"


def f_bytes(v):
    if v is None:
        return "—"
    if v >= 10 * 2**20:
        return f"{v / 2**20:,.0f} MiB"
    if v >= 2**20:
        return f"{v / 2**20:.2f} MiB"
    return f"{v / KIB:,.1f} KiB"


def f_kb(kb):
    return "—" if kb is None else f_bytes(kb * 1024)


def f_x(v):
    return "—" if v is None else (f"{v:,.0f}×" if v >= 10 else f"{v:.1f}×")


def ok_rounds(rounds):
    return [r for r in rounds if r.get("result") is not None]


def failure(st):
    if st is None:
        return "not run"
    if st.get("note"):
        return f"{st['note']} (peak RSS so far {f_kb(st.get('watched_peak_kb'))})"
    if st.get("killed") == "timeout":
        return (f"did not finish: killed at the {st['wall_s'] / 60:.0f}-min limit, stage "
                f"{st.get('last_progress') or 'gen_settings/calibrate'}, peak RSS {f_kb(st.get('max_rss_kb'))}")
    if st.get("killed") == "rss":
        return f"killed at the RSS cap ({f_kb(st.get('watched_peak_kb'))}; stage: {st.get('last_progress')})"
    return f"failed (rc {st.get('rc')}): {st.get('error_tail', '')}"


def summarise(res):
    """Per model: zkgw and EZKL figures, medians over rounds."""
    out = {}
    for m, r in res["models"].items():
        z = r["zkgw"]
        zr = ok_rounds(z["prove_rounds"])
        s = {"params": z["setup"]["params"], "zkgw": {
            "prove": med([x["result"]["prove_ms"] for x in zr]),
            "prove_first": med([x["result"]["prove_first_ms"] for x in zr]),
            "load_commit": med([x["result"]["load_commit_ms"] for x in zr]),
            "verify": med([x["result"]["verify_ms"] for x in zr]),
            "verify_first": med([x["result"]["verify_first_ms"] for x in zr]),
            "proof": zr[0]["result"]["proof_bytes"] if zr else None,
            "rss": med([x["status"]["max_rss_kb"] for x in zr]),
            "setup": z["setup"]["setup_ms"], "quantise": z["setup"]["quantise_ms"], "commit": z["setup"]["commit_ms"],
            "acc": z["setup"]["quant_metric"], "float_acc": z["setup"]["float_metric"], "rows": z["setup"]["test_rows"],
            "ort": min(z["setup"]["ort_ms_1t"], z["setup"]["ort_ms_2t"]), "rounds": len(zr)}}
        s["zkgw"]["cold_process"] = (None if s["zkgw"]["prove_first"] is None
                                     else s["zkgw"]["load_commit"] + s["zkgw"]["prove_first"])
        for t in TARGETS:
            e = r["ezkl"].get(t, {})
            er = ok_rounds(e.get("prove_rounds", []))
            st = e.get("setup") or {}
            acc = e.get("accuracy") or {}
            s[t] = {"ok": e.get("setup") is not None, "setup_status": e.get("setup_status"),
                    "cached": e.get("setup_cached"),
                    "prove": med([x["result"]["prove_ms"] for x in er]),
                    "verify": med([x["result"]["verify_ms"] for x in er]),
                    "proof": er[0]["result"]["proof_bytes"] if er else None,
                    "rss": med([x["status"]["max_rss_kb"] for x in er]),
                    "setup_rss": (e.get("setup_status") or {}).get("max_rss_kb"),
                    "setup": st.get("setup_ms"), "srs": st.get("gen_srs_ms"), "keygen": st.get("keygen_ms"),
                    "calibrate": st.get("calibrate_ms"), "logrows": st.get("logrows"),
                    "scales": (st.get("input_scale"), st.get("param_scale")), "pk": st.get("pk_bytes"),
                    "acc": acc.get("accuracy"), "acc_rows": acc.get("test_rows"),
                    "rounds": len(er), "rounds_tried": len(e.get("prove_rounds", [])),
                    "prove_fail": [failure(x["status"]) for x in e.get("prove_rounds", []) if x.get("result") is None]}
        out[m] = s
    return out


def render(res):
    S = summarise(res)
    mc = res["machine"]
    L = []
    a = res["args"]
    L += ["# EZKL vs zkgw on the same ONNX models (issue 4)", "",
          f"Produced by `bench/ezkl/run.sh` (`{' '.join(res.get('argv', [])) or 'defaults'}`), "
          f"started {res['started']}, finished {res.get('finished', '—')}. Raw data: "
          "`bench/results/ezkl-vs-zkgw.json` (a copy of `bench/work/ezkl-vs-zkgw/results.json`); every process's log and `/usr/bin/time -v` "
          "status in `bench/work/ezkl-vs-zkgw/logs/`.", "",
          f"**Machine:** {mc['nproc']} vCPUs ({mc['cpu'].strip()}), {mc['mem_gib']} GiB RAM, {mc['java']}, "
          f"EZKL {mc['ezkl']} (PyPI wheel, Python {mc['python']}). **The machine was shared with other "
          f"developers' builds and test suites during the whole run** (load average "
          f"{res.get('loadavg_start', ['?'])[0]:.1f} at the start and {res.get('loadavg_end', ['?'])[0]:.1f} at "
          "the end, on 2 cores): absolute times are inflated and noisy, for both systems alike; the ratios "
          "come from the same run, with zkgw and EZKL proving alternately.", ""]
    L += ["## How each figure is measured", "",
          "- **Models:** `bc_mlp` (breast cancer MLP 30-16-8-1) and `digits_cnn` (digits CNN) are the committed "
          "fixtures; `digits_dense_1m` (digits MLP 64-1024-1024-10, 1,126,410 parameters) is trained by "
          "`bench/ezkl/make_dense_mlp.py` at bench time. Both systems get the same float ONNX file and the same "
          "calibration / test CSVs.",
          "- **zkgw:** int8 quantisation (`ModelPipeline.quantize`, default config), proof of "
          "`z = M_W(x) + r` against the model commitment C_W and the requester's commitments C_x, C_r "
          "(docs/inference-proofs.md).",
          "- **EZKL:** `gen_settings` with input `private`, parameters `fixed` (the weights are bound by the "
          "verifying key, as C_W binds them in zkgw), output `public`, batch dimension N = 1; then "
          "`calibrate_settings` on 20 calibration rows, once with target `resources` and once with "
          "`accuracy` (two independent circuits); `compile_circuit`; `gen_srs` locally (never downloaded, "
          "cached per logrows in `bench/work`); `setup` (proving and verifying key). Halo2 with KZG. "
          "EZKL's statement is weaker on the input side (x is not bound to a commitment).",
          f"- **Prove** = witness generation + proof, for one test row. zkgw: median of {a['zkgw_reps']} warm "
          "proofs in one JVM (after 2 untimed warm-up proofs) per round; \"cold\" = a fresh JVM: reading the "
          "model, committing the weights and the first (un-JITed) proof. EZKL: one `ezkl.gen_witness` + "
          "`ezkl.prove` per round in a fresh process (the Python API loads the proving key from disk inside "
          "`prove`; there is no in-memory key to reuse). Rounds alternate: per round and model, zkgw, then "
          "EZKL (resources), then EZKL (accuracy). Medians over rounds.",
          "- **Verify:** zkgw: median of the warm verifications (`InferenceVerifier.verify`, including "
          "compiling the circuit from D); EZKL: median of 3 `ezkl.verify` calls (each loads the verifying key "
          "and the SRS).",
          "- **Proof size:** zkgw: the proof bytes; EZKL: the raw proof bytes inside its proof JSON (the JSON "
          "file itself, with instances and hex, is larger).",
          "- **Peak memory:** \"Maximum resident set size\" of the prove process from `/usr/bin/time -v` (zkgw: "
          "the JVM with default flags, including commit and all timed proofs; EZKL: witness, prove and the "
          f"verifications). Every EZKL process ran under an RSS cap of {a['cap_mb'] / 1024:.0f} GiB.",
          "- **One-time setup:** zkgw: quantisation + weight commitment. EZKL: settings + calibration + "
          "compilation + `gen_srs` + key generation (the SRS share is also shown alone).",
          "- **Accuracy:** on the whole test split. zkgw: the integer model (interpreter, identical to ORT and to "
          "what is proved). EZKL: `gen_witness` on every test row (the circuit's own quantised forward pass), "
          "rescaled outputs; decision rule as zkgw's (one output: p > 0.5; else argmax).",
          "- **ORT time:** the integer model in ONNX Runtime (`OrtWitnessRunner`, every op output), warm median, "
          "the faster of 1 and 2 intra-op threads.", ""]

    L += ["## Results", ""]
    for m, s in S.items():
        z, er, ea = s["zkgw"], s["resources"], s["accuracy"]
        L += [f"### {m} ({s['params']:,} parameters)", ""]
        L += ["| | zkgw | EZKL `resources` | EZKL `accuracy` |", "| --- | --- | --- | --- |"]

        def row(label, zv, fn, key=None, fmt=None):
            vals = []
            for e in (er, ea):
                if not e["ok"]:
                    vals.append("setup did not finish" if key != "setup" else failure(e["setup_status"]))
                else:
                    v = e.get(key) if key else None
                    vals.append(fmt(v) if fmt else str(v))
            L.append(f"| {label} | {fn(zv) if fn else zv} | {vals[0]} | {vals[1]} |")

        row("circuit", "int8, C_W tensor PCS", None, "logrows",
            lambda v: f"logrows {v}")
        row("prove (witness + proof)", z["prove"], f_ms, "prove",
            lambda v: f_ms(v) if v is not None else "did not finish")
        row("prove, cold process (zkgw: load + commit + first proof)", z["cold_process"], f_ms, "prove",
            lambda v: f_ms(v) if v is not None else "—")
        row("verify", z["verify"], f_ms, "verify", f_ms)
        row("proof size", z["proof"], f_bytes, "proof", f_bytes)
        row("peak RSS, prove process", z["rss"], f_kb, "rss", f_kb)
        row("one-time setup", z["setup"], f_ms, "setup", f_ms)
        row("… of which gen_srs / keygen (EZKL), commit (zkgw)", z["commit"], f_ms, "srs",
            lambda v: None)
        L[-1] = (f"| … of which gen_srs / keygen (EZKL), commit (zkgw) | {f_ms(z['commit'])} | "
                 + " | ".join((f"{f_ms(e['srs'])} / {f_ms(e['keygen'])}" if e["ok"] else "—") for e in (er, ea)) + " |")
        L.append("| peak RSS, setup | — | " + " | ".join(f_kb(e["setup_rss"]) if e["setup_rss"] else "—"
                                                     for e in (er, ea)) + " |")
        L.append("| proving key | — (C_W prover data in memory) | " + " | ".join(f_bytes(e["pk"]) for e in (er, ea)) + " |")
        acc = [f"{e['acc']:.4f} ({e['acc_rows']} rows)" if e.get("acc") is not None else "—" for e in (er, ea)]
        L.append(f"| test accuracy (float model: {float(z['float_acc']):.4f}) | {float(z['acc']):.4f} ({z['rows']} rows) | "
                 f"{acc[0]} | {acc[1]} |")
        L.append(f"| rounds measured | {z['rounds']} | {er['rounds']} | {ea['rounds']} |")
        L.append("")
        for t in TARGETS:
            e = s[t]
            if not e["ok"]:
                L.append(f"EZKL `{t}` setup: {failure(e['setup_status'])}.")
            for f in e["prove_fail"]:
                L.append(f"EZKL `{t}` prove: {f}.")
        L.append("")

    L += ["## Ratios (same run)", "",
          "| model | EZKL `resources` prove ÷ zkgw prove | EZKL `accuracy` ÷ zkgw | EZKL `resources` ÷ zkgw cold process "
          "| EZKL peak RSS ÷ zkgw (res / acc) | zkgw prove ÷ ORT inference |", "| --- | --- | --- | --- | --- | --- |"]
    for m, s in S.items():
        z = s["zkgw"]

        def rat(a_, b_):
            return None if a_ is None or b_ is None or b_ == 0 else a_ / b_
        L.append(f"| {m} | {f_x(rat(s['resources']['prove'], z['prove']))} | {f_x(rat(s['accuracy']['prove'], z['prove']))} "
                 f"| {f_x(rat(s['resources']['prove'], z['cold_process']))} "
                 f"| {f_x(rat(s['resources']['rss'], z['rss']))} / {f_x(rat(s['accuracy']['rss'], z['rss']))} "
                 f"| {f_x(rat(z['prove'], z['ort']))} ({f_ms(z['prove'])} vs {z['ort'] * 1000:.0f} µs) |")
    L.append("")

    L += ["## zkgw cost per inference, batches", "",
          "One proof for B requests (B test rows), warm medians of 5 in one JVM.", "",
          "| model | B | prove | prove per inference | proof size | proof per inference | verify |",
          "| --- | --- | --- | --- | --- | --- | --- |"]
    for m, r in res["models"].items():
        b = r["zkgw"].get("batch")
        if not b:
            L.append(f"| {m} | — | {failure(r['zkgw'].get('batch_status'))} | | | | |")
            continue
        for x in b["batches"]:
            L.append(f"| {m} | {x['batch']} | {f_ms(x['prove_ms'])} | {f_ms(x['prove_ms_per_inference'])} | "
                     f"{f_bytes(x['proof_bytes'])} | {f_bytes(x['proof_bytes_per_inference'])} | {f_ms(x['verify_ms'])} |")
    L.append("")

    L += ["## Goals (benchmarks, not tests)", "",
          "| goal | " + " | ".join(S) + " |", "| --- | " + " | ".join("---" for _ in S) + " |"]

    def yn(b, txt):
        return ("—" if b is None else ("**yes**" if b else "**no**")) + f": {txt}"

    g1, g2, g3, g4, g5 = [], [], [], [], []
    for m, s in S.items():
        z = s["zkgw"]
        rs = [s[t]["prove"] / z["prove"] for t in TARGETS if s[t]["prove"] and z["prove"]]
        unfinished = [t for t in TARGETS if s[t]["prove"] is None]
        if rs:
            g1.append(yn(min(rs) >= 20, f"{min(rs):,.0f}× (min over targets)"
                         + (f"; EZKL `{'`, `'.join(unfinished)}` did not finish" if unfinished else "")))
        else:
            g1.append(yn(None, "EZKL did not finish (" + "; ".join(
                failure(s[t]['setup_status']) if not s[t]['ok'] else 'prove' for t in TARGETS) + ")"))
        g2.append(yn(z["verify"] <= 50, f"{f_ms(z['verify'])}"))
        g3.append(yn(z["proof"] <= 256 * KIB, f"{f_bytes(z['proof'])}"))
        rr = [s[t]["rss"] for t in TARGETS if s[t]["rss"]]
        g4.append(yn(z["rss"] < min(rr), f"{f_kb(z['rss'])} vs {f_kb(min(rr))}") if rr
                  else yn(None, f"{f_kb(z['rss'])}; EZKL did not prove"))
        g5.append(yn(z["prove"] <= 100 * z["ort"], f"{z['prove'] / z['ort']:,.0f}×"))
    L.append("| proving ≥ 20× faster than EZKL | " + " | ".join(g1) + " |")
    L.append("| verification ≤ 50 ms | " + " | ".join(g2) + " |")
    L.append("| proof ≤ 256 KiB (up to 1M parameters) | " + " | ".join(g3) + " |")
    L.append("| prover peak memory below EZKL's | " + " | ".join(g4) + " |")
    L.append("| proving ≤ 100× ORT inference of the integer model | " + " | ".join(g5) + " |")
    L.append("")

    L += ["## Per-round values", "", "| model | round | zkgw prove (warm median) | zkgw cold | EZKL `resources` | EZKL `accuracy` |",
          "| --- | --- | --- | --- | --- | --- |"]
    for m, r in res["models"].items():
        zr = r["zkgw"]["prove_rounds"]
        for i, x in enumerate(zr):
            zz = x.get("result") or {}
            cells = []
            for t in TARGETS:
                pr = r["ezkl"].get(t, {}).get("prove_rounds", [])
                cells.append(f_ms((pr[i].get("result") or {}).get("prove_ms")) if i < len(pr) else "—")
            cold = (zz["load_commit_ms"] + zz["prove_first_ms"]) if zz else None
            L.append(f"| {m} | {i + 1} | {f_ms(zz.get('prove_ms'))} | {f_ms(cold)} | {cells[0]} | {cells[1]} |")
    L.append("")
    notes = res.get("notes")
    if notes:
        L += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(L)


if __name__ == "__main__":
    p = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "work" / "ezkl-vs-zkgw" / "results.json"
    out = Path(__file__).resolve().parents[1] / "results" / "ezkl-vs-zkgw.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(json.loads(p.read_text())))
    print(f"wrote {out}")
