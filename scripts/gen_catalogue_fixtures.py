"""PyTorch's own view of the catalogue: constructor and functional signatures, and the
result of running each catalogue example. Writes test/fixtures/catalogue/torch.json.

Usage: npx tsx scripts/dump-catalogue.ts | python3 scripts/gen_catalogue_fixtures.py
"""
import inspect
import json
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


def params_of(fn, skip):
    out = []
    for p in list(inspect.signature(fn).parameters.values())[skip:]:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        default = None if p.default is inspect.Parameter.empty else p.default
        out.append({"name": p.name, "default": default, "repr": repr(default), "keywordOnly": p.kind == p.KEYWORD_ONLY})
    return out


def run_example(source):
    torch.manual_seed(0)
    scope = {}
    try:
        exec(compile(source, "<example>", "exec"), scope)
    except Exception as e:  # recorded, so the test shows which example broke and why
        return {"ok": False, "error": f"{type(e).__name__}: {e}"}
    loss = scope.get("loss")
    value = float(loss.detach()) if isinstance(loss, torch.Tensor) and loss.numel() == 1 else None
    return {"ok": value is not None and math.isfinite(value), "loss": value}


def main():
    entries = json.load(sys.stdin)
    out = {"torch_version": torch.__version__, "losses": {}}
    for e in entries:
        cls = getattr(nn, e["module"])
        fn = getattr(F, e["functional"])
        out["losses"][e["id"]] = {
            "module": e["module"],
            "init": params_of(cls.__init__, 1),
            "forward": [p["name"] for p in params_of(cls.forward, 1)],
            "functional": params_of(fn, 0),
            "example": {"source": e["example"], **run_example(e["example"])},
        }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


main()
