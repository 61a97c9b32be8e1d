"""A classifier whose forward ends in a softmax: harmless here, wrong for whoever feeds it to CrossEntropyLoss."""
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)
