"""The anchor for `mlops bench inference`: the PyTorch-eager BERT of ../shared/anchors/torch_bert.py, timed call by call.

torch_bert.py reports a mean inference time; the inference benchmark needs the latency distribution of single
calls (p50, p99 over >= 1,000 calls) and batch throughput, so this script imports that file's model unchanged
and times it the way `mlops bench inference-run` times ours: random token ids, every token real, eval mode,
torch.inference_mode, warm-up calls first.

usage: /usr/bin/python3 bench/torch_inference.py ANCHOR --shape tiny|minilm [--seq 32] [--batch 32] [--calls 1000] [--threads 2]
prints one JSON line.
"""
import argparse
import importlib.util
import json
import time

import torch


def load_anchor(path):
    spec = importlib.util.spec_from_file_location("torch_bert", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    p = argparse.ArgumentParser()
    p.add_argument("anchor")
    p.add_argument("--shape", default="tiny")
    p.add_argument("--seq", type=int, default=32)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--calls", type=int, default=1000)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    anchor = load_anchor(a.anchor)
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = anchor.Bert(*anchor.SHAPES[a.shape]).eval()
    ids = torch.randint(1000, anchor.VOCAB, (a.batch, a.seq))
    mask = torch.ones_like(ids)
    one_ids, one_mask = ids[:1].clone(), mask[:1].clone()
    with torch.inference_mode():
        for _ in range(20):
            model(one_ids, one_mask)
        latencies = []
        for _ in range(a.calls):
            start = time.perf_counter()
            model(one_ids, one_mask)
            latencies.append((time.perf_counter() - start) * 1000)
        latencies.sort()
        for _ in range(3):
            model(ids, mask)
        batches = max(20, a.calls // 20)
        start = time.perf_counter()
        for _ in range(batches):
            model(ids, mask)
        batch_seconds = time.perf_counter() - start
    print(json.dumps({
        "engine": f"pytorch-eager {torch.__version__}", "shape": a.shape, "seq": a.seq, "threads": a.threads,
        "calls": a.calls, "p50_ms": round(latencies[len(latencies) // 2], 3),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 3),
        "mean_ms": round(sum(latencies) / len(latencies), 3),
        "batch": a.batch, "sentences_per_s": round(a.batch * batches / batch_seconds, 1),
    }))


if __name__ == "__main__":
    main()
