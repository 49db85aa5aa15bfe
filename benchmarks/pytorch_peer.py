"""The original model's training step in PyTorch: the peer a learner would pick instead of TorchSharp.

Same shapes and phases as the C# workload FlattenDenseStep (embedding 20,000 x 300, length 1,100 pre-padded with
141 real tokens per row, flatten, dense 25 with relu, dropout 0.3, dense 20, softmax cross-entropy, Adam), timed the
same way: warm-up steps, then steps until min_seconds have passed (at least min_runs). Prints one JSON object.

usage: python3 pytorch_peer.py THREADS MIN_SECONDS MIN_RUNS WARMUP_RUNS [padding_idx]
"""
import json
import random
import sys
import time

import torch
from torch import nn

threads, min_seconds, min_runs, warmup = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
padding_idx = 0 if len(sys.argv) > 5 and sys.argv[5] == "padding_idx" else None
torch.set_num_threads(threads)
torch.manual_seed(1)
rng = random.Random(1)

vocabulary, length, dim, batch, real, classes, hidden = 20_000, 1_100, 300, 32, 141, 20, 25
model = nn.Sequential(
    nn.Embedding(vocabulary, dim, padding_idx=padding_idx), nn.Flatten(1),
    nn.Linear(length * dim, hidden), nn.ReLU(), nn.Dropout(0.3), nn.Linear(hidden, classes))
model.train()
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
ids = torch.zeros(batch, length, dtype=torch.long)
for b in range(batch):
    for t in range(length - real, length):
        ids[b, t] = rng.randrange(1, vocabulary)
targets = torch.tensor([rng.randrange(classes) for _ in range(batch)])


def step():
    # Gradients dropped, as the course's optimizer does; counted in the backward phase, as the course's benchmark counts it.
    start = time.perf_counter()
    optimizer.zero_grad(set_to_none=True)
    cleared = time.perf_counter()
    loss = nn.functional.cross_entropy(model(ids), targets)
    forward = time.perf_counter()
    loss.backward()
    backward = time.perf_counter()
    optimizer.step()
    end = time.perf_counter()
    return forward - cleared, backward - forward + cleared - start, end - backward


for _ in range(warmup):
    step()
runs = []
began = time.perf_counter()
while len(runs) < min_runs or time.perf_counter() - began < min_seconds:
    runs.append(step())
print(json.dumps({
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "forward": [r[0] for r in runs],
    "backward": [r[1] for r in runs],
    "step": [r[2] for r in runs],
}))
