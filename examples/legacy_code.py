"""Old training code: deprecated arguments, an uninstantiated loss class, MSE on class labels."""
import torch
import torch.nn as nn
from torch.nn import MSELoss

model = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 5))
x = torch.randn(20, 16)
y = torch.randint(0, 5, (20,))
scores = model(x)

# Wrong: size_average/reduce are deprecated; say reduction='sum' (LL302).
l1 = nn.L1Loss(size_average=False)

# Wrong: the class itself is called with tensors, not an instance (LL303).
criterion = nn.SmoothL1Loss
loss = criterion(scores, torch.randn(20, 5))

# Wrong: MSE between 5-class scores and integer labels (LL204); use CrossEntropyLoss.
mse = MSELoss()
loss = mse(scores, y)

# Right: regression with MSE on real-valued targets.
regressor = nn.Linear(16, 1)
mse = MSELoss(reduction="mean")
loss = mse(regressor(x).squeeze(1), torch.randn(20))
loss.backward()
