"""Evaluates the calculator's example inputs (src/calculator/examples.json) with PyTorch.

Writes test/fixtures/calculator/examples.json: for every loss, the value with default
parameters and the gradient of each differentiable argument, so the calculator's first screen
is checked against PyTorch. Run: python3 scripts/gen_calculator_fixtures.py
"""
import json
import math
import pathlib
import re
import warnings

import torch

ROOT = pathlib.Path(__file__).resolve().parent.parent


def encode(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def dump(t):
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": [encode(float(v)) for v in t.reshape(-1).tolist()]}


def main():
    warnings.simplefilter("ignore")
    examples = json.loads((ROOT / "src/calculator/examples.json").read_text())
    out = {}
    for module, args in examples.items():
        wanted = {name for name, text in args.items() if eval(text, {"torch": torch}).is_floating_point()}
        while True:
            tensors = {name: eval(text, {"torch": torch}) for name, text in args.items()}
            for name in wanted:
                tensors[name].requires_grad_(True)
            try:
                loss = getattr(torch.nn, module)()(*tensors.values())
                break
            except RuntimeError as e:
                # PyTorch refuses requires_grad on some targets; those have no gradient.
                bad = re.search(r"with respect to argument '(\w+)'", str(e))
                if not bad:
                    raise
                wanted.discard(bad.group(1))
        loss.sum().backward()
        out[module] = {
            "output": dump(loss.detach()),
            "grad": {n: dump(t.grad) for n, t in tensors.items() if t.grad is not None},
        }
    path = ROOT / "test/fixtures/calculator/examples.json"
    path.write_text(json.dumps({"torch_version": torch.__version__, "losses": out}, indent=1) + "\n")
    print(f"wrote {len(out)} losses to {path}")


if __name__ == "__main__":
    main()
