"""Character-level language model: log-probabilities done wrong, then right."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence

VOCAB = 64


class CharLSTM(nn.Module):
    def __init__(self, vocab: int = VOCAB, hidden: int = 128) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, 32)
        self.lstm = nn.LSTM(32, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        hidden, _ = self.lstm(self.embed(tokens))
        return self.out(hidden)  # (batch, time, vocab) logits


model = CharLSTM()
nll = nn.NLLLoss()
tokens = torch.randint(0, VOCAB, (4, 17))
inputs, targets = tokens[:, :-1], tokens[:, 1:]

logits = model(inputs).reshape(-1, VOCAB)
flat_targets = targets.reshape(-1)

# Wrong: NLLLoss expects log-probabilities, these are raw scores (LL104).
loss = nll(logits, flat_targets)

# Wrong: log(softmax(x)) underflows to -inf for confident predictions; use log_softmax (LL106).
log_probs = torch.log(F.softmax(logits, dim=-1))

# Right: log_softmax then NLLLoss (equivalently, CrossEntropyLoss on the logits).
log_probs = F.log_softmax(logits, dim=-1)
loss = nll(log_probs, flat_targets)
loss.backward()
print(f"perplexity {loss.exp().item():.1f}")

# Wrong: pad_sequence pads with 0 (a real character) but the loss ignores -100, so padding is trained on (LL206).
lines = [torch.randint(1, VOCAB, (n,)) for n in (12, 7, 9)]
batch = pad_sequence(lines, batch_first=True)
loss = F.cross_entropy(model(batch[:, :-1]).transpose(1, 2), batch[:, 1:])

# Right: pad the targets with the ignore_index.
targets = pad_sequence(lines, batch_first=True, padding_value=-100)
loss = F.cross_entropy(model(batch[:, :-1]).transpose(1, 2), targets[:, 1:])
