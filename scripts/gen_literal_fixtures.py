"""Evaluates tensor literals with real PyTorch/NumPy -> test/fixtures/calculator/literals.json.

The calculator's literal parser must agree with Python on shape, dtype and values.
Run: python3 scripts/gen_literal_fixtures.py
"""
import json
import math
import pathlib

import numpy as np
import torch

LITERALS = [
    "torch.tensor([[2.0, -1.0], [0.5, 0.1]])",
    "torch.tensor([[2.0, -1.0]])",
    "torch.tensor([1, 0, 2])",
    "torch.tensor([1, 2], dtype=torch.long)",
    "torch.tensor([1, 2], dtype=torch.float64)",
    "torch.tensor([0.1, 0.2], dtype=torch.double)",
    "torch.tensor([1.5, -2.5], dtype=torch.int64)",
    "torch.tensor(3.0)",
    "torch.tensor(7)",
    "torch.tensor([[1, 2], [3, 4]], dtype=float)",
    "torch.tensor([float('nan'), float('inf'), -float('inf')])",
    "torch.tensor([math.nan, math.inf, -math.inf, math.pi])",
    "torch.tensor([1e-3, 2E5, .5, 3., 1_000.0])",
    "torch.tensor([[[1.0], [2.0]], [[3.0], [4.0]]])",
    "torch.tensor(((1.0, 2.0), (3.0, 4.0)))",
    "torch.tensor([(1, 2), (3, 4)])",
    "torch.tensor([], dtype=torch.float32)",
    "torch.tensor([[], []])",
    "torch.tensor([1.0, 2.0], requires_grad=True)",
    "torch.tensor([0.2, 0.8]).double()",
    "torch.tensor([0.2, 0.8]).long()",
    "torch.tensor([1, 2]).float()",
    "torch.tensor([1, 2]).to(torch.float64)",
    "torch.tensor([[1, 2, 3]]).T",
    "torch.tensor([1.0, 2.0]).unsqueeze(0)",
    "torch.tensor([[1.0, 2.0]]).squeeze()",
    "torch.tensor([[1.0, 2.0]]).squeeze(0)",
    "torch.tensor([[1.0, 2.0], [3.0, 4.0]]).t()",
    "torch.tensor([[1.0, 2.0], [3.0, 4.0]]).flatten()",
    "torch.Tensor([1, 2])",
    "torch.FloatTensor([1, 2])",
    "torch.DoubleTensor([1, 2])",
    "torch.LongTensor([1, 2])",
    "torch.IntTensor([1, 2])",
    "torch.as_tensor([1.0, 2.0])",
    "torch.ones(3)",
    "torch.ones(2, 3)",
    "torch.ones((2, 3))",
    "torch.ones([2, 3], dtype=torch.float64)",
    "torch.zeros(4, dtype=torch.long)",
    "torch.zeros(size=(2, 2))",
    "torch.full((2, 3), 0.5)",
    "torch.full((2,), 3)",
    "torch.full((2, 2), -1, dtype=torch.float32)",
    "torch.arange(5)",
    "torch.arange(1, 4)",
    "torch.arange(0, 1, 0.25)",
    "torch.arange(6).reshape(2, 3)",
    "torch.arange(6).view(3, -1).float()",
    "torch.arange(4, dtype=torch.float64)",
    "torch.linspace(0, 1, 5)",
    "torch.linspace(-2, 2, steps=3)",
    "torch.eye(3)",
    "torch.eye(2, 3)",
    "torch.zeros_like(torch.tensor([1.0, 2.0]))",
    "torch.ones_like(torch.tensor([[1, 2]]))",
    "torch.full_like(torch.tensor([1.0, 2.0]), 0.25)",
    "np.array([1.5, 2.0])",
    "np.array([1, 2, 3])",
    "np.array([[1, 2]], dtype=np.float32)",
    "np.array([1, 2], np.float64)",
    "numpy.array([0.5])",
    "np.asarray([[1.0, 0.0]])",
    "np.array([1, 2]).astype(np.float32)",
    "np.zeros(3)",
    "np.ones((2, 2))",
    "np.full((2,), 0.5)",
    "np.arange(3)",
    "np.arange(0.0, 1.0, 0.5)",
    "np.linspace(0, 1, 3)",
    "np.eye(2)",
    "np.array([np.nan, np.inf])",
    "torch.tensor([torch.nan, torch.inf])",
    "torch.tensor([[2.0, -1.0],  # first row\n               [0.5, 0.1]])",
    "torch.tensor([1.0, 2.0,])",
    "torch.tensor([-1, +2, - 3])",
    "torch.tensor([int(2.7), float(3)])",
    "torch.tensor(float('-inf'))",
    "F.log_softmax(torch.tensor([[1.0, 2.0, 0.5]]), dim=1)",
    "torch.softmax(torch.tensor([[1.0, 2.0], [0.0, -1.0]]), dim=0)",
    "torch.nn.functional.softmax(torch.tensor([[1.0, 2.0, 3.0]], dtype=torch.float64), dim=-1)",
    "torch.tensor([[0.5, -1.0], [2.0, 0.0]]).log_softmax(1)",
    "torch.sigmoid(torch.tensor([-2.0, 0.0, 3.0]))",
    "torch.sigmoid(torch.tensor([0, 1]))",
    "torch.tensor([0.5, 2.0]).log()",
    "torch.tensor([0.5, -2.0]).exp()",
    "torch.tanh(torch.tensor([0.5, -2.0]))",
    "F.relu(torch.tensor([0.5, -2.0]))",
    "F.one_hot(torch.tensor([0, 2, 1]), num_classes=3)",
    "F.one_hot(torch.tensor([[1], [3]]))",
]

# Written without a torch./np. prefix in the calculator but meaning torch.tensor(...): the bare list.
BARE = [
    ("[[2.0, -1.0], [0.5, 0.1]]", "torch.tensor([[2.0, -1.0], [0.5, 0.1]])"),
    ("[1, 0, 2]", "torch.tensor([1, 0, 2])"),
    ("[[1.0, 2], [3, 4]]", "torch.tensor([[1.0, 2], [3, 4]])"),
    ("tensor([0.3, 0.7])", "torch.tensor([0.3, 0.7])"),
    ("array([1, 2])", "np.array([1, 2])"),
    ('{"shape": [2, 2], "dtype": "float64", "data": [1, 2, 3, "nan"]}',
     "torch.tensor([1, 2, 3, float('nan')], dtype=torch.float64).reshape(2, 2)"),
    ('{"shape": [3], "dtype": "int64", "data": [0, 2, 1]}', "torch.tensor([0, 2, 1])"),
    ('{"data": [[0.5, 1.5]]}', "torch.tensor([[0.5, 1.5]])"),
]


def encode(x):
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
    return x


def to_case(text, value):
    t = torch.as_tensor(value)
    data = t.reshape(-1).tolist()
    return {"text": text, "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": [encode(v) for v in data]}


def main():
    env = {"torch": torch, "np": np, "numpy": np, "math": math, "F": torch.nn.functional}
    cases = [to_case(text, eval(text, env)) for text in LITERALS]
    cases += [to_case(text, eval(python, env)) for text, python in BARE]
    out = pathlib.Path(__file__).resolve().parent.parent / "test/fixtures/calculator/literals.json"
    out.write_text(json.dumps({"torch_version": torch.__version__, "numpy_version": np.__version__, "cases": cases}, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
