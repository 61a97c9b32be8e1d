"""Ten-class image classifier with the classic CrossEntropyLoss mistakes."""
import torch
from torch import nn
import torch.nn.functional as F

NUM_CLASSES = 10


class SmallCNN(nn.Module):
    def __init__(self, num_classes: int = NUM_CLASSES) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Linear(32, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x).flatten(1))


class Trainer:
    def __init__(self, model: nn.Module) -> None:
        self.model = model
        self.criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
        self.optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step_with_softmax(self, images: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        # Wrong: CrossEntropyLoss already applies log_softmax; this softmaxes twice (LL103).
        probs = F.softmax(self.model(images), dim=1)
        return self.criterion(probs, labels)

    def step_with_one_hot(self, images: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        # Wrong: a hard one-hot target; pass the class indices instead (LL201).
        target = F.one_hot(labels, NUM_CLASSES).float()
        return self.criterion(self.model(images), target)

    def step_with_sigmoid(self, images: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        # Wrong: a sigmoid squeezes the scores into (0, 1), where softmax barely moves (LL108).
        scores = torch.sigmoid(self.model(images))
        return self.criterion(scores, labels)

    def step_swapped(self, images: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        outputs = self.model(images)
        # Wrong: (target, input) order — the loss is computed on the wrong tensors (LL304).
        return self.criterion(labels, outputs)

    def step(self, images: torch.Tensor, labels: torch.Tensor) -> float:
        # Right: raw logits and class indices.
        loss = self.criterion(self.model(images), labels)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()


# Wrong: a one-unit head with CrossEntropyLoss is always zero loss (LL107); use BCEWithLogitsLoss.
binary_head = nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32, 1))
ce = nn.CrossEntropyLoss()
images = torch.randn(8, 3, 32, 32)
always_zero = ce(binary_head(images), torch.zeros(8, dtype=torch.long))

trainer = Trainer(SmallCNN())
labels = torch.randint(0, NUM_CLASSES, (8,))
for _ in range(3):
    print(trainer.step(images, labels))
