"""The cINN baseline's conditional flow of libs/cinn-baseline in PyTorch, for bench:peer:
`blocks` x [ActNorm -> invertible leaky ReLU -> double affine coupling -> fixed permutation],
the coupling subnets MLPs with leaky ReLU between layers, tanh on the scale nets and a
zero-initialised last layer; loss mean(0.5 |v|^2) - mean(log|det|) (ConditionalFlow.nll).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class ActNorm(nn.Module):
    def __init__(self, dim: int, identity: bool):
        super().__init__()
        self.loc = nn.Parameter(torch.zeros(dim))
        self.scale = nn.Parameter(torch.ones(dim))
        self.register_buffer("initialized", torch.tensor(1 if identity else 0, dtype=torch.uint8))

    @torch.no_grad()
    def initialize(self, x):
        self.loc.copy_(-x.mean(0))
        self.scale.copy_(1 / (x.std(0, unbiased=False) + 1e-6))
        self.initialized.fill_(1)

    def forward(self, x):
        if self.training and int(self.initialized) == 0:
            self.initialize(x)
        return self.scale * (x + self.loc), torch.log(self.scale.abs()).sum().expand(x.shape[0])


class InvertibleLeakyRelu(nn.Module):
    def __init__(self, alpha: float, logdet: bool):
        super().__init__()
        self.alpha = alpha
        self.logdet = logdet

    def forward(self, x):
        y = F.leaky_relu(x, self.alpha)
        if not self.logdet:
            return y, x.new_zeros(x.shape[0])
        return y, (x < 0).sum(1).to(x.dtype) * math.log(self.alpha)


class CouplingMlp(nn.Module):
    def __init__(self, in_features: int, hidden: list, out_features: int, slope: float, tanh: bool):
        super().__init__()
        widths = [in_features, *hidden, out_features]
        self.layers = nn.ModuleList([nn.Linear(widths[i], widths[i + 1]) for i in range(len(widths) - 1)])
        nn.init.zeros_(self.layers[-1].weight)
        self.slope = slope
        self.tanh = tanh

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = F.leaky_relu(x, self.slope)
        return torch.tanh(x) if self.tanh else x


class DoubleAffineCoupling(nn.Module):
    def __init__(self, dim: int, cond_dim: int, hidden: list, slope: float):
        super().__init__()
        d1 = math.ceil(dim / 2)
        self.split = (d1, dim - d1)
        self.scale1 = CouplingMlp(d1 + cond_dim, hidden, dim - d1, slope, True)
        self.shift1 = CouplingMlp(d1 + cond_dim, hidden, dim - d1, slope, False)
        self.scale2 = CouplingMlp(dim - d1 + cond_dim, hidden, d1, slope, True)
        self.shift2 = CouplingMlp(dim - d1 + cond_dim, hidden, d1, slope, False)

    def forward(self, x, cond):
        x1, x2 = x.split(self.split, 1)
        h1 = torch.cat([x1, cond], 1)
        s1 = self.scale1(h1)
        y2 = x2 * torch.exp(s1) + self.shift1(h1)
        h2 = torch.cat([y2, cond], 1)
        s2 = self.scale2(h2)
        y1 = x1 * torch.exp(s2) + self.shift2(h2)
        return torch.cat([y1, y2], 1), s1.sum(1) + s2.sum(1)


class FixedPermutation(nn.Module):
    def __init__(self, dim: int, kind: str, generator: torch.Generator):
        super().__init__()
        perm = torch.randperm(dim, generator=generator) if kind == "random" else torch.arange(dim - 1, -1, -1)
        self.register_buffer("permutation", perm)

    def forward(self, x):
        return x.index_select(1, self.permutation), x.new_zeros(x.shape[0])


class ConditionalFlow(nn.Module):
    def __init__(self, c: dict):
        super().__init__()
        g = torch.Generator().manual_seed(1)
        dim = c["latentDim"]
        blocks = []
        for _ in range(c["blocks"]):
            blocks += [
                ActNorm(dim, c["actnormInit"] == "identity"),
                InvertibleLeakyRelu(c["leakyAlpha"], c["leakyLogdet"]),
                DoubleAffineCoupling(dim, c["condDim"], c["hidden"], c["mlpSlope"]),
                FixedPermutation(dim, c["permutation"], g),
            ]
        self.blocks = nn.ModuleList(blocks)

    def encode(self, z, cond):
        logdet = z.new_zeros(z.shape[0])
        for block in self.blocks:
            z, ld = block(z, cond) if isinstance(block, DoubleAffineCoupling) else block(z)
            logdet = logdet + ld
        return z, logdet

    def nll(self, z, cond):
        v, logdet = self.encode(z, cond)
        return (0.5 * v.square().sum(1)).mean() - logdet.mean()
