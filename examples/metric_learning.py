"""Siamese network for duplicate-question detection with embedding losses."""
import torch
import torch.nn as nn

encoder = nn.Sequential(nn.Linear(300, 128), nn.ReLU(), nn.Linear(128, 64))
cosine = nn.CosineEmbeddingLoss(margin=0.2)
ranking = nn.MarginRankingLoss(margin=1.0)

left, right = torch.randn(32, 300), torch.randn(32, 300)
is_duplicate = torch.randint(0, 2, (32,))  # 1 = duplicate, 0 = different

# Wrong: CosineEmbeddingLoss wants targets in {1, -1}; 0 is treated as neither (LL203).
loss = cosine(encoder(left), encoder(right), is_duplicate)

# Right: map {0, 1} to {-1, 1}.
target = is_duplicate * 2 - 1
loss = cosine(encoder(left), encoder(right), target.float())

# Right: MarginRankingLoss with ±1 preferences.
scores_a, scores_b = encoder(left).norm(dim=1), encoder(right).norm(dim=1)
prefer_a = torch.ones(32)
loss = loss + ranking(scores_a, scores_b, prefer_a)
loss.backward()
