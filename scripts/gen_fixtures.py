#!/usr/bin/env python3
"""Generates test/fixtures/engine/generated.json: loss cases computed by real PyTorch.

    pip install torch        # CPU build is enough
    python3 scripts/gen_fixtures.py [--out PATH]
    ATEN_CPU_CAPABILITY=avx2 python3 scripts/gen_fixtures.py   # same kernels as the committed file (see cpu_capability)

The schema is the one of the shared reference fixtures (see README, "The loss engine"):
every case holds the module, its constructor params, the forward args, and either torch's
output and d(output.sum())/d(arg) for every argument torch differentiates, or the Python
error type and a short, stable substring of torch's message. The cases here complement the
shared set: they walk each loss's parameter space systematically (every reduction, the
legacy flags, K-dim, unbatched, 0-d, empty, weights, ignore_index, broadcasting, kinks,
extreme values, float32 twins) and add error cases. Inputs are rounded to 4 decimals so the
file stays small; every eighth valid case, and the first of each id family, also gets a float32 twin.
"""
import argparse
import itertools
import re
import json
import math
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20261129
F64 = torch.float64
F32 = torch.float32
INF = float("inf")
NAN = float("nan")

# Forward arguments torch differentiates (others are left out of `grad`); see the schema notes.
DIFF = {
    "L1Loss": ["input", "target"],
    "MSELoss": ["input", "target"],
    "HuberLoss": ["input", "target"],
    "SmoothL1Loss": ["input", "target"],
    "CrossEntropyLoss": ["input", "target"],
    "NLLLoss": ["input"],
    "PoissonNLLLoss": ["log_input", "target"],
    "GaussianNLLLoss": ["input", "target", "var"],
    "KLDivLoss": ["input", "target"],
    "BCELoss": ["input", "target"],
    "BCEWithLogitsLoss": ["input", "target"],
    "MarginRankingLoss": ["input1", "input2", "target"],
    "HingeEmbeddingLoss": ["input"],
    "MultiLabelMarginLoss": ["input"],
    "SoftMarginLoss": ["input"],
    "MultiLabelSoftMarginLoss": ["input", "target"],
    "CosineEmbeddingLoss": ["input1", "input2"],
    "MultiMarginLoss": ["input"],
    "TripletMarginLoss": ["anchor", "positive", "negative"],
    "TripletMarginWithDistanceLoss": ["anchor", "positive", "negative"],
    "CTCLoss": ["log_probs"],
}

FUNCTIONAL = {
    "L1Loss": "l1_loss", "MSELoss": "mse_loss", "HuberLoss": "huber_loss", "SmoothL1Loss": "smooth_l1_loss",
    "CrossEntropyLoss": "cross_entropy", "NLLLoss": "nll_loss", "PoissonNLLLoss": "poisson_nll_loss",
    "GaussianNLLLoss": "gaussian_nll_loss", "KLDivLoss": "kl_div", "BCELoss": "binary_cross_entropy",
    "BCEWithLogitsLoss": "binary_cross_entropy_with_logits", "MarginRankingLoss": "margin_ranking_loss",
    "HingeEmbeddingLoss": "hinge_embedding_loss", "MultiLabelMarginLoss": "multilabel_margin_loss",
    "SoftMarginLoss": "soft_margin_loss", "MultiLabelSoftMarginLoss": "multilabel_soft_margin_loss",
    "CosineEmbeddingLoss": "cosine_embedding_loss", "MultiMarginLoss": "multi_margin_loss",
    "TripletMarginLoss": "triplet_margin_loss", "TripletMarginWithDistanceLoss": "triplet_margin_with_distance_loss",
    "CTCLoss": "ctc_loss",
}

RED = ["none", "mean", "sum"]
LEGACY = [
    {"size_average": False},
    {"reduce": False},
    {"size_average": False, "reduce": False},
    {"size_average": True, "reduce": True, "reduction": "none"},
    {"size_average": None, "reduce": True, "reduction": "sum"},
    {"size_average": False, "reduce": None, "reduction": "none"},
]

gen = torch.Generator().manual_seed(SEED)
cases = []
seen_ids = set()
twin_counter = [0]
twin_families = set()


# ---------- random inputs (rounded so the JSON stays short) ----------

def rnd(x):
    return torch.round(x * 1e4) / 1e4


def randn(*shape, scale=1.0):
    return rnd(torch.randn(tuple(shape), generator=gen, dtype=F64) * scale)


def rand(*shape, lo=0.0, hi=1.0):
    return rnd(lo + (hi - lo) * torch.rand(tuple(shape), generator=gen, dtype=F64))


def randint(lo, hi, shape):
    return torch.randint(lo, hi, shape, generator=gen, dtype=torch.int64)


def signs(*shape):
    return torch.where(torch.rand(tuple(shape), generator=gen) < 0.5, -1.0, 1.0).to(F64)


def probs(*shape, dim=-1):
    return rnd(torch.softmax(torch.randn(tuple(shape), generator=gen, dtype=F64) * 1.5, dim=dim))


def logprobs(*shape, dim=-1):
    return torch.log_softmax(randn(*shape), dim=dim)


def T(data, dtype=F64):
    return torch.tensor(data, dtype=dtype)


def I(data, dtype=torch.int64):
    return torch.tensor(data, dtype=dtype)


# ---------- JSON encoding ----------

def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def dtype_name(dt):
    return {F64: "float64", F32: "float32", torch.int64: "int64", torch.int32: "int32"}[dt]


def tjson(t):
    t = t.detach()
    flat = t.reshape(-1).tolist()
    if t.is_floating_point():
        flat = [num(v) for v in flat]
    return {"shape": list(t.shape), "dtype": dtype_name(t.dtype), "data": flat}


def pjson(v):
    if isinstance(v, torch.Tensor):
        return tjson(v)
    if isinstance(v, float):
        return num(v)
    if isinstance(v, dict):
        return {k: pjson(x) for k, x in v.items()}
    return v


# ---------- running torch ----------

def distance_fn(spec):
    if spec is None:
        return None
    if spec["name"] == "pairwise_distance":
        return nn.PairwiseDistance(p=spec.get("p", 2.0), eps=spec.get("eps", 1e-6), keepdim=spec.get("keepdim", False))
    eps = spec.get("eps", 1e-8)
    return lambda x1, x2: 1.0 - F.cosine_similarity(x1, x2, dim=-1, eps=eps)


def torch_params(params):
    out = {}
    for k, v in params.items():
        if k == "distance_function":
            out[k] = distance_fn(v)
        elif isinstance(v, torch.Tensor):
            out[k] = v.clone()
        else:
            out[k] = v
    return out


def has_nonfinite(args):
    for v in args.values():
        if isinstance(v, torch.Tensor) and v.is_floating_point() and not torch.isfinite(v).all():
            return True
    return False


def to_f32(v):
    if isinstance(v, torch.Tensor) and v.dtype == F64:
        return v.to(F32)
    if isinstance(v, dict):
        return {k: to_f32(x) for k, x in v.items()}
    return v


def case_dtype(args, params):
    for v in list(args.values()) + list(params.values()):
        if isinstance(v, torch.Tensor) and v.is_floating_point():
            return dtype_name(v.dtype)
    return "float64"


def add(cid, module, params, args, match=None, etype=None, tags=(), note=None, twin=True):
    """Runs one case in torch and records it; `match`/`etype` mark an expected error."""
    cid = f"{module}/{cid}"
    assert cid not in seen_ids, f"duplicate id {cid}"
    seen_ids.add(cid)
    tags = list(tags)
    dtype = case_dtype(args, params)
    if dtype == "float32" and "float32" not in tags:
        tags.append("float32")
    if any(k in params for k in ("size_average", "reduce")):
        tags.append("legacy")
    if any(isinstance(v, torch.Tensor) and v.numel() == 0 for v in args.values()):
        tags.append("empty")
    if has_nonfinite(args):
        tags.append("nonfinite")
    record = {
        "id": cid,
        "module": module,
        "functional": FUNCTIONAL[module],
        "dtype": dtype,
        "params": {k: pjson(v) for k, v in params.items()},
        "args": {k: pjson(v) for k, v in args.items()},
        "output": None,
        "grad": None,
        "error": None,
    }
    leaves = {}
    call = {}
    for k, v in args.items():
        if isinstance(v, torch.Tensor):
            v = v.clone()
            if k in DIFF[module] and v.is_floating_point():
                v.requires_grad_(True)
                leaves[k] = v
        call[k] = v
    caught = []
    try:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            m = getattr(nn, module)(**torch_params(params))
            out = m(**call)
            grads = {}
            if out.requires_grad:
                out.sum().backward()
                grads = {k: v.grad for k, v in leaves.items() if v.grad is not None}
            caught = [str(x.message).splitlines()[0] for x in w]
    except Exception as e:  # noqa: BLE001 - we record torch's error
        if match is None:
            raise RuntimeError(f"{cid}: torch raised unexpectedly: {type(e).__name__}: {e}") from e
        msg = str(e)
        if match.lower() not in msg.lower():
            raise RuntimeError(f"{cid}: match {match!r} not in torch's message {msg!r}") from e
        if etype is not None and type(e).__name__ != etype:
            raise RuntimeError(f"{cid}: expected {etype}, torch raised {type(e).__name__}: {msg}") from e
        record["error"] = {"type": type(e).__name__, "match": match}
        record["tags"] = sorted(set(tags + ["error"]))
        cases.append(record)
        return
    if match is not None:
        raise RuntimeError(f"{cid}: expected an error matching {match!r}, torch returned {out}")
    record["output"] = tjson(out)
    record["grad"] = {k: tjson(g) for k, g in grads.items()}
    o = out.detach()
    if torch.isnan(o).any():
        tags.append("nan")
    elif any(torch.isnan(g).any() for g in grads.values()):
        tags.append("nan-grad")
    if torch.isinf(o).any():
        tags.append("inf")
    record["tags"] = sorted(set(tags))
    if note:
        record["note"] = note
    if caught:
        record["warnings"] = sorted(set(caught))[:3]
    cases.append(record)
    if twin and dtype == "float64":
        twin_counter[0] += 1
        # Every eighth case, and the first of each id family (module + first id segment), gets a float32 twin.
        family = module + "/" + re.sub(r"[=(\d].*$", "", cid.split("/")[1])
        if twin_counter[0] % 8 == 0 or family not in twin_families:
            twin_families.add(family)
            add(cid.split("/", 1)[1] + "/f32", module, to_f32(params), to_f32(args), tags=[t for t in tags if t in ("quirk", "broadcast", "subgradient", "clamp", "extreme", "prob-target", "all-ignored")], twin=False)


def each_reduction(cid, module, params, args, reductions=RED, **kw):
    for r in reductions:
        add(f"{cid}/{r}", module, {**params, "reduction": r}, args, **kw)


# ---------- pointwise regression losses ----------

def pointwise():
    variants = {
        "L1Loss": [{}],
        "MSELoss": [{}],
        "HuberLoss": [{"delta": 0.3}, {"delta": 2.5}],
        "SmoothL1Loss": [{"beta": 0.3}, {"beta": 2.5}],
    }
    for module, plist in variants.items():
        for p in plist:
            tag = ",".join(f"{k}={v}" for k, v in p.items()) or "plain"
            for shape in [(7,), (2, 3, 2), ()]:
                sname = "x".join(map(str, shape)) or "0d"
                each_reduction(f"{tag}/{sname}", module, p, {"input": randn(*shape, scale=2), "target": randn(*shape)})
        p = plist[0]
        bcast = [
            ("in(2,3)-tg(3)", (2, 3), (3,)),
            ("in(3)-tg(2,3)", (3,), (2, 3)),
            ("in(2,1,3)-tg(4,1)", (2, 1, 3), (4, 1)),
            ("in(1)-tg(2,2)", (1,), (2, 2)),
        ]
        for i, (name, si, st) in enumerate(bcast):
            add(f"bcast/{name}/{RED[i % 3]}", module, {**p, "reduction": RED[i % 3]},
                {"input": randn(*si, scale=2), "target": randn(*st)}, tags=["broadcast"])
        for shape in [(0, 4), (3, 0)]:
            each_reduction(f"empty{shape[0]}x{shape[1]}", module, p, {"input": randn(*shape), "target": randn(*shape)})
        add("large-1e4/mean", module, {**p, "reduction": "mean"},
            {"input": randn(3, 4, scale=1e4), "target": randn(3, 4, scale=1e4)}, tags=["extreme"])
        add("nonfinite/none", module, {**p, "reduction": "none"},
            {"input": T([INF, -INF, NAN, 1.0, INF]), "target": T([0.5, 2.0, 0.0, INF, INF])})
        if module == "HuberLoss":
            add("err/legacy-size_average", module, {"size_average": False}, {"input": randn(2, 4), "target": randn(2, 4)},
                match="unexpected keyword argument 'size_average'", etype="TypeError")
        else:
            for j, lg in enumerate(LEGACY):
                add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), module, {**p, **lg},
                    {"input": randn(2, 4), "target": randn(2, 4)})
        add("elementwise_mean", module, {**p, "reduction": "elementwise_mean"},
            {"input": randn(2, 3), "target": randn(2, 3)}, tags=["quirk"])
        add("err/size-mismatch-3d", module, {**p}, {"input": randn(2, 3, 4), "target": randn(2, 5, 4)},
            match="must match the size", etype="RuntimeError")
        add("err/reduction=batchmean", module, {**p, "reduction": "batchmean"},
            {"input": randn(2, 3), "target": randn(2, 3)}, match="is not a valid value for reduction", etype="ValueError")
        add("err/reduction=avg", module, {**p, "reduction": "avg"},
            {"input": randn(2, 3), "target": randn(2, 3)}, match="is not a valid value for reduction", etype="ValueError")

    # Exactly at the kinks: tie (d = 0) and |d| = delta / beta, with binary-exact values.
    d = T([0.0, 0.5, -0.5, 0.25, -1.0, 1.0])
    base = T([0.125, -0.75, 1.5, 0.0, 2.0, -2.0])
    add("kink/none", "L1Loss", {"reduction": "none"}, {"input": base + d * 0, "target": base}, tags=["subgradient"])
    add("kink/delta=0.5/none", "HuberLoss", {"delta": 0.5, "reduction": "none"}, {"input": base + d, "target": base}, tags=["subgradient"])
    add("kink/delta=0.25/sum", "HuberLoss", {"delta": 0.25, "reduction": "sum"}, {"input": base + d, "target": base}, tags=["subgradient"])
    add("kink/beta=0.5/none", "SmoothL1Loss", {"beta": 0.5, "reduction": "none"}, {"input": base + d, "target": base}, tags=["subgradient"])
    add("kink/beta=1.0/mean", "SmoothL1Loss", {"reduction": "mean"}, {"input": base + d, "target": base}, tags=["subgradient"])
    add("beta=0/mean", "SmoothL1Loss", {"beta": 0.0, "reduction": "mean"}, {"input": randn(3, 3), "target": randn(3, 3)})
    add("beta=1e-3/none", "SmoothL1Loss", {"beta": 1e-3, "reduction": "none"}, {"input": randn(6) * 1e-3, "target": randn(6) * 1e-3})
    add("delta=1e-3/none", "HuberLoss", {"delta": 1e-3, "reduction": "none"}, {"input": randn(6) * 1e-3, "target": randn(6) * 1e-3})
    add("delta=100/sum", "HuberLoss", {"delta": 100.0, "reduction": "sum"}, {"input": randn(5, scale=80), "target": randn(5, scale=80)})
    add("err/delta=-0.5", "HuberLoss", {"delta": -0.5}, {"input": randn(3), "target": randn(3)},
        match="huber_loss does not support non-positive values for delta", etype="RuntimeError")
    add("err/beta=-2", "SmoothL1Loss", {"beta": -2.0}, {"input": randn(3), "target": randn(3)},
        match="smooth_l1_loss does not support negative values for beta", etype="RuntimeError")


# ---------- classification: CrossEntropy / NLL ----------

def with_ignore(target, ign, frac_positions):
    t = target.clone().reshape(-1)
    for pos in frac_positions:
        t[pos % t.numel()] = ign
    return t.reshape(target.shape)


def class_shapes():
    # name, input shape, target shape
    return [
        ("nc", (5, 4), (5,)),
        ("k1", (3, 4, 3), (3, 3)),
        ("k2", (2, 3, 2, 2), (2, 2, 2)),
    ]


def cross_entropy_and_nll():
    for module in ["CrossEntropyLoss", "NLLLoss"]:
        lsv = [0.0, 0.15] if module == "CrossEntropyLoss" else [0.0]
        for (sname, si, st), w, ign, ls in itertools.product(class_shapes(), ["now", "w"], ["dflt", "in", "neg"], lsv):
            C = si[1]
            x = randn(*si, scale=1.5) if module == "CrossEntropyLoss" else logprobs(*si, dim=1)
            y = randint(0, C, st)
            p = {}
            if w == "w":
                p["weight"] = rand(C, lo=0.2, hi=2.0)
            if ign == "dflt":
                y = with_ignore(y, -100, [1])
            elif ign == "in":
                p["ignore_index"] = 2
                y = with_ignore(y, 2, [0, 3])
            else:
                p["ignore_index"] = -3
                y = with_ignore(y, -3, [2])
            if ls:
                p["label_smoothing"] = ls
            each_reduction(f"{sname}/{w}/ign={ign}/ls={ls}", module, p, {"input": x, "target": y})
        # Unbatched: input (C,), target 0-d.
        for w, ls in itertools.product(["now", "w"], lsv):
            x = randn(6) if module == "CrossEntropyLoss" else logprobs(6)
            p = {"weight": rand(6, lo=0.2, hi=2.0)} if w == "w" else {}
            if ls:
                p["label_smoothing"] = ls
            each_reduction(f"unbatched/{w}/ls={ls}", module, p, {"input": x, "target": I(4)})
        add("unbatched/target-is-ignore_index/mean", module, {"ignore_index": 1}, {"input": randn(4), "target": I(1)}, tags=["all-ignored"])
        # K-dim with three spatial dims.
        x = randn(2, 3, 2, 1, 2)
        y = with_ignore(randint(0, 3, (2, 2, 1, 2)), -100, [5])
        each_reduction("k3/w/ign", module, {"weight": rand(3, lo=0.5, hi=1.5)}, {"input": x, "target": y})
        # ignore_index equal to C (out of range but never read) and to a class absent from the batch.
        add("ignore_index=C/mean", module, {"ignore_index": 4}, {"input": randn(4, 4), "target": I([0, 4, 3, 4])})
        add("ignore_index=absent/sum", module, {"ignore_index": 3}, {"input": randn(3, 4), "target": I([0, 1, 2])})
        # All ignored, across reductions and K-dim; all targets with zero weight.
        each_reduction("k1/all-ignored/w", module, {"weight": rand(3, lo=0.5, hi=1.5), "ignore_index": 0},
                       {"input": randn(2, 3, 2), "target": I([[0, 0], [0, 0]])}, tags=["all-ignored"])
        add("zero-weight-targets/mean", module, {"weight": T([0.0, 0.0, 1.0])},
            {"input": randn(3, 3), "target": I([0, 1, 0])})
        add("zero-weight-targets/sum", module, {"weight": T([0.0, 0.0, 1.0])},
            {"input": randn(3, 3), "target": I([0, 1, 0])})
        # Empty batches and empty spatial dims.
        each_reduction("empty-n/w", module, {"weight": rand(4, lo=0.5, hi=1.5)}, {"input": randn(0, 4), "target": I([], torch.int64)})
        each_reduction("empty-spatial", module, {}, {"input": randn(2, 3, 0), "target": randint(0, 3, (2, 0))})
        for j, lg in enumerate(LEGACY[:4]):
            add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), module, {"weight": rand(4, lo=0.5, hi=1.5), **lg},
                {"input": randn(3, 4), "target": I([0, 3, 1])})
        add("elementwise_mean", module, {"reduction": "elementwise_mean"}, {"input": randn(3, 4), "target": I([0, 3, 1])}, tags=["quirk"])
        # Errors.
        add("err/k2/target-class=C", module, {}, {"input": randn(2, 3, 2, 2), "target": I([[[0, 1], [3, 2]], [[0, 0], [1, 1]]])},
            match="out of bounds", etype="IndexError")
        add("err/unbatched/target-out-of-range", module, {}, {"input": randn(4), "target": I(7)}, match="out of bounds", etype="IndexError")
        add("err/target=-1-not-ignored", module, {"ignore_index": 2}, {"input": randn(3, 4), "target": I([0, -1, 2])},
            match="out of bounds", etype="IndexError")
        add("err/k1/weight-size", module, {"weight": rand(5)}, {"input": randn(2, 3, 2), "target": I([[0, 1], [2, 0]])},
            match="weight tensor should be defined either for all", etype="RuntimeError")
        add("err/target-int32", module, {}, {"input": randn(3, 4), "target": I([0, 1, 2], torch.int32)},
            match="expected target dtype to be Long", etype="RuntimeError")
        add("err/k1/spatial-mismatch", module, {}, {"input": randn(2, 3, 4), "target": randint(0, 3, (2, 3))},
            match="size", etype="RuntimeError")
        add("err/batch-mismatch-k2", module, {}, {"input": randn(2, 3, 2, 2), "target": randint(0, 3, (3, 2, 2))},
            match="size", etype="ValueError" if module == "CrossEntropyLoss" else "ValueError")
        add("err/reduction=batchmean", module, {"reduction": "batchmean"}, {"input": randn(3, 4), "target": I([0, 1, 2])},
            match="is not a valid value for reduction", etype="ValueError")


def cross_entropy_extra():
    M = "CrossEntropyLoss"
    # Class-probability targets: shapes x weight x label smoothing x reductions.
    for (sname, si), w, ls in itertools.product(
        [("nc", (4, 5)), ("k1", (2, 3, 4)), ("k2", (2, 3, 2, 2)), ("unbatched", (5,))], ["now", "w"], [0.0, 0.3]
    ):
        C = si[1] if len(si) > 1 else si[0]
        dim = 1 if len(si) > 1 else 0
        p = {}
        if w == "w":
            p["weight"] = rand(C, lo=0.2, hi=2.0)
        if ls:
            p["label_smoothing"] = ls
        each_reduction(f"prob/{sname}/{w}/ls={ls}", M, p, {"input": randn(*si, scale=1.5), "target": probs(*si, dim=dim)}, tags=["prob-target"])
    add("prob/one-hot/w/ls=0.1/mean", M, {"weight": rand(3, lo=0.5, hi=2.0), "label_smoothing": 0.1},
        {"input": randn(4, 3), "target": T([[1.0, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]])}, tags=["prob-target"])
    add("prob/negative-entries/sum", M, {}, {"input": randn(2, 3), "target": T([[1.5, -0.5, 0.0], [0.2, 0.2, 0.2]])}, tags=["prob-target", "quirk"])
    add("prob/ignore_index=-100-explicit/w/sum", M, {"ignore_index": -100, "weight": rand(3, lo=0.5, hi=2.0)},
        {"input": randn(2, 3), "target": probs(2, 3)}, tags=["prob-target"])
    add("prob/empty/w/sum", M, {"weight": rand(3, lo=0.5, hi=2)}, {"input": randn(0, 3), "target": randn(0, 3)}, tags=["prob-target"])
    add("prob/extreme/w/ls=0.2/mean", M, {"weight": rand(4, lo=0.5, hi=2), "label_smoothing": 0.2},
        {"input": T([[1e4, -1e4, 0.0, 5.0], [-1e4, -1e4, 1e4, 1e4]]), "target": probs(2, 4)}, tags=["prob-target", "extreme"])
    add("prob/ignore_index=-1-accepted/mean", M, {"ignore_index": -1}, {"input": randn(2, 3), "target": probs(2, 3)}, tags=["prob-target", "quirk"])
    add("err/prob/ignore_index=2", M, {"ignore_index": 2}, {"input": randn(2, 3), "target": probs(2, 3)},
        match="ignore_index is not supported for floating point target", etype="RuntimeError")
    add("err/prob/k1-shape", M, {}, {"input": randn(2, 3, 4), "target": probs(2, 3, 3, dim=1)},
        match="Expected target size", etype="RuntimeError")
    # Label smoothing combined with weights, ignore_index and K-dim.
    for ls in [1.0, 0.999, -0.2, 0.5]:
        add(f"ls={ls}/w/ign/mean", M, {"label_smoothing": ls, "weight": rand(4, lo=0.2, hi=2), "ignore_index": 1},
            {"input": randn(5, 4), "target": I([0, 1, 2, 3, 1])}, tags=["quirk"] if ls < 0 else [])
    add("ls=0.2/all-ignored/sum", M, {"label_smoothing": 0.2}, {"input": randn(2, 3), "target": I([-100, -100])}, tags=["all-ignored"])
    add("ls=0.2/all-ignored/k1/none", M, {"label_smoothing": 0.2, "ignore_index": 2}, {"input": randn(2, 3, 2), "target": I([[2, 2], [2, 2]])}, tags=["all-ignored"])
    add("ls=0.3/zero-weight-targets/mean", M, {"label_smoothing": 0.3, "weight": T([0.0, 1.0, 0.0])},
        {"input": randn(2, 3), "target": I([0, 2])})
    add("err/ls=1.5", M, {"label_smoothing": 1.5}, {"input": randn(2, 3), "target": I([0, 2])},
        match="label_smoothing must be between 0.0 and 1.0", etype="RuntimeError")
    # Extreme logits, infinities.
    xx = T([[1e4, -1e4, 0.0], [-1e4, 1e4, -1e4], [0.0, 0.0, 1e4], [-1e4, -1e4, -1e4]])
    for ls in [0.0, 0.25]:
        each_reduction(f"extreme/w/ls={ls}", M, {"weight": T([0.5, 1.5, 1.0]), "label_smoothing": ls},
                       {"input": xx, "target": I([1, 1, 0, 2])}, tags=["extreme"])
    add("-inf-logit-not-target/none", M, {"reduction": "none"}, {"input": T([[-INF, 0.5, 1.0], [0.2, -INF, 0.1]]), "target": I([2, 0])})
    add("-inf-logit-at-target/none", M, {"reduction": "none"}, {"input": T([[-INF, 0.5, 1.0]]), "target": I([0])})
    add("-inf-logit/ls=0.1/none", M, {"reduction": "none", "label_smoothing": 0.1}, {"input": T([[-INF, 0.5, 1.0]]), "target": I([2])})
    add("+inf-logit/mean", M, {}, {"input": T([[INF, 0.5, 1.0], [0.1, 0.2, 0.3]]), "target": I([0, 1])})
    add("nan-logit/none", M, {"reduction": "none"}, {"input": T([[NAN, 0.5, 1.0], [0.1, 0.2, 0.3]]), "target": I([0, 1])})
    add("single-class/ls=0.3/mean", M, {"label_smoothing": 0.3}, {"input": randn(3, 1), "target": I([0, 0, 0])})


def nll_extra():
    M = "NLLLoss"
    add("positive-input/sum", M, {"reduction": "sum"}, {"input": rand(3, 4, lo=0, hi=3), "target": I([1, 0, 3])})
    add("extreme/none", M, {"reduction": "none"}, {"input": T([[-1e4, 0.0], [1e4, -INF]]), "target": I([0, 1])}, tags=["extreme"])
    add("w-zero-class/mean", M, {"weight": T([1.0, 0.0, 2.0])}, {"input": logprobs(4, 3), "target": I([0, 1, 2, 1])})
    add("err/input-3d-target-1d", M, {}, {"input": randn(2, 3, 4), "target": I([0, 1])},
        match="Expected target size", etype="RuntimeError")
    add("err/k2/target-negative", M, {}, {"input": logprobs(1, 3, 2, 2, dim=1), "target": I([[[0, -2], [1, 1]]])},
        match="out of bounds", etype="IndexError")


# ---------- BCE family ----------

def bce():
    M = "BCELoss"
    for (sname, shape), w, red in itertools.product(
        [("4x3", (4, 3)), ("6", (6,)), ("2x3x2", (2, 3, 2))], ["now", "w-full", "w-last", "w-scalar"], RED
    ):
        p = {"reduction": red}
        if w == "w-full":
            p["weight"] = rand(*shape, lo=0.1, hi=2)
        elif w == "w-last":
            p["weight"] = rand(shape[-1], lo=0.1, hi=2)
        elif w == "w-scalar":
            p["weight"] = T(0.7)
        soft = red == "sum"
        tgt = rand(*shape) if soft else torch.randint(0, 2, shape, generator=gen).to(F64)
        add(f"{sname}/{w}/{'soft' if soft else 'hard'}/{red}", M, p, {"input": rand(*shape, lo=0.02, hi=0.98), "target": tgt})
    each_reduction("0d", M, {}, {"input": T(0.3), "target": T(1.0)})
    add("w-col(4,1)/mean", M, {"weight": rand(4, 1, lo=0.1, hi=2)}, {"input": rand(4, 3, lo=0.05, hi=0.95), "target": rand(4, 3)}, tags=["broadcast"])
    add("w-(1,3)/none", M, {"weight": rand(1, 3, lo=0.1, hi=2), "reduction": "none"}, {"input": rand(2, 3, lo=0.05, hi=0.95), "target": rand(2, 3)}, tags=["broadcast"])
    # Saturated inputs: exactly 0 or 1, and just inside.
    x = T([0.0, 1.0, 0.0, 1.0, 1e-15, 1 - 1e-15, 1e-300, 0.5])
    t = T([0.0, 1.0, 0.3, 0.7, 1.0, 0.0, 1.0, 0.5])
    each_reduction("saturated/mixed", M, {}, {"input": x, "target": t}, tags=["clamp", "extreme"])
    add("saturated/w/mean", M, {"weight": rand(8, lo=0.5, hi=2)}, {"input": x, "target": t}, tags=["clamp", "extreme"])
    add("target-exact-0-1/none", M, {"reduction": "none"}, {"input": T([0.2, 0.8, 0.5]), "target": T([0.0, 1.0, 1.0])})
    each_reduction("empty", M, {}, {"input": torch.zeros(0, 3, dtype=F64), "target": torch.zeros(0, 3, dtype=F64)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, {"weight": rand(3, lo=0.5, hi=1.5), **lg},
            {"input": rand(2, 3, lo=0.05, hi=0.95), "target": rand(2, 3)})
    add("elementwise_mean", M, {"reduction": "elementwise_mean"}, {"input": rand(2, 3, lo=0.05, hi=0.95), "target": rand(2, 3)}, tags=["quirk"])
    add("err/target>1", M, {}, {"input": rand(3, lo=0.1, hi=0.9), "target": T([0.5, 1.5, 0.0])},
        match="all elements of target should be between 0 and 1", etype="RuntimeError")
    add("err/target<0", M, {}, {"input": rand(3, lo=0.1, hi=0.9), "target": T([0.5, -0.1, 0.0])},
        match="all elements of target should be between 0 and 1", etype="RuntimeError")
    add("err/input-nan", M, {}, {"input": T([0.5, NAN]), "target": T([0.5, 0.5])},
        match="all elements of input should be between 0 and 1", etype="RuntimeError")
    add("err/input>1", M, {}, {"input": T([0.5, 1.0001]), "target": T([0.5, 0.5])},
        match="all elements of input should be between 0 and 1", etype="RuntimeError")
    add("err/target-bcast-not-allowed", M, {}, {"input": rand(2, 3, lo=0.1, hi=0.9), "target": rand(3)},
        match="Using a target size", etype="ValueError")
    add("err/reduction=batchmean", M, {"reduction": "batchmean"}, {"input": rand(3, lo=0.1, hi=0.9), "target": rand(3)},
        match="is not a valid value for reduction", etype="ValueError")


def bce_with_logits():
    M = "BCEWithLogitsLoss"
    combos = [
        ("plain", {}),
        ("w-full", {"weight": "full"}),
        ("w-last", {"weight": "last"}),
        ("pw-last", {"pos_weight": "last"}),
        ("pw-1", {"pos_weight": "one"}),
        ("pw-0d", {"pos_weight": "scalar"}),
        ("pw-full", {"pos_weight": "full"}),
        ("w-last+pw-last", {"weight": "last", "pos_weight": "last"}),
        ("w-full+pw-1", {"weight": "full", "pos_weight": "one"}),
    ]
    def make(kind, shape):
        return {"full": rand(*shape, lo=0.1, hi=3), "last": rand(shape[-1], lo=0.1, hi=3),
                "one": rand(1, lo=0.1, hi=3), "scalar": T(2.5)}[kind]
    for sname, shape in [("4x3", (4, 3)), ("2x3x2", (2, 3, 2))]:
        for name, spec in combos:
            p = {k: make(v, shape) for k, v in spec.items()}
            each_reduction(f"{sname}/{name}", M, p, {"input": randn(*shape, scale=2), "target": rand(*shape)})
    # pos_weight broadcast shapes beyond the last dim.
    for pname, pshape, shape in [("pw(C,1)", (3, 1), (2, 3, 4)), ("pw(C,1,1)", (2, 1, 1), (3, 2, 2, 2)), ("pw(N,1)", (4, 1), (4, 3)), ("pw(1,1,C)", (1, 1, 3), (2, 2, 3))]:
        add(f"{pname}/{pname}-in{shape}/mean".replace(" ", ""), M, {"pos_weight": rand(*pshape, lo=0.2, hi=3)},
            {"input": randn(*shape), "target": rand(*shape)}, tags=["broadcast"])
    add("w(N,1)+pw/sum", M, {"weight": rand(4, 1, lo=0.2, hi=3), "pos_weight": rand(3, lo=0.2, hi=3), "reduction": "sum"},
        {"input": randn(4, 3), "target": rand(4, 3)}, tags=["broadcast"])
    each_reduction("1d/pw", M, {"pos_weight": rand(5, lo=0.2, hi=3)}, {"input": randn(5), "target": rand(5)})
    each_reduction("0d/w+pw", M, {"weight": T(1.5), "pos_weight": T(0.5)}, {"input": T(-0.7), "target": T(0.25)})
    xx = T([1e4, -1e4, 1e4, -1e4, 0.0, 50.0, -50.0, 800.0])
    tt = T([1.0, 0.0, 0.0, 1.0, 0.5, 0.3, 0.7, 0.5])
    each_reduction("extreme/w+pw", M, {"weight": rand(8, lo=0.5, hi=2), "pos_weight": rand(8, lo=0.5, hi=3)}, {"input": xx, "target": tt}, tags=["extreme"])
    add("extreme/soft/none", M, {"reduction": "none"}, {"input": xx, "target": rand(8)}, tags=["extreme"])
    add("inf-logits/none", M, {"reduction": "none"}, {"input": T([INF, -INF, INF, -INF]), "target": T([1.0, 0.0, 0.0, 1.0])})
    add("pw-zero/mean", M, {"pos_weight": T([0.0, 1.0, 2.0])}, {"input": randn(2, 3), "target": rand(2, 3)})
    add("target-outside-01/sum", M, {"reduction": "sum"}, {"input": randn(4), "target": T([-0.5, 1.5, 2.0, 0.5])}, tags=["quirk"])
    each_reduction("empty", M, {"pos_weight": rand(3, lo=0.5, hi=2)}, {"input": randn(0, 3), "target": randn(0, 3)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, {"pos_weight": rand(3, lo=0.5, hi=1.5), **lg},
            {"input": randn(2, 3), "target": rand(2, 3)})
    add("elementwise_mean", M, {"reduction": "elementwise_mean"}, {"input": randn(2, 3), "target": rand(2, 3)}, tags=["quirk"])
    add("err/target-size-1d", M, {}, {"input": randn(4), "target": rand(5)}, match="must be the same as input size", etype="ValueError")
    add("err/target-bcastable", M, {}, {"input": randn(2, 3), "target": rand(1, 3)}, match="must be the same as input size", etype="ValueError")
    add("err/weight-not-broadcastable", M, {"weight": rand(4)}, {"input": randn(2, 3), "target": rand(2, 3)},
        match="must match the size", etype="RuntimeError")
    add("err/pos_weight(2,2)", M, {"pos_weight": rand(2, 2)}, {"input": randn(2, 3), "target": rand(2, 3)},
        match="must match the size", etype="RuntimeError")
    add("err/reduction=batchmean", M, {"reduction": "batchmean"}, {"input": randn(3), "target": rand(3)},
        match="is not a valid value for reduction", etype="ValueError")


# ---------- distribution losses ----------

def kl_div():
    M = "KLDivLoss"
    R4 = ["none", "mean", "sum", "batchmean"]
    for (sname, shape), lt in itertools.product([("4x5", (4, 5)), ("6", (6,)), ("0d", ()), ("2x2x3", (2, 2, 3))], [False, True]):
        x = torch.log_softmax(randn(*shape), -1) if shape else T(-0.8)
        tgt = probs(*shape) if shape else T(0.4)
        if lt:
            tgt = torch.log(tgt.clamp_min(1e-4))
        each_reduction(f"{sname}/log_target={lt}", M, {"log_target": lt}, {"input": x, "target": tgt}, reductions=R4)
    add("bcast/in(4,3)-tg(3)/batchmean", M, {"reduction": "batchmean"}, {"input": logprobs(4, 3), "target": probs(3)}, tags=["broadcast"])
    add("bcast/in(3)-tg(2,3)/batchmean", M, {"reduction": "batchmean"}, {"input": logprobs(3), "target": probs(2, 3)}, tags=["broadcast"])
    add("bcast/in(2,1)-tg(1,3)/sum/log_target", M, {"reduction": "sum", "log_target": True}, {"input": randn(2, 1), "target": randn(1, 3)}, tags=["broadcast"])
    add("target-zero-and-negative/none", M, {"reduction": "none"}, {"input": randn(5), "target": T([0.0, -0.2, 0.5, 1.0, 0.0])})
    add("target-zero/sum", M, {"reduction": "sum"}, {"input": randn(4), "target": T([0.0, 0.5, 0.5, 0.0])})
    add("log_target/-inf/none", M, {"reduction": "none", "log_target": True}, {"input": randn(3), "target": T([-INF, -0.5, 0.0])})
    add("extreme/log_target/sum", M, {"reduction": "sum", "log_target": True}, {"input": T([-1e4, 0.0, 50.0]), "target": T([30.0, -1e4, 0.0])}, tags=["extreme"])
    for red in R4:
        add(f"empty/log_target/{red}", M, {"reduction": red, "log_target": True}, {"input": randn(0, 3), "target": randn(0, 3)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, lg, {"input": logprobs(2, 3), "target": probs(2, 3)})
    add("legacy/size_average=True,reduction=batchmean", M, {"size_average": True, "reduction": "batchmean"},
        {"input": logprobs(2, 3), "target": probs(2, 3)}, tags=["quirk"])
    add("elementwise_mean", M, {"reduction": "elementwise_mean"}, {"input": logprobs(2, 3), "target": probs(2, 3)}, tags=["quirk"])
    add("err/size-mismatch", M, {}, {"input": logprobs(2, 3), "target": probs(2, 4)}, match="must match the size", etype="RuntimeError")
    add("err/reduction=avg", M, {"reduction": "avg"}, {"input": logprobs(2, 3), "target": probs(2, 3)},
        match="is not a valid value for reduction", etype="ValueError")


def poisson_nll():
    M = "PoissonNLLLoss"
    tgt = T([[0.0, 1.0, 2.0, 3.0], [5.0, 0.5, 1.5, 10.0], [0.0, 4.0, 1.0, 7.0]])
    for li, full, eps in itertools.product([True, False], [False, True], [1e-8, 0.25]):
        if li and eps != 1e-8:
            continue
        x = randn(3, 4) if li else rand(3, 4, lo=0.1, hi=4)
        p = {"log_input": li, "full": full}
        if eps != 1e-8:
            p["eps"] = eps
        each_reduction(f"log_input={li}/full={full}/eps={eps}", M, p, {"log_input": x, "target": tgt})
    add("log_input=True/eps=0.5-unused/full/sum", M, {"eps": 0.5, "full": True, "reduction": "sum"}, {"log_input": randn(3, 4), "target": tgt})
    add("log_input=False/zero-input/full/none", M, {"log_input": False, "full": True, "reduction": "none"},
        {"log_input": T([0.0, 0.0, 2.0]), "target": T([0.0, 3.0, 0.0])}, tags=["extreme"])
    add("log_input=False/eps=0/zero-input/none", M, {"log_input": False, "eps": 0.0, "reduction": "none"},
        {"log_input": T([0.0, 1.0]), "target": T([2.0, 1.0])}, tags=["extreme"])
    add("large-log_input/none", M, {"reduction": "none"}, {"log_input": T([50.0, 700.0, -700.0]), "target": T([1.0, 2.0, 0.0])}, tags=["extreme"])
    add("target-near-1/full/none", M, {"full": True, "reduction": "none"}, {"log_input": randn(4), "target": T([0.999, 1.0, 1.001, 1.5])}, tags=["quirk"])
    add("bcast/in(3,1)-tg(3,4)/mean", M, {}, {"log_input": randn(3, 1), "target": tgt}, tags=["broadcast"])
    add("bcast/in(4)-tg(3,4)/full/sum", M, {"full": True, "reduction": "sum"}, {"log_input": randn(4), "target": tgt}, tags=["broadcast"])
    each_reduction("0d/full", M, {"full": True}, {"log_input": T(0.3), "target": T(4.0)})
    each_reduction("empty", M, {"full": True}, {"log_input": randn(0, 2), "target": randn(0, 2)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, {"full": True, **lg}, {"log_input": randn(3, 4), "target": tgt})
    add("err/size-mismatch-3d", M, {}, {"log_input": randn(2, 3, 4), "target": rand(2, 2, 4)}, match="must match the size", etype="RuntimeError")
    add("err/reduction=batchmean", M, {"reduction": "batchmean"}, {"log_input": randn(3), "target": rand(3)},
        match="is not a valid value for reduction", etype="ValueError")


def gaussian_nll():
    M = "GaussianNLLLoss"
    var_shapes = [
        ("same", (4, 3), (4, 3)),
        ("(N)", (4, 3), (4,)),
        ("(N,1)", (4, 3), (4, 1)),
        ("(1,D)", (4, 3), (1, 3)),
        ("3d-(N,D1)", (2, 3, 2), (2, 3)),
        ("3d-(N,1,D2)", (2, 3, 2), (2, 1, 2)),
        ("3d-(1,D1,D2)", (2, 3, 2), (1, 3, 2)),
        ("unbatched-(D)", (5,), (5,)),
        ("unbatched-(1)", (5,), (1,)),
    ]
    for (vname, si, sv), full in itertools.product(var_shapes, [False, True]):
        each_reduction(f"var{vname}/full={full}", M, {"full": full},
                       {"input": randn(*si), "target": randn(*si), "var": rand(*sv, lo=0.2, hi=2.0)},
                       tags=["broadcast"] if sv != si else [])
    for v in [0.25, 3.0, 1e-8]:
        add(f"var-float={v}/full/sum", M, {"full": True, "reduction": "sum"}, {"input": randn(3, 2), "target": randn(3, 2), "var": v},
            tags=["clamp"] if v < 1e-6 else [])
    add("var-int-float=2/mean", M, {}, {"input": randn(3, 2), "target": randn(3, 2), "var": 2.0})
    add("eps=0.5/clamped/none", M, {"eps": 0.5, "reduction": "none"}, {"input": randn(4), "target": randn(4), "var": T([0.1, 0.5, 0.9, 0.0])}, tags=["clamp"])
    add("eps=1e-3/var(N,1)-clamped/mean", M, {"eps": 1e-3}, {"input": randn(3, 2), "target": randn(3, 2), "var": T([[0.0], [1e-4], [2.0]])}, tags=["clamp"])
    add("target-bcast/in(3,2)-tg(2)/sum", M, {"reduction": "sum"}, {"input": randn(3, 2), "target": randn(2), "var": rand(3, 2, lo=0.2, hi=2)}, tags=["broadcast"])
    add("large-residual/none", M, {"reduction": "none"}, {"input": T([1e4, -1e4]), "target": T([0.0, 0.0]), "var": T([1e-3, 1e4])}, tags=["extreme"])
    each_reduction("empty", M, {"full": True}, {"input": randn(0, 3), "target": randn(0, 3), "var": rand(0, 3)})
    add("err/var(N,D,1)", M, {}, {"input": randn(4, 3), "target": randn(4, 3), "var": rand(4, 3, 1)},
        match="var is of incorrect size", etype="ValueError")
    add("err/var(D)", M, {}, {"input": randn(4, 3), "target": randn(4, 3), "var": rand(3)}, match="var is of incorrect size", etype="ValueError")
    add("err/var(2,3)-for-(4,3)", M, {}, {"input": randn(4, 3), "target": randn(4, 3), "var": rand(2, 3)},
        match="var is of incorrect size", etype="ValueError")
    add("err/var-0d-tensor", M, {}, {"input": randn(4, 3), "target": randn(4, 3), "var": T(0.5)}, match="var is of incorrect size", etype="ValueError")
    add("err/negative-var-entry", M, {}, {"input": randn(2, 2), "target": randn(2, 2), "var": T([[1.0, -0.1], [1.0, 1.0]])},
        match="var has negative entry", etype="ValueError")
    add("err/reduction=avg", M, {"reduction": "avg"}, {"input": randn(2), "target": randn(2), "var": rand(2)}, match="is not valid", etype="ValueError")


# ---------- margin / embedding losses ----------

def margin_ranking():
    M = "MarginRankingLoss"
    for margin, (sname, shape) in itertools.product([0.0, 0.7, -0.2], [("6", (6,)), ("0d", ())]):
        each_reduction(f"margin={margin}/{sname}", M, {"margin": margin}, {"input1": randn(*shape), "input2": randn(*shape), "target": signs(*shape)})
    add("target-non-pm1/none", M, {"reduction": "none"}, {"input1": randn(4), "input2": randn(4), "target": T([0.0, 0.5, 2.0, -3.0])}, tags=["quirk"])
    add("kink/margin=0.5/none", M, {"margin": 0.5, "reduction": "none"},
        {"input1": T([1.0, 0.5, 0.25, 2.0]), "input2": T([0.5, 1.0, 0.75, 2.5]), "target": T([1.0, -1.0, 1.0, 1.0])}, tags=["subgradient"])
    add("bcast/input2-(1)/sum", M, {"reduction": "sum"}, {"input1": randn(5), "input2": randn(1), "target": signs(5)}, tags=["broadcast"])
    add("extreme/mean", M, {}, {"input1": randn(4, scale=1e4), "input2": randn(4, scale=1e4), "target": signs(4)}, tags=["extreme"])
    each_reduction("empty", M, {}, {"input1": randn(0), "input2": randn(0), "target": randn(0)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, lg, {"input1": randn(4), "input2": randn(4), "target": signs(4)})
    add("err/target-2d", M, {}, {"input1": randn(3), "input2": randn(3), "target": signs(1, 3)}, match="same dimension", etype="RuntimeError")
    add("err/size-mismatch", M, {}, {"input1": randn(3), "input2": randn(4), "target": signs(3)}, match="must match the size", etype="RuntimeError")


def hinge_embedding():
    M = "HingeEmbeddingLoss"
    for margin, (sname, shape) in itertools.product([1.0, 0.3, -0.5, 2.0], [("3x4", (3, 4)), ("0d", ())]):
        each_reduction(f"margin={margin}/{sname}", M, {"margin": margin}, {"input": rand(*shape, lo=0, hi=2.5), "target": signs(*shape)})
    add("target-0-and-2/none", M, {"reduction": "none"}, {"input": rand(4, lo=0, hi=2), "target": T([0.0, 2.0, 0.5, -2.0])}, tags=["quirk"])
    add("kink/x=margin/none", M, {"margin": 0.75, "reduction": "none"}, {"input": T([0.75, 0.75, 0.5, 1.0]), "target": T([-1.0, 1.0, -1.0, -1.0])}, tags=["subgradient"])
    add("bcast/target(4)/sum", M, {"reduction": "sum"}, {"input": rand(3, 4, lo=0, hi=2), "target": signs(4)}, tags=["broadcast"])
    add("negative-input/mean", M, {}, {"input": randn(2, 4), "target": signs(2, 4)})
    each_reduction("empty", M, {}, {"input": randn(0, 3), "target": randn(0, 3)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, lg, {"input": rand(2, 3, lo=0, hi=2), "target": signs(2, 3)})
    add("err/size-mismatch", M, {}, {"input": randn(2, 3), "target": signs(2, 4)}, match="must match the size", etype="RuntimeError")


def multilabel_margin():
    M = "MultiLabelMarginLoss"
    for (sname, shape) in [("3x5", (3, 5)), ("unbatched5", (5,)), ("1x4", (1, 4))]:
        C = shape[-1]
        rows = shape[0] if len(shape) == 2 else 1
        tg = []
        for r in range(rows):
            k = 1 + (r * 2) % (C - 1)
            perm = torch.randperm(C, generator=gen)[:k].tolist()
            tg.append(perm + [-1] * (C - k))
        y = I(tg if len(shape) == 2 else tg[0])
        each_reduction(sname, M, {}, {"input": randn(*shape), "target": y})
    add("rows-empty-full-dup/none", M, {"reduction": "none"},
        {"input": randn(4, 4), "target": I([[-1, 2, 3, 0], [0, 1, 2, 3], [1, 1, -1, 0], [3, -1, -1, -1]])})
    add("kink/none", M, {"reduction": "none"}, {"input": T([[1.0, 0.0, 0.5, 1.0], [0.25, 1.25, 0.0, 0.0]]), "target": I([[0, -1, 0, 0], [1, 0, -1, 0]])}, tags=["subgradient"])
    add("extreme/sum", M, {"reduction": "sum"}, {"input": T([[1e4, -1e4, 0.0], [-1e4, 1e4, 5.0]]), "target": I([[1, -1, 0], [0, 2, -1]])}, tags=["extreme"])
    # torch returns uninitialised memory for 'mean'/'sum' of an empty batch here, so only 'none' is pinned.
    add("empty-batch/none", M, {"reduction": "none"}, {"input": randn(0, 3), "target": torch.zeros(0, 3, dtype=torch.int64)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, lg, {"input": randn(2, 3), "target": I([[2, -1, 0], [0, 1, -1]])})
    add("err/target=C", M, {}, {"input": randn(2, 3), "target": I([[3, -1, 0], [0, 1, -1]])}, match="out of range", etype="RuntimeError")
    add("err/target=-2", M, {}, {"input": randn(2, 3), "target": I([[-2, -1, 0], [0, 1, -1]])}, match="out of range", etype="RuntimeError")
    add("err/target-int32", M, {}, {"input": randn(2, 3), "target": I([[0, -1, 0], [0, 1, -1]], torch.int32)},
        match="expected scalar type Long", etype="RuntimeError")


def soft_margin():
    M = "SoftMarginLoss"
    for sname, shape in [("3x4", (3, 4)), ("0d", ()), ("2x2x2", (2, 2, 2))]:
        each_reduction(sname, M, {}, {"input": randn(*shape, scale=2), "target": signs(*shape)})
    add("target-non-pm1/none", M, {"reduction": "none"}, {"input": randn(4), "target": T([0.0, 0.5, 2.0, -3.0])}, tags=["quirk"])
    add("bcast/target(4)/mean", M, {}, {"input": randn(3, 4), "target": signs(4)}, tags=["broadcast"])
    add("overflow-edge/none", M, {"reduction": "none"}, {"input": T([700.0, -700.0, 720.0, -720.0, 30.0]), "target": T([-1.0, 1.0, -1.0, 1.0, 1.0])}, tags=["extreme", "overflow"])
    add("f32-overflow-edge/none", M, {"reduction": "none"}, {"input": T([80.0, 88.0, 90.0, -95.0], F32), "target": T([-1.0, -1.0, -1.0, 1.0], F32)}, tags=["extreme", "overflow"])
    each_reduction("empty", M, {}, {"input": randn(0, 2), "target": randn(0, 2)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, lg, {"input": randn(2, 3), "target": signs(2, 3)})
    add("elementwise_mean", M, {"reduction": "elementwise_mean"}, {"input": randn(2, 3), "target": signs(2, 3)}, tags=["quirk"])
    add("err/size-mismatch", M, {}, {"input": randn(3, 4), "target": signs(3, 5)}, match="must match the size", etype="RuntimeError")


def multilabel_soft_margin():
    M = "MultiLabelSoftMarginLoss"
    for (sname, shape), w in itertools.product([("4x3", (4, 3)), ("unbatched5", (5,)), ("2x3x4", (2, 3, 4))], ["now", "w-C", "w-full"]):
        p = {}
        if w == "w-C":
            p["weight"] = rand(shape[-1], lo=0.2, hi=2)
        elif w == "w-full":
            p["weight"] = rand(*shape, lo=0.2, hi=2)
        each_reduction(f"{sname}/{w}", M, p, {"input": randn(*shape, scale=2), "target": torch.randint(0, 2, shape, generator=gen).to(F64)})
    add("soft-target/w(1,C)/sum", M, {"weight": rand(1, 3, lo=0.2, hi=2), "reduction": "sum"}, {"input": randn(4, 3), "target": rand(4, 3)}, tags=["broadcast"])
    add("extreme/w/none", M, {"weight": rand(3, lo=0.5, hi=2), "reduction": "none"}, {"input": T([[1e4, -1e4, 0.0], [-1e4, 1e4, 800.0]]), "target": T([[1.0, 0.0, 0.5], [1.0, 0.0, 1.0]])}, tags=["extreme"])
    add("empty/none", M, {"reduction": "none"}, {"input": randn(0, 3), "target": randn(0, 3)})
    add("empty/sum", M, {"reduction": "sum"}, {"input": randn(0, 3), "target": randn(0, 3)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, {"weight": rand(3, lo=0.5, hi=1.5), **lg},
            {"input": randn(2, 3), "target": rand(2, 3)})
    add("err/target-shape", M, {}, {"input": randn(3, 4), "target": rand(3, 5)}, match="must match the size", etype="RuntimeError")
    add("err/weight-size", M, {"weight": rand(5)}, {"input": randn(3, 4), "target": rand(3, 4)}, match="must match the size", etype="RuntimeError")
    add("err/elementwise_mean", M, {"reduction": "elementwise_mean"}, {"input": randn(2, 3), "target": rand(2, 3)}, match="is not valid", etype="ValueError")


def cosine_embedding():
    M = "CosineEmbeddingLoss"
    for margin, unb in itertools.product([0.0, 0.3, -0.6, 0.9], [False, True]):
        if unb:
            args = {"input1": randn(5), "input2": randn(5), "target": T(-1.0 if margin > 0 else 1.0)}
        else:
            args = {"input1": randn(4, 5), "input2": randn(4, 5), "target": signs(4)}
        each_reduction(f"margin={margin}/{'unbatched' if unb else 'batched'}", M, {"margin": margin}, args)
    add("target-0-2/none", M, {"reduction": "none"}, {"input1": randn(3, 4), "input2": randn(3, 4), "target": T([0.0, 2.0, -1.0])}, tags=["quirk"])
    add("antiparallel+zero/none", M, {"reduction": "none", "margin": 0.2},
        {"input1": T([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [2.0, -1.0, 0.5]]),
         "input2": T([[-2.0, -4.0, -6.0], [1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [2.0, -1.0, 0.5]]),
         "target": T([-1.0, -1.0, 1.0, 1.0])}, tags=["extreme"])
    add("kink/cos=margin/none", M, {"reduction": "none", "margin": 0.0},
        {"input1": T([[1.0, 0.0], [1.0, 0.0]]), "input2": T([[0.0, 1.0], [0.0, 2.0]]), "target": T([-1.0, -1.0])}, tags=["subgradient"])
    add("extreme/mean", M, {}, {"input1": randn(3, 4, scale=1e4), "input2": randn(3, 4, scale=1e-4), "target": signs(3)}, tags=["extreme"])
    each_reduction("empty", M, {}, {"input1": randn(0, 3), "input2": randn(0, 3), "target": randn(0)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, lg, {"input1": randn(3, 4), "input2": randn(3, 4), "target": signs(3)})
    add("err/3d-inputs", M, {}, {"input1": randn(2, 2, 2), "input2": randn(2, 2, 2), "target": signs(2)}, match="1D target tensor expects 2D input tensors", etype="RuntimeError")
    add("err/0d-target-with-2d", M, {}, {"input1": randn(2, 3), "input2": randn(2, 3), "target": T(1.0)}, match="0D target tensor expects 1D input tensors", etype="RuntimeError")
    add("err/batch-mismatch", M, {}, {"input1": randn(2, 3), "input2": randn(3, 3), "target": signs(2)}, match="must match the size", etype="RuntimeError")


def multi_margin():
    M = "MultiMarginLoss"
    for p, margin, w in itertools.product([1, 2], [1.0, 0.2, 2.5], ["now", "w"]):
        prm = {"p": p, "margin": margin}
        if w == "w":
            prm["weight"] = rand(4, lo=0.2, hi=2)
        each_reduction(f"p={p}/margin={margin}/{w}", M, prm, {"input": randn(5, 4), "target": randint(0, 4, (5,))})
    for p in [1, 2]:
        each_reduction(f"unbatched/p={p}/w", M, {"p": p, "weight": rand(5, lo=0.2, hi=2)}, {"input": randn(5), "target": I(3)})
    add("0d-input/sum", M, {"reduction": "sum"}, {"input": T(0.4), "target": I(0)}, tags=["quirk"])
    add("kink/p=2/none", M, {"p": 2, "reduction": "none"}, {"input": T([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5]]), "target": I([0, 2])}, tags=["subgradient"])
    add("p=2.0-float/mean", M, {"p": 2.0}, {"input": randn(3, 4), "target": I([0, 3, 1])}, tags=["quirk"])
    add("negative-margin/none", M, {"margin": -0.5, "reduction": "none"}, {"input": randn(3, 4), "target": I([0, 3, 1])})
    add("extreme/w/sum", M, {"weight": T([1.0, 2.0, 0.5]), "reduction": "sum"}, {"input": T([[1e4, -1e4, 0.0], [-1e4, 1e4, 5.0]]), "target": I([1, 0])}, tags=["extreme"])
    # torch returns uninitialised memory for 'mean'/'sum' of an empty batch here, so only 'none' is pinned.
    add("empty-batch/none", M, {"reduction": "none"}, {"input": randn(0, 3), "target": I([], torch.int64)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, {"p": 2, **lg}, {"input": randn(3, 4), "target": I([0, 3, 1])})
    add("err/p=1.5", M, {"p": 1.5}, {"input": randn(3, 4), "target": I([0, 3, 1])}, match="only p == 1 and p == 2 supported", etype="ValueError")
    add("err/p=0", M, {"p": 0}, {"input": randn(3, 4), "target": I([0, 3, 1])}, match="only p == 1 and p == 2 supported", etype="ValueError")
    add("err/target=-1", M, {}, {"input": randn(3, 4), "target": I([0, -1, 1])}, match="out of range", etype="RuntimeError")
    add("err/target=C", M, {}, {"input": randn(3, 4), "target": I([0, 4, 1])}, match="out of range", etype="RuntimeError")
    add("err/weight-size", M, {"weight": rand(3)}, {"input": randn(3, 4), "target": I([0, 3, 1])}, match="weight", etype="RuntimeError")
    add("err/target-int32", M, {}, {"input": randn(3, 4), "target": I([0, 3, 1], torch.int32)}, match="expected scalar type Long", etype="RuntimeError")


def triplet_margin():
    M = "TripletMarginLoss"
    for p, swap in itertools.product([1.0, 1.5, 2.0, 3.0, INF], [False, True]):
        each_reduction(f"p={p}/swap={swap}", M, {"p": p, "swap": swap}, {"anchor": randn(4, 5), "positive": randn(4, 5), "negative": randn(4, 5)})
    for margin, eps in [(0.3, 1e-6), (3.0, 0.0), (1.0, 1e-3)]:
        add(f"margin={margin}/eps={eps}/none", M, {"margin": margin, "eps": eps, "reduction": "none"}, {"anchor": randn(3, 4), "positive": randn(3, 4), "negative": randn(3, 4)})
    for p in [1.0, INF]:
        add(f"unbatched/p={p}/swap/none", M, {"p": p, "swap": True, "reduction": "none"}, {"anchor": randn(6), "positive": randn(6), "negative": randn(6)})
    a = randn(3, 4)
    add("anchor==positive/p=1/none", M, {"p": 1.0, "reduction": "none"}, {"anchor": a, "positive": a.clone(), "negative": randn(3, 4)}, tags=["near-zero-distance"])
    add("anchor==positive/p=inf/none", M, {"p": INF, "reduction": "none"}, {"anchor": a, "positive": a.clone(), "negative": randn(3, 4)}, tags=["near-zero-distance"])
    add("positive==negative/swap/none", M, {"swap": True, "reduction": "none"}, {"anchor": randn(3, 4), "positive": a, "negative": a.clone()}, tags=["subgradient"])
    add("p=0.5/mean", M, {"p": 0.5}, {"anchor": randn(3, 4), "positive": randn(3, 4), "negative": randn(3, 4)})
    add("3d-inputs/mean", M, {}, {"anchor": randn(2, 3, 4), "positive": randn(2, 3, 4), "negative": randn(2, 3, 4)})
    add("extreme/sum", M, {"reduction": "sum"}, {"anchor": randn(3, 4, scale=1e4), "positive": randn(3, 4, scale=1e4), "negative": randn(3, 4)}, tags=["extreme"])
    each_reduction("empty", M, {}, {"anchor": randn(0, 3), "positive": randn(0, 3), "negative": randn(0, 3)})
    for j, lg in enumerate(LEGACY[:4]):
        add(f"legacy{j}/" + ",".join(f"{k}={v}" for k, v in lg.items()), M, lg, {"anchor": randn(3, 4), "positive": randn(3, 4), "negative": randn(3, 4)})
    add("err/margin=-1", M, {"margin": -1.0}, {"anchor": randn(2, 3), "positive": randn(2, 3), "negative": randn(2, 3)},
        match="expected margin to be greater than 0", etype="ValueError")
    add("err/dims-2d-1d", M, {}, {"anchor": randn(2, 3), "positive": randn(3), "negative": randn(2, 3)},
        match="expected to have the same number of dimensions", etype="RuntimeError")
    add("err/feature-mismatch", M, {}, {"anchor": randn(2, 3), "positive": randn(2, 4), "negative": randn(2, 3)},
        match="must match the size", etype="RuntimeError")


def triplet_with_distance():
    M = "TripletMarginWithDistanceLoss"
    dists = [
        ("pairwise-p=1.5", {"name": "pairwise_distance", "p": 1.5, "eps": 1e-6, "keepdim": False}),
        ("pairwise-p=2-eps=1e-3", {"name": "pairwise_distance", "p": 2.0, "eps": 1e-3, "keepdim": False}),
        ("pairwise-p=inf", {"name": "pairwise_distance", "p": INF, "eps": 1e-6, "keepdim": False}),
        ("pairwise-p=1-eps=0", {"name": "pairwise_distance", "p": 1.0, "eps": 0.0, "keepdim": False}),
        ("cosine-eps=1e-8", {"name": "cosine_distance", "eps": 1e-8}),
        ("cosine-eps=0.1", {"name": "cosine_distance", "eps": 0.1}),
        ("null", None),
    ]
    for (dname, spec), swap in itertools.product(dists, [False, True]):
        p = {"swap": swap}
        if spec is not None:
            p["distance_function"] = spec
        each_reduction(f"{dname}/swap={swap}", M, p, {"anchor": randn(4, 5), "positive": randn(4, 5), "negative": randn(4, 5)})
    for margin in [0.25, 4.0]:
        add(f"margin={margin}/cosine/sum", M, {"margin": margin, "distance_function": dists[4][1], "reduction": "sum"},
            {"anchor": randn(3, 4), "positive": randn(3, 4), "negative": randn(3, 4)})
    add("unbatched/cosine/swap/none", M, {"distance_function": dists[4][1], "swap": True, "reduction": "none"}, {"anchor": randn(5), "positive": randn(5), "negative": randn(5)})
    add("unbatched/pairwise-p=1/mean", M, {"distance_function": dists[3][1]}, {"anchor": randn(5), "positive": randn(5), "negative": randn(5)})
    a = randn(3, 4)
    add("anchor==positive/pairwise-eps=0/none", M, {"distance_function": {"name": "pairwise_distance", "p": 2.0, "eps": 0.0, "keepdim": False}, "reduction": "none"},
        {"anchor": a, "positive": a.clone(), "negative": randn(3, 4)}, tags=["near-zero-distance"])
    add("zero-vector/cosine/none", M, {"distance_function": dists[4][1], "reduction": "none"},
        {"anchor": T([[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]]), "positive": randn(2, 3), "negative": randn(2, 3)}, tags=["extreme"])
    add("3d-inputs/default/mean", M, {}, {"anchor": randn(2, 3, 4), "positive": randn(2, 3, 4), "negative": randn(2, 3, 4)})
    each_reduction("empty", M, {}, {"anchor": randn(0, 3), "positive": randn(0, 3), "negative": randn(0, 3)})
    add("err/margin=-0.5", M, {"margin": -0.5}, {"anchor": randn(2, 3), "positive": randn(2, 3), "negative": randn(2, 3)},
        match="expected margin to be greater than 0", etype="ValueError")
    add("err/dims-1d-2d", M, {}, {"anchor": randn(3), "positive": randn(2, 3), "negative": randn(2, 3)},
        match="expected to have the same number of dimensions", etype="RuntimeError")
    add("err/reduction=batchmean", M, {"reduction": "batchmean"}, {"anchor": randn(2, 3), "positive": randn(2, 3), "negative": randn(2, 3)},
        match="is not a valid value for reduction", etype="ValueError")


# ---------- CTC ----------

def ctc():
    M = "CTCLoss"
    Tn, N, C = 8, 3, 5
    for blank, form, zi in itertools.product([0, 2, 4], ["padded", "concat"], [False, True]):
        labels = [c for c in range(C) if c != blank]
        lp = logprobs(Tn, N, C)
        tl = [3, 1, 2]
        rows = [[labels[int(j)] for j in torch.randint(0, len(labels), (n,), generator=gen)] for n in tl]
        il = I([8, 6, 5])
        if form == "padded":
            S = 4
            tg = I([r + [blank if blank else 1] * (S - len(r)) for r in rows])
        else:
            tg = I([v for r in rows for v in r])
        each_reduction(f"blank={blank}/{form}/zero_infinity={zi}", M, {"blank": blank, "zero_infinity": zi},
                       {"log_probs": lp, "targets": tg, "input_lengths": il, "target_lengths": I(tl)})
    # Unbatched forms, blank != 0.
    for blank in [0, 3]:
        labels = [c for c in range(4) if c != blank]
        each_reduction(f"unbatched/blank={blank}", M, {"blank": blank},
                       {"log_probs": logprobs(6, 4), "targets": I([labels[0], labels[1], labels[1]]), "input_lengths": I(6), "target_lengths": I(3)})
    # Repeats needing blanks, tight and infeasible alignments.
    lp = logprobs(5, 2, 3)
    add("repeats-tight/none", M, {"reduction": "none"}, {"log_probs": lp, "targets": I([[1, 1, 2], [2, 2, 2]]), "input_lengths": I([4, 5]), "target_lengths": I([3, 3])})
    for zi in [False, True]:
        each_reduction(f"infeasible-repeats/zero_infinity={zi}", M, {"zero_infinity": zi},
                       {"log_probs": lp, "targets": I([[1, 1, 1], [1, 2, 1]]), "input_lengths": I([4, 2]), "target_lengths": I([3, 2])})
    add("all-target-lengths-0/mean", M, {}, {"log_probs": logprobs(4, 2, 3), "targets": I([[1], [2]]), "input_lengths": I([4, 3]), "target_lengths": I([0, 0])})
    add("input_length-0/none", M, {"reduction": "none"}, {"log_probs": logprobs(4, 2, 3), "targets": I([[1], [2]]), "input_lengths": I([0, 3]), "target_lengths": I([0, 1])})
    add("input_length-0-target-1/zero_infinity/sum", M, {"reduction": "sum", "zero_infinity": True}, {"log_probs": logprobs(4, 2, 3), "targets": I([[1], [2]]), "input_lengths": I([0, 3]), "target_lengths": I([1, 1])})
    add("int32-targets-and-lengths/sum", M, {"reduction": "sum"}, {"log_probs": logprobs(6, 2, 4), "targets": I([[1, 2], [3, 3]], torch.int32),
                                                                    "input_lengths": I([6, 5], torch.int32), "target_lengths": I([2, 2], torch.int32)})
    add("unnormalized/blank=1/mean", M, {"blank": 1}, {"log_probs": randn(5, 2, 4), "targets": I([[0, 2], [3, 3]]), "input_lengths": I([5, 4]), "target_lengths": I([2, 1])}, tags=["ctc-grad-convention"])
    add("very-negative-log-probs/none", M, {"reduction": "none"}, {"log_probs": logprobs(5, 1, 3) * 50, "targets": I([[1, 2]]), "input_lengths": I([5]), "target_lengths": I([2])}, tags=["extreme"])
    add("C=2/long-T/mean", M, {}, {"log_probs": logprobs(20, 1, 2), "targets": I([[1, 1, 1]]), "input_lengths": I([20]), "target_lengths": I([3])})
    add("err/blank=-1", M, {"blank": -1}, {"log_probs": logprobs(4, 1, 3), "targets": I([[1]]), "input_lengths": I([4]), "target_lengths": I([1])},
        match="blank must be in label range", etype="RuntimeError")
    add("err/blank=C", M, {"blank": 3}, {"log_probs": logprobs(4, 1, 3), "targets": I([[1]]), "input_lengths": I([4]), "target_lengths": I([1])},
        match="blank must be in label range", etype="RuntimeError")
    add("err/input_lengths-size", M, {}, {"log_probs": logprobs(4, 2, 3), "targets": I([[1], [2]]), "input_lengths": I([4]), "target_lengths": I([1, 1])},
        match="input_lengths must be of size batch_size", etype="RuntimeError")
    add("err/target_lengths-size", M, {}, {"log_probs": logprobs(4, 2, 3), "targets": I([[1], [2]]), "input_lengths": I([4, 4]), "target_lengths": I([1])},
        match="target_lengths must be of size batch_size", etype="RuntimeError")
    add("err/reduction=batchmean", M, {"reduction": "batchmean"}, {"log_probs": logprobs(4, 1, 3), "targets": I([[1]]), "input_lengths": I([4]), "target_lengths": I([1])},
        match="is not a valid value for reduction", etype="ValueError")


# ---------- shape and dtype edges across losses ----------

def edges():
    lp = logprobs(4, 2, 3)
    tg = I([[1], [2]])
    add("err/input_length>T", "CTCLoss", {}, {"log_probs": lp, "targets": tg, "input_lengths": I([5, 3]), "target_lengths": I([1, 1])},
        match="Expected input_lengths to have value at most", etype="RuntimeError")
    add("err/input_length<0", "CTCLoss", {}, {"log_probs": lp, "targets": tg, "input_lengths": I([-1, 3]), "target_lengths": I([1, 1])},
        match="Expected input_lengths to have value at least 0", etype="RuntimeError")
    add("err/target_length<0", "CTCLoss", {}, {"log_probs": lp, "targets": tg, "input_lengths": I([4, 3]), "target_lengths": I([-1, 1])},
        match="Expected target_lengths to have value at least 0", etype="RuntimeError")
    add("err/target_length>S-padded", "CTCLoss", {}, {"log_probs": lp, "targets": tg, "input_lengths": I([4, 3]), "target_lengths": I([2, 1])},
        match="Expected tensor to have size at least", etype="RuntimeError")
    add("err/log_probs-4d", "CTCLoss", {}, {"log_probs": lp.unsqueeze(0), "targets": tg, "input_lengths": I([4, 3]), "target_lengths": I([1, 1])},
        match="Expected 3-dimensional tensor", etype="RuntimeError")
    add("err/3d-input", "MultiMarginLoss", {}, {"input": randn(2, 3, 4), "target": I([0, 1])},
        match="Expected non-empty vector or matrix", etype="RuntimeError")
    add("err/target-2d", "MultiMarginLoss", {}, {"input": randn(2, 3), "target": I([[0, 1]])},
        match="target tensor should be 1-D", etype="RuntimeError")
    add("err/3d-input", "MultiLabelMarginLoss", {}, {"input": randn(2, 3, 4), "target": torch.zeros(2, 3, 4, dtype=torch.int64)},
        match="Expected non-empty vector or matrix", etype="RuntimeError")
    add("err/input-0d", "NLLLoss", {}, {"input": T(0.5), "target": I(0)}, match="Expected 1 or more dimensions", etype="ValueError")
    add("err/2d-index-target-for-2d-input", "NLLLoss", {}, {"input": randn(3, 4), "target": torch.zeros(3, 4, dtype=torch.int64)},
        match="multi-target not supported", etype="RuntimeError")
    add("err/2d-index-target-for-2d-input", "CrossEntropyLoss", {}, {"input": randn(3, 4), "target": torch.zeros(3, 4, dtype=torch.int64)},
        match="Expected floating point type for target with class probabilities", etype="RuntimeError")
    add("err/integer-input", "KLDivLoss", {}, {"input": I([1, 2, 3]), "target": I([1, 1, 1])},
        match="Integral inputs not supported", etype="RuntimeError")
    add("err/input-0d", "MultiLabelSoftMarginLoss", {}, {"input": T(0.5), "target": T(1.0)},
        match="Dimension specified as -1 but tensor has no dimensions", etype="IndexError")
    add("err/inputs-0d", "CosineEmbeddingLoss", {}, {"input1": T(0.5), "input2": T(1.0), "target": T(1.0)},
        match="0D target tensor expects 1D input tensors", etype="RuntimeError")
    add("0d-inputs/mean", "TripletMarginLoss", {}, {"anchor": T(0.5), "positive": T(1.25), "negative": T(-0.5)}, tags=["quirk"])
    add("2d-inputs/none", "MarginRankingLoss", {"reduction": "none"}, {"input1": randn(2, 3), "input2": randn(2, 3), "target": signs(2, 3)})
    add("int64-target/mean", "MSELoss", {}, {"input": randn(2, 3), "target": randint(-2, 3, (2, 3))}, tags=["quirk"])
    add("int64-target/none", "SoftMarginLoss", {"reduction": "none"}, {"input": randn(4), "target": I([1, -1, -1, 1])}, tags=["quirk"])
    # float32 reductions accumulate in float32: a sum past float32's range is inf even where the mean would fit.
    big = torch.full((3,), 1.5e19, dtype=F32)
    zero = torch.zeros(3, dtype=F32)
    for red in ("mean", "sum"):
        add(f"f32-sum-overflow/{red}", "MSELoss", {"reduction": red}, {"input": big, "target": zero}, tags=["quirk"])
    add("f32-sum-overflow/mean", "L1Loss", {}, {"input": torch.full((3,), 2e38, dtype=F32), "target": zero}, tags=["quirk"])
    add("f32-sum-overflow/mean", "BCEWithLogitsLoss", {}, {"input": torch.full((3,), -2e38, dtype=F32), "target": torch.ones(3, dtype=F32)}, tags=["quirk"])
    add("f32-sum-overflow/mean", "HuberLoss", {"delta": 1e38}, {"input": torch.full((2, 2), 1.5e19, dtype=F32), "target": torch.zeros(2, 2, dtype=F32)}, tags=["quirk"])


GENERATORS = [
    pointwise, cross_entropy_and_nll, cross_entropy_extra, nll_extra, bce, bce_with_logits, kl_div, poisson_nll,
    gaussian_nll, margin_ranking, hinge_embedding, multilabel_margin, soft_margin, multilabel_soft_margin,
    cosine_embedding, multi_margin, triplet_margin, triplet_with_distance, ctc, edges,
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "test", "fixtures", "engine", "generated.json"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    for g in GENERATORS:
        g()
    doc = {
        "torch_version": torch.__version__,
        "generated_by": "scripts/gen_fixtures.py",
        "seed": SEED,
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "case_count": len(cases),
        "cases": cases,
    }
    with open(args.out, "w") as f:
        json.dump(doc, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    by_module = {}
    for c in cases:
        by_module[c["module"]] = by_module.get(c["module"], 0) + 1
    errors = sum(1 for c in cases if c["error"])
    f32 = sum(1 for c in cases if c["dtype"] == "float32")
    print(f"{len(cases)} cases ({errors} errors, {f32} float32) -> {os.path.relpath(args.out)}", file=sys.stderr)
    for m, n in sorted(by_module.items()):
        print(f"  {m}: {n}", file=sys.stderr)


if __name__ == "__main__":
    main()
