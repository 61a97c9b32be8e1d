import torch
import torch.nn as nn
from torch.nn import BCELoss as B


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(16, 5)
        self.criterion = nn.CrossEntropyLoss(label_smoothing=0.1)

    def training_step(self, x, y):
        logits = self.head(x)
        return self.criterion(logits, y)


probability_loss = B()
