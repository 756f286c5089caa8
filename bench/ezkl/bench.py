#!/usr/bin/env python3
"""Driver of bench/ezkl/run.sh: EZKL and zkgw on the same ONNX files, alternating, in one run.

Writes bench/work/ezkl-vs-zkgw/results.json and bench/results/ezkl-vs-zkgw.md. Every measured step
runs as its own process under capped.py (/usr/bin/time -v + an RSS cap + a time limit). Run through
run.sh, which builds the Java side and the venv first.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIX = REPO / "inference" / "src" / "test" / "resources" / "fixtures"
WORK = REPO / "bench" / "work" / "ezkl-vs-zkgw"
EZKL_DIR = WORK / "ezkl"
LOCK = threading.Lock()
RESULTS = REPO / "bench" / "results" / "ezkl-vs-zkgw.md"
PY = sys.executable
HERE = Path(__file__).resolve().parent
TARGETS = ["resources", "accuracy"]

MODELS = {
    "bc_mlp": (FIX / "bc_mlp.onnx", "breast_cancer"),
    "digits_cnn": (FIX / "digits_cnn.onnx", "digits"),
    "digits_dense_1m": (WORK / "digits_dense_1m.onnx", "digits"),
}


def log(msg):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {msg}", flush=True)


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def capped(tag, cmd, timeout, cap_mb):
    """Run cmd under capped.py; returns (status, last JSON object printed, last progress line)."""
    logs = WORK / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    status_f, out_f = logs / f"{tag}.status.json", logs / f"{tag}.log"
    full = [PY, str(HERE / "capped.py"), "--cap-mb", str(cap_mb), "--timeout", str(timeout),
            "--status", str(status_f), "--stdout", str(out_f), "--"] + [str(c) for c in cmd]
    subprocess.run(full, check=False)
    status = json.loads(status_f.read_text())
    result, progress = None, None
    for line in out_f.read_text(errors="replace").splitlines():
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if "progress" in obj:
                progress = obj["progress"]
            else:
                result = obj
    if status["rc"] != 0:
        result = None
        tail = out_f.read_text(errors="replace").strip().splitlines()[-3:]
        status["error_tail"] = " | ".join(tail)[-400:]
    status["last_progress"] = progress
    return status, result


def java_cmd(args, java_opts):
    cp = (REPO / "bench" / "target" / "classes").as_posix() + ":" + (WORK / "cp.txt").read_text().strip()
    return [os.environ.get("JAVA", "java")] + java_opts + ["-cp", cp, "io.zkgw.bench.EzklComparison"] + args


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--zkgw-reps", type=int, default=7, help="warm proofs per zkgw prove process")
    ap.add_argument("--cap-mb", type=int, default=14336, help="RSS cap of every EZKL process")
    ap.add_argument("--ezkl-setup-timeout", type=float, default=3600)
    ap.add_argument("--ezkl-prove-timeout", type=float, default=1800)
    ap.add_argument("--big-timeout", type=float, default=900,
                    help="EZKL setup limit (s) for models of >= 1M parameters")
    ap.add_argument("--big-background", action="store_true",
                    help="run the >= 1M-parameter EZKL setups alongside the other models' proving rounds")
    ap.add_argument("--batch-reps", type=int, default=5)
    ap.add_argument("--accuracy-seconds", type=float, default=300)
    ap.add_argument("--fresh", action="store_true", help="redo EZKL setups (and SRS) even if cached")
    a = ap.parse_args()
    models = [m for m in a.models.split(",") if m]
    java_opts = shlex.split(os.environ.get("ZKGW_JAVA_OPTS", ""))
    res = {"started": datetime.datetime.now().isoformat(timespec="seconds"), "args": vars(a), "argv": sys.argv[1:],
           "machine": machine(), "models": {}}
    zk_dir = WORK / "zkgw"
    load0 = os.getloadavg()
    background = {}
    if a.fresh:
        for f in (EZKL_DIR / "srs").glob("*"):
            f.unlink()

    # ---- one-time setup: zkgw (quantise + commit), EZKL (settings, calibrate, compile, SRS, keys) per target
    for m in models:
        onnx, data = MODELS[m]
        r = res["models"][m] = {"onnx": str(onnx.relative_to(REPO)), "onnx_sha256": sha(onnx), "dataset": data,
                                "zkgw": {"prove_rounds": []}, "ezkl": {}}
        log(f"zkgw setup {m}")
        st, out = capped(f"zkgw-setup-{m}", java_cmd(["setup", "--name", m, "--onnx", onnx, "--calib",
                                                       FIX / f"{data}_calib.csv", "--test", FIX / f"{data}_test.csv",
                                                       "--dir", zk_dir], java_opts), 1800, a.cap_mb)
        if out is None:
            raise SystemExit(f"zkgw setup failed for {m}: {st}")
        r["zkgw"]["setup"], r["zkgw"]["setup_status"] = out, st
        big = out["params"] >= 1_000_000
        todo = []
        for t in TARGETS:
            e = r["ezkl"][t] = {"prove_rounds": []}
            if not ezkl_cached(a, m, t, r, e):
                todo.append(t)
        if todo and big and a.big_background:
            # the >= 1M-parameter setups run alongside the proving rounds of the other models (they are not
            # a measured prove); that model's EZKL proves wait for them
            log(f"ezkl setup {m} {todo}: in the background, limit {a.big_timeout:.0f} s each")
            th = threading.Thread(target=lambda m=m, todo=todo, r=r: [ezkl_setup(a, m, t, r, a.big_timeout) for t in todo])
            th.start()
            background[m] = th
        else:
            for t in todo:
                ezkl_setup(a, m, t, r, a.big_timeout if big else a.ezkl_setup_timeout)
        save(res)

    # ---- proving, alternating: per round and model, zkgw then EZKL (resources) then EZKL (accuracy)
    for rnd in range(a.rounds):
        for m in models:
            r = res["models"][m]
            data = r["dataset"]
            log(f"round {rnd + 1}/{a.rounds} {m}: zkgw prove")
            st, out = capped(f"zkgw-prove-{m}-r{rnd}", java_cmd(["prove", "--name", m, "--dir", zk_dir, "--row", rnd,
                                                                 "--reps", a.zkgw_reps], java_opts), 1800, a.cap_mb)
            r["zkgw"]["prove_rounds"].append({"status": st, "result": out})
            if m in background:
                log(f"waiting for the EZKL setups of {m}")
                background.pop(m).join()
                save(res)
            for t in TARGETS:
                e = r["ezkl"][t]
                if e.get("setup") is None:
                    continue
                log(f"round {rnd + 1}/{a.rounds} {m}: ezkl ({t}) prove")
                st, out = capped(f"ezkl-prove-{m}-{t}-r{rnd}",
                                 [PY, HERE / "ezkl_side.py", "prove", "--dir", EZKL_DIR / f"{m}-{t}",
                                  "--test-csv", FIX / f"{data}_test.csv", "--row", rnd], a.ezkl_prove_timeout, a.cap_mb)
                e["prove_rounds"].append({"status": st, "result": out})
            save(res)

    # ---- zkgw batches, EZKL accuracy on the test split
    for m in models:
        r = res["models"][m]
        log(f"zkgw batch {m}")
        st, out = capped(f"zkgw-batch-{m}", java_cmd(["batch", "--name", m, "--dir", zk_dir, "--batches", "1,8,64",
                                                      "--reps", a.batch_reps], java_opts), 1800, a.cap_mb)
        r["zkgw"]["batch"], r["zkgw"]["batch_status"] = out, st
        for t in TARGETS:
            e = r["ezkl"][t]
            if e.get("setup") is None:
                continue
            log(f"ezkl accuracy {m} {t}")
            st, out = capped(f"ezkl-accuracy-{m}-{t}",
                             [PY, HERE / "ezkl_side.py", "accuracy", "--dir", EZKL_DIR / f"{m}-{t}",
                              "--test-csv", FIX / f"{r['dataset']}_test.csv", "--max-seconds", a.accuracy_seconds],
                             a.accuracy_seconds + 600, a.cap_mb)
            e["accuracy"], e["accuracy_status"] = out, st
        save(res)
    for th in background.values():
        th.join()
    res["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    res["loadavg_start"], res["loadavg_end"] = load0, os.getloadavg()
    save(res)
    import report
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report.render(res))
    RESULTS.with_suffix(".json").write_text((WORK / "results.json").read_text())
    log(f"wrote {RESULTS.relative_to(REPO)}")


def ezkl_cached(a, m, t, r, e):
    """Fills e from an earlier run's EZKL setup of (m, t) for the same ONNX file; False if there is none."""
    d = EZKL_DIR / f"{m}-{t}"
    marker, failed = d / "setup.json", d / "setup.failed.json"
    if a.fresh:
        return False
    if marker.exists() and (d / "onnx.sha256").exists() and (d / "onnx.sha256").read_text().strip() == r["onnx_sha256"]:
        log(f"ezkl setup {m} {t}: cached from an earlier run ({marker})")
        e["setup"] = json.loads(marker.read_text())
        prev = d / "setup.status.json"
        e["setup_status"] = json.loads(prev.read_text()) if prev.exists() else None
        e["setup_cached"] = True
        e["setup_date"] = datetime.datetime.fromtimestamp(marker.stat().st_mtime).isoformat(timespec="minutes")
        return True
    if failed.exists() and json.loads(failed.read_text()).get("onnx_sha256") == r["onnx_sha256"]:
        f = json.loads(failed.read_text())
        log(f"ezkl setup {m} {t}: failed in an earlier run ({f['date']}), not retried (--fresh retries)")
        e["setup"], e["setup_status"], e["setup_cached"], e["setup_date"] = None, f["status"], True, f["date"]
        return True
    return False


def ezkl_setup(a, m, t, r, timeout):
    onnx, data = MODELS[m]
    e = r["ezkl"][t]
    d = EZKL_DIR / f"{m}-{t}"
    failed = d / "setup.failed.json"
    log(f"ezkl setup {m} {t} (limit {timeout:.0f} s, {a.cap_mb} MiB)")
    d.mkdir(parents=True, exist_ok=True)
    st, out = capped(f"ezkl-setup-{m}-{t}", [PY, HERE / "ezkl_side.py", "setup", "--onnx", onnx,
                                             "--calib-csv", FIX / f"{data}_calib.csv", "--target", t,
                                             "--dir", d, "--srs-dir", EZKL_DIR / "srs"], timeout, a.cap_mb)
    with LOCK:
        e.update(setup_status=st, setup=out, setup_cached=False,
                 setup_date=datetime.datetime.now().isoformat(timespec="minutes"))
    if out is not None:
        (d / "onnx.sha256").write_text(r["onnx_sha256"] + "\n")
        (d / "setup.status.json").write_text(json.dumps(st))
        failed.unlink(missing_ok=True)
    else:
        log(f"  EZKL setup {m} {t} did not finish: {st}")
        failed.write_text(json.dumps({"onnx_sha256": r["onnx_sha256"], "status": st, "limit_s": timeout,
                                      "date": e["setup_date"]}))


def machine():
    def cmd(c):
        try:
            return subprocess.run(c, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
        except Exception:  # noqa: BLE001 - informational only
            return ""
    import ezkl
    return {"nproc": os.cpu_count(), "mem_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "cpu": cmd("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"), "kernel": platform.release(),
            "java": cmd(f"{os.environ.get('JAVA', 'java')} -version 2>&1 | head -1"), "ezkl": ezkl.__version__,
            "python": platform.python_version()}


def save(res):
    with LOCK:
        text = json.dumps(res, indent=1)
    (WORK / "results.json").write_text(text)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
