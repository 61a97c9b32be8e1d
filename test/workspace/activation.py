"""A plain training step with no misuse: opening it must activate Loss Lens and report nothing."""
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(features, 64), nn.ReLU(), nn.Linear(64, classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


model = Classifier(20, 5)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

x = torch.randn(32, 20)
y = torch.randint(0, 5, (32,))
optimizer.zero_grad()
loss = criterion(model(x), y)
loss.backward()
optimizer.step()
