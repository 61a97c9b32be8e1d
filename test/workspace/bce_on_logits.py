"""Binary classifier whose raw scores go straight into BCELoss (LL101 bce-on-logits)."""
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 1))
criterion = nn.BCELoss()

x = torch.randn(16, 10)
labels = torch.randint(0, 2, (16, 1)).float()
logits = model(x)
loss = criterion(logits, labels)
loss.backward()
