"""Notebooks as Jupyter writes them, for `loss-lens check --fix` byte-preservation tests.

nbformat writes JSON with indent=1, sorted keys, non-ASCII as is, and Python's spelling of numbers
(1.0, 1e-05, integers past 2**53). For each notebook this writes the input and, as the oracle, the
same notebook with only the fixed cell's code changed, written by nbformat too: a fix that touches no
other byte produces exactly that file. Cell sources are lists of lines (nbformat's default) in
`lines`, single strings in `string`.

Run: pip install nbformat && python3 scripts/gen_hostile_notebooks.py
"""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "hostile"

NUMBERS = {"lr": 1.0, "eps": 1e-05, "seed": 12345678901234567890, "tiny": 5e-324, "neg": -0.0, "big": 1.7976931348623157e308}

IMPORTS = "%matplotlib inline\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F"
BUGGY = "# café: an unchanged line keeps its bytes\nkl = nn.KLDivLoss()\nloss = F.cross_entropy(F.softmax(logits, dim=1), y)\nprint(loss)"
FIXED = "# café: an unchanged line keeps its bytes\nkl = nn.KLDivLoss(reduction='batchmean')\nloss = F.cross_entropy(logits, y)\nprint(loss)"


def notebook(code):
    out = new_output("execute_result", data={"text/plain": "tensor(1.)", "application/json": NUMBERS}, execution_count=2)
    return new_notebook(
        cells=[
            new_markdown_cell("# Training ©"),
            new_code_cell(IMPORTS, execution_count=1, metadata={"numbers": NUMBERS}),
            new_code_cell(code, execution_count=2, outputs=[out], metadata={"tags": ["train"], "eps": 1e-05}),
            new_code_cell("x = 1.0  # untouched", execution_count=3),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}, "numbers": NUMBERS},
    )


def write(name, code, split_lines):
    nb = notebook(code)
    for c in nb.cells:
        c.pop("id", None)  # ids are random; fixtures must be stable
    nb.nbformat_minor = 4
    text = nbformat.writes(nb, split_lines=split_lines)
    (OUT / name).write_bytes(text.encode("utf-8"))


OUT.mkdir(parents=True, exist_ok=True)
for form, split in (("lines", True), ("string", False)):
    write(f"notebook-{form}.ipynb", BUGGY, split)
    write(f"notebook-{form}.fixed.ipynb", FIXED, split)
