"""Literals a hostile repository can write: each is tiny text for a huge amount of work, or markup in an option."""
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 1))
criterion = nn.BCELoss()
x = torch.randn(16, 10)
labels = torch.randint(0, 2, (16, 1)).float()
logits = model(x)
loss = criterion(logits, labels)

one_hot = F.l1_loss(F.one_hot(torch.tensor([100000000])), torch.zeros(1, 100000001))
broadcast = F.mse_loss(torch.zeros(5000, 1), torch.ones(1, 5000))
ten_million = F.mse_loss(torch.zeros(10000000), torch.zeros(10000000))

marked = nn.CrossEntropyLoss(label_smoothing="`](http://link.invalid/x) ![](http://evil.invalid/img.png) <img src=http://evil.invalid/tag.png>")
injected = marked(logits, labels)
