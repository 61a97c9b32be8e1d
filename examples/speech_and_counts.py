"""Two likelihoods that take their input in log space: CTC for speech, Poisson for counts."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SpeechRecognizer(nn.Module):
    """Mel frames → per-frame scores over 28 characters plus the CTC blank (index 0)."""

    def __init__(self, n_mels: int = 80, hidden: int = 128, vocab: int = 29) -> None:
        super().__init__()
        self.rnn = nn.GRU(n_mels, hidden, batch_first=True)
        self.classifier = nn.Linear(hidden, vocab)

    def forward(self, mels: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(mels)
        return self.classifier(out)  # (N, T, C) raw scores


asr = SpeechRecognizer()
ctc = nn.CTCLoss(blank=0, zero_infinity=True)
mels = torch.randn(4, 50, 80)
targets = torch.randint(1, 29, (4, 12))
input_lengths = torch.full((4,), 50, dtype=torch.long)
target_lengths = torch.full((4,), 12, dtype=torch.long)

# Wrong: CTCLoss sums its input as log-probabilities; these are raw scores (LL111).
scores = asr(mels).transpose(0, 1)  # (T, N, C)
loss = ctc(scores, targets, input_lengths, target_lengths)

# Right: log_softmax over the classes, time first.
log_probs = asr(mels).log_softmax(dim=-1).transpose(0, 1)
loss = ctc(log_probs, targets, input_lengths, target_lengths)


class RateModel(nn.Module):
    """Features → an expected number of events, kept positive by a softplus."""

    def __init__(self, n_features: int = 12) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_features, 32), nn.ReLU(), nn.Linear(32, 1), nn.Softplus())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x).squeeze(-1)


rates = RateModel()
x = torch.randn(16, 12)
counts = torch.poisson(torch.full((16,), 3.0))

# Wrong: the model outputs the rate itself, but log_input=True (the default) exponentiates it again (LL112).
poisson = nn.PoissonNLLLoss()
loss = poisson(rates(x), counts)

# Right: tell the loss that the input is a rate.
poisson = nn.PoissonNLLLoss(log_input=False)
loss = poisson(rates(x), counts)
loss.backward()
print(f"poisson loss {loss.item():.3f}")
