import torch
import torch.nn as nn
import torch.nn.functional as F

pred = torch.tensor([1.0, 2.0])
target = torch.tensor([0.0, 0.0])
loss = F.mse_loss(pred, target)

criterion = nn.MSELoss(reduction="sum")
total = criterion(pred, torch.tensor([1.0, 0.0]))
