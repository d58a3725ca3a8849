"""Shared pieces of the PyTorch peers (bench:peer): norm groups, optimisers, parameter counts.

Used only by tools/bench/peer (a benchmark); PyTorch is never a dependency of the platform.
"""
import torch
import torch.nn as nn


def norm_groups(channels: int, max_groups: int = 32) -> int:
    """libs/nn normGroups: the largest divisor <= max_groups leaving >= 4 channels per group, else 1."""
    cap = max(1, min(max_groups, channels // 4))
    for g in range(cap, 1, -1):
        if channels % g == 0:
            return g
    return 1


def feature_norm(channels: int, max_groups: int = 32) -> nn.GroupNorm:
    """libs/nn featureNorm: GroupNorm(normGroups(C), C), affine, eps 1e-5."""
    return nn.GroupNorm(norm_groups(channels, max_groups), channels, eps=1e-5)


def trainable_count(module: nn.Module) -> int:
    """Trainable scalars, as the project side counts them (buffers such as spectral norm's u, v excluded)."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def trainable_shapes(module: nn.Module) -> list:
    """Shapes of the trainable parameters, for the layer-by-layer comparison with the project's."""
    return [list(p.shape) for p in module.parameters() if p.requires_grad]


def make_optimizer(params, cfg: dict) -> torch.optim.Optimizer:
    """libs/nn createOptimizer: 'adam' = Adam with L2 weight decay (PyTorch's weight_decay), 'adamw' = AdamW, 'sgd'."""
    kind = cfg["kind"]
    betas = (float(cfg["betas"][0]), float(cfg["betas"][1]))
    wd = float(cfg.get("weightDecay", 0))
    if kind == "adam":
        return torch.optim.Adam(params, lr=cfg["lr"], betas=betas, eps=1e-8, weight_decay=wd, amsgrad=bool(cfg.get("amsgrad", False)))
    if kind == "adamw":
        return torch.optim.AdamW(params, lr=cfg["lr"], betas=betas, eps=1e-8, weight_decay=wd, amsgrad=bool(cfg.get("amsgrad", False)))
    if kind == "sgd":
        return torch.optim.SGD(params, lr=cfg["lr"], momentum=float(cfg.get("momentum", 0)), weight_decay=wd)
    raise ValueError(f"unknown optimizer kind {kind!r}")


def optimizer_step(module: nn.Module, optimizer: torch.optim.Optimizer, loss: torch.Tensor, grad_clip: float) -> float:
    """Backward, optional global-norm clipping (as clipByGlobalNorm), update; returns the loss value."""
    loss.backward()
    if grad_clip > 0:
        torch.nn.utils.clip_grad_norm_([p for p in module.parameters() if p.requires_grad], grad_clip)
    optimizer.step()
    return float(loss.item())
