"""Knowledge distillation: a student matches a teacher's softened distribution with KL divergence."""
import torch
import torch.nn as nn
import torch.nn.functional as F

teacher = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 10)).eval()
student = nn.Sequential(nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 10))
T = 4.0  # temperature

x = torch.randn(64, 32)
with torch.no_grad():
    teacher_probs = F.softmax(teacher(x) / T, dim=1)
student_logits = student(x)

# Wrong: kl_div's input must be log-probabilities; softmax output is not (LL105).
student_probs = F.softmax(student_logits / T, dim=1)
kd_wrong = F.kl_div(student_probs, teacher_probs, reduction="batchmean")

# Wrong: reduction='mean' (the default) averages over every element, not the batch (LL301).
kl = nn.KLDivLoss()
kd_mean = kl(F.log_softmax(student_logits / T, dim=1), teacher_probs)

# Wrong: the teacher's log-probabilities as target need log_target=True, else the loss is NaN (LL110).
teacher_log_probs = F.log_softmax(teacher(x) / T, dim=1)
kd_nan = F.kl_div(F.log_softmax(student_logits / T, dim=1), teacher_log_probs, reduction="batchmean")

# Right: log-probabilities in, 'batchmean' reduction, scaled by T² as in Hinton et al.
kl = nn.KLDivLoss(reduction="batchmean")
kd = kl(F.log_softmax(student_logits / T, dim=1), teacher_probs) * T * T
kd_log = F.kl_div(F.log_softmax(student_logits / T, dim=1), teacher_log_probs, reduction="batchmean", log_target=True)
kd.backward()
print(f"distillation loss {kd.item():.4f}")
