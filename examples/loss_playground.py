"""A scratch pad for Loss Lens's calculator, inline values, hover and loss picker.

- Loss calls on literal tensors show their value inline (e.g. `= 0.3133`); hover it for the gradient.
- "Evaluate in Loss Calculator" (light bulb or CodeLens on a loss) opens the calculator preset with
  that loss and these tensors; or run "Loss Lens: Open Loss Calculator" from the Command Palette.
- Hover any loss name below for what it computes, its shapes and its pitfalls.
- Put the cursor on the empty line at the end and run "Loss Lens: Choose a Loss…".
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

# Multi-class: raw scores for 2 samples × 3 classes, and their class indices.
logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])
target = torch.tensor([0, 2])
ce = F.cross_entropy(logits, target)
ce_smooth = nn.CrossEntropyLoss(label_smoothing=0.1)(logits, target)

# Binary: one logit per sample with float labels.
scores = torch.tensor([1.5, -0.3, 0.8, -2.0])
labels = torch.tensor([1.0, 0.0, 1.0, 0.0])
bce = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0))(scores, labels)

# Regression: squared vs absolute vs robust errors on the same residuals.
pred = torch.tensor([2.5, 0.0, 2.0, 8.0])
true = torch.tensor([3.0, -0.5, 2.0, 7.0])
mse = F.mse_loss(pred, true)
l1 = F.l1_loss(pred, true)
huber = nn.HuberLoss(delta=1.0)(pred, true)
smooth_l1 = nn.SmoothL1Loss(beta=0.5)(pred, true)

# Distributions: KL divergence takes log-probabilities as input and probabilities as target.
p_log = F.log_softmax(torch.tensor([[1.0, 2.0, 0.5]]), dim=1)
q = torch.tensor([[0.2, 0.7, 0.1]])
kl = nn.KLDivLoss(reduction="batchmean")(p_log, q)

print(f"ce={ce:.4f} ce_smooth={ce_smooth:.4f} bce={bce:.4f} mse={mse:.4f} l1={l1:.4f} "
      f"huber={huber:.4f} smooth_l1={smooth_l1:.4f} kl={kl:.4f}")

