"""The PyTorch side of `npm run bench:peer`: a long-lived process that peer.ts drives with JSON
lines on stdin, one reply line each on stdout, so that project and peer steps interleave.

  started:                      -> {"type": "hello", "ok": true, "torch": ..., "threads": ...}
                                   or {"type": "hello", "ok": false, "error": ...} (torch not importable)
  {"cmd": "build", "workload": id, "inner": k, "spec": {...}}  -> {"ok": true, "params": n, "shapes": [[...], ...]}
  {"cmd": "step", "n": m}       -> {"ok": true, "cpuMs": [m values], "wallMs": [m values]}
                                   (each value: one timed sample of k steps, divided by k)
  {"cmd": "check", "state": {...}, "inputs": {...}, "grads": bool}
                                -> {"ok": true, "value": x, "output": tensor, "gradNorms": [...]}
                                   (--check: the project's weights loaded, one deterministic case)
  {"cmd": "dispose"} / {"cmd": "quit"}
Errors: {"ok": false, "error": "..."}. CPU time is time.process_time() (user + system, this
process); wall time time.perf_counter(). Run with /usr/bin/python3 (Debian's python3-torch);
PyTorch is a benchmark peer only, never a dependency of the platform.
"""
import argparse
import gc
import json
import os
import platform
import re
import sys
import time
import traceback


def send(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def blas_info(torch) -> dict:
    """Which BLAS the peer's matmuls (nn.Linear) run on, and how fast: Debian's python3-torch is built
    with BLAS_INFO=generic and uses whatever libblas.so.3 the system selects (netlib's reference
    BLAS unless OpenBLAS or BLIS is installed); its convolutions run on oneDNN instead."""
    cfg = torch.__config__.show()
    match = re.search(r"BLAS_INFO=([\w-]+)", cfg)
    try:
        with open("/proc/self/maps") as maps:
            libs = sorted({os.path.realpath(line.split()[-1]) for line in maps if re.search(r"blas|mkl_rt|dnnl", line) and ".so" in line})
    except OSError:
        libs = []
    a, b = torch.randn(512, 512), torch.randn(512, 512)
    a @ b
    c0 = time.process_time()
    for _ in range(3):
        a @ b
    seconds = max(time.process_time() - c0, 1e-9)
    return {"blas": match.group(1) if match else "unknown", "blasLibraries": libs, "matmulGflops": 3 * 2 * 512**3 / seconds / 1e9}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(args.threads)  # before torch loads its BLAS / OpenMP
    try:
        import torch
    except Exception as e:  # noqa: BLE001 - any import failure means "no peer"
        send({"type": "hello", "ok": False, "error": f"{type(e).__name__}: {e}"})
        return 0
    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    torch.manual_seed(1)
    import torch_check
    import torch_workloads

    send(
        {
            "type": "hello",
            **blas_info(torch),
            "ok": True,
            "torch": torch.__version__,
            "python": platform.python_version(),
            "threads": torch.get_num_threads(),
            "interopThreads": torch.get_num_interop_threads(),
            "mkldnn": bool(torch.backends.mkldnn.is_available()),
            "parallelInfo": torch.__config__.parallel_info().splitlines()[:6],
        }
    )
    workload = None
    inner = 1
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
            cmd = msg.get("cmd")
            if cmd == "build":
                workload = None
                gc.collect()
                inner = max(1, int(msg.get("inner", 1)))
                workload = torch_workloads.build(msg["spec"])
                send({"ok": True, "params": int(workload.params), "shapes": workload.shapes})
            elif cmd == "step":
                if workload is None:
                    raise RuntimeError("step before build")
                cpu, wall = [], []
                for _ in range(int(msg.get("n", 1))):
                    c0, w0 = time.process_time(), time.perf_counter()
                    for _ in range(inner):
                        workload.step()
                    cpu.append((time.process_time() - c0) * 1000 / inner)
                    wall.append((time.perf_counter() - w0) * 1000 / inner)
                send({"ok": True, "cpuMs": cpu, "wallMs": wall})
            elif cmd == "check":
                if workload is None:
                    raise RuntimeError("check before build")
                loss, output = workload.check(msg["state"], msg["inputs"])
                reply = {"ok": True, "value": float(loss), "output": output}
                if msg.get("grads") and loss.requires_grad:
                    # Per-tensor gradient norms in the project's parameter order (layout-free).
                    workload.module.zero_grad(set_to_none=True)
                    loss.backward()
                    reply["gradNorms"] = [0.0 if p.grad is None else float(p.grad.norm()) for _, p in torch_check.ordered_parameters(workload.module)]
                    workload.module.zero_grad(set_to_none=True)
                send(reply)
            elif cmd == "dispose":
                workload = None
                gc.collect()
                send({"ok": True})
            elif cmd == "quit":
                send({"ok": True})
                return 0
            else:
                raise ValueError(f"unknown command {cmd!r}")
        except Exception as e:  # noqa: BLE001 - reported to peer.ts, which carries on
            traceback.print_exc(file=sys.stderr)
            send({"ok": False, "error": f"{type(e).__name__}: {e}".splitlines()[0][:300]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
