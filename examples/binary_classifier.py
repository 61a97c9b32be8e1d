"""Spam detector: a binary classifier trained three ways, two of them wrong.

Open this file with Loss Lens loaded: the squiggles mark the misuses, the light bulb (Ctrl+.) fixes
them, and hovering `nn.BCEWithLogitsLoss` explains the loss.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class SpamClassifier(nn.Module):
    """Bag-of-words features → one raw score (a logit) per message."""

    def __init__(self, vocab_size: int, hidden: int = 64) -> None:
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(vocab_size, hidden), nn.ReLU(), nn.Dropout(0.1))
        self.head = nn.Linear(hidden, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.encoder(x)).squeeze(-1)


def make_data(n: int = 256, vocab: int = 100):
    x = torch.rand(n, vocab)
    labels = (x[:, :10].sum(dim=1) > 5).long()  # integer class ids 0/1
    return TensorDataset(x, labels)


model = SpamClassifier(vocab_size=100)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(make_data(), batch_size=32, shuffle=True)

# Wrong: BCELoss expects probabilities, but the model returns raw logits (LL101).
criterion = nn.BCELoss()
for x, labels in loader:
    logits = model(x)
    loss = criterion(logits, labels.float())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    break

# Wrong: BCEWithLogitsLoss applies the sigmoid itself; squashing first applies it twice (LL102).
with_logits = nn.BCEWithLogitsLoss()
for x, labels in loader:
    probs = torch.sigmoid(model(x))
    loss = with_logits(probs, labels.float())
    break

# Wrong: BCE targets must be floating point; integer labels raise at run time (LL202).
for x, labels in loader:
    targets = labels.long()
    loss = F.binary_cross_entropy_with_logits(model(x), targets)
    break

# Wrong: under CUDA autocast PyTorch refuses BCELoss ("unsafe to autocast") (LL305).
amp_criterion = nn.BCELoss()
for x, labels in loader:
    with torch.autocast(device_type="cuda", dtype=torch.float16, enabled=torch.cuda.is_available()):
        logits = model(x)
        probs = torch.sigmoid(logits)
        loss = amp_criterion(probs, labels.float())
    break

# Right: raw logits into BCEWithLogitsLoss, float targets.
criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0))
for epoch in range(2):
    for x, labels in loader:
        loss = criterion(model(x), labels.float())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")
