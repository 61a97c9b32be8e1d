"""Runs the loss picker's inserted snippets under PyTorch. Writes test/fixtures/catalogue/picker.json.

Usage: npx tsx scripts/dump-picker.ts | python3 scripts/gen_picker_fixtures.py
"""
import json
import math
import sys
import warnings

import torch


def run(program):
    scope = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(compile(program, "<picker>", "exec"), scope)
        except Exception as e:  # recorded so the test names the broken path
            return {"ok": False, "error": f"{type(e).__name__}: {e}"}
    loss = scope.get("loss")
    ok = isinstance(loss, torch.Tensor) and loss.numel() == 1 and math.isfinite(float(loss.detach()))
    return {"ok": ok, "loss": float(loss.detach()) if ok else None, "warnings": [str(w.message) for w in caught]}


def main():
    paths = json.load(sys.stdin)
    out = {"torch_version": torch.__version__, "paths": {p["key"]: {"program": p["program"], **run(p["program"])} for p in paths}}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


main()
