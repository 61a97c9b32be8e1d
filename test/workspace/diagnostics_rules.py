"""Loss Lens diagnostics fixture: a double softmax, a KLDivLoss left on reduction='mean'."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        return self.fc(x)


model = Net()
criterion = nn.CrossEntropyLoss()
x = torch.randn(16, 8)
y = torch.randint(0, 4, (16,))
outputs = model(x)
loss = criterion(F.softmax(outputs, dim=1), y)
kl = nn.KLDivLoss()
