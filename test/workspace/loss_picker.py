"""Training script the loss picker test inserts into."""
import torch

x = torch.randn(8, 16)

