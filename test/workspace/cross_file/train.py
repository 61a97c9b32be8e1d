"""Trains models/net.py's Net with CrossEntropyLoss: the double softmax (LL103) is only visible across files."""
import torch
import torch.nn as nn
from models.net import Net

model = Net()
criterion = nn.CrossEntropyLoss()
x = torch.randn(8, 16)
y = torch.randint(0, 10, (8,))
loss = criterion(model(x), y)
