#!/usr/bin/python3
"""PyTorch CPU reference for bench/train-throughput.ts: the same MobileNetV2 as
src/lib/ml/models (Keras layout and width rounding, batch norm eps 1e-3 and momentum 0.99,
no-bias convs, dropout 0.2, a 2-class dense head), the same input shape and batch, Adam at
1e-3 on random data, warm-up then timed steps fitted to a time budget as bench/tools/train-run.ts
does. Prints one JSON line on stdout.

    /usr/bin/python3 bench/tools/train-pytorch.py --size 64 --channels 1 --width 0.35 --batch 16

Needs Debian's python3-torch (apt-get install python3-torch).
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn

# expansion t, output channels c, repeats n, first stride s (the paper's table 2)
STAGES = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


def make_divisible(value, divisor=8):
    """Keras's rule, as makeDivisible in src/lib/ml/models/layers.ts."""
    rounded = max(divisor, int((value + divisor / 2) // divisor) * divisor)
    return rounded + divisor if rounded < 0.9 * value else rounded


def conv_bn(cin, cout, kernel, stride=1, groups=1, act=True):
    # Keras momentum 0.99 is PyTorch momentum 0.01 (the weight of the new batch statistic).
    layers = [
        nn.Conv2d(cin, cout, kernel, stride=stride, padding=kernel // 2, groups=groups, bias=False),
        nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01),
    ]
    if act:
        layers.append(nn.ReLU6(inplace=True))
    return nn.Sequential(*layers)


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, expansion, stride):
        super().__init__()
        hidden = cin * expansion
        layers = [] if expansion == 1 else [conv_bn(cin, hidden, 1)]
        layers += [conv_bn(hidden, hidden, 3, stride=stride, groups=hidden), conv_bn(hidden, cout, 1, act=False)]
        self.body = nn.Sequential(*layers)
        self.residual = cin == cout and stride == 1

    def forward(self, x):
        y = self.body(x)
        return x + y if self.residual else y


class MobileNetV2(nn.Module):
    def __init__(self, channels, alpha, classes=2, last_conv=1280, dropout=0.2):
        super().__init__()
        cin = make_divisible(32 * alpha)
        layers = [conv_bn(channels, cin, 3, stride=2)]
        for expansion, c, repeats, first_stride in STAGES:
            cout = make_divisible(c * alpha)
            for i in range(repeats):
                layers.append(InvertedResidual(cin, cout, expansion, first_stride if i == 0 else 1))
                cin = cout
        layers.append(conv_bn(cin, last_conv, 1))
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(last_conv, classes))

    def forward(self, x):
        return self.head(self.features(x).mean(dim=(2, 3)))


def keras_param_count(model):
    """tfjs countParams counts batch norm's moving mean and variance too."""
    buffers = sum(b.numel() for name, b in model.named_buffers() if name.endswith(("running_mean", "running_var")))
    return sum(p.numel() for p in model.parameters()) + buffers


def steps_for_budget(step_ms, budget_s, args):
    fit = int(budget_s * 1000 // max(step_ms, 1))
    return min(args.max_steps, max(args.min_steps, fit))


def timed_phase(step, budget_s, args):
    warm = []
    for i in range(args.warmup):
        if i > 0 and sum(warm) > budget_s * 1000 / 2:
            break
        started = time.perf_counter()
        step(i)
        warm.append((time.perf_counter() - started) * 1000)
    steps = steps_for_budget(warm[-1], budget_s, args)
    timed = []
    for i in range(steps):
        started = time.perf_counter()
        step(i)
        timed.append((time.perf_counter() - started) * 1000)
    return {
        "ok": True, "warmupSteps": len(warm), "steps": steps,
        "samplesPerSecond": steps * args.batch / (sum(timed) / 1000),
        "medianStepMs": statistics.median_low(timed), "firstStepMs": warm[0],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--channels", type=int, default=1)
    parser.add_argument("--width", type=float, default=0.35)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--train-budget", type=float, default=20)
    parser.add_argument("--infer-budget", type=float, default=8)
    parser.add_argument("--min-steps", type=int, default=1)
    parser.add_argument("--max-steps", type=int, default=40)
    args = parser.parse_args()

    torch.manual_seed(1)
    model = MobileNetV2(args.channels, args.width)
    # Channels-first is PyTorch's layout; the tfjs model takes the same data channels-last.
    xs = [torch.rand(args.batch, args.channels, args.size, args.size) * 2 - 1 for _ in range(4)]
    ys = [torch.randint(0, 2, (args.batch,)) for _ in range(4)]

    model.eval()

    def infer_step(i):
        with torch.no_grad():
            model(xs[i % 4])

    infer = timed_phase(infer_step, args.infer_budget, args)

    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def train_step(i):
        optimizer.zero_grad()
        loss = loss_fn(model(xs[i % 4]), ys[i % 4])
        loss.backward()
        optimizer.step()
        loss.item()

    train = timed_phase(train_step, args.train_budget, args)
    print(json.dumps({
        "torch": torch.__version__, "threads": torch.get_num_threads(), "params": keras_param_count(model),
        "inputShape": [args.batch, args.size, args.size, args.channels], "infer": infer, "train": train,
    }))


if __name__ == "__main__":
    main()
