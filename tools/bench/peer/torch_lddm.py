"""LDDM's networks of libs/lddm-core in PyTorch, for bench:peer.

Stage 1: the 3D ResNet video encoder (GroupNorm, strided 3x3x3 projection shortcuts, vector
latent head on time folded into channels) and the SPADE + AdaIN decoder (spectral-normalised
3x3x3 convs, nearest upsampling on the project's schedule), with the project's stage-1 loss
(10 L1 + 30 multi-scale gradient L1 stand-in + 1e-6 KL). Stage 2: the residual-MLP denoiser
(sinusoidal time embedding, x0 CNN encoder, FiLM residual blocks) and the eq. 3 epsilon loss.
Built from the configs the project resolves from the profile (sent by peer.ts), so the layer
sizes, and with them the trainable parameter counts, are the same. Layout: [B, C, T, H, W].
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

# ---------------------------------------------------------------- encoder (autoencoder/video-encoder-3d.ts, basic-block-3d.ts)


class BasicBlock3D(nn.Module):
    def __init__(self, inp: int, out: int, stride, groups: int, shortcut_kernel: int):
        super().__init__()
        self.conv1 = nn.Conv3d(inp, out, 3, stride, 1, bias=False)
        self.norm1 = nn.GroupNorm(groups, out)
        self.conv2 = nn.Conv3d(out, out, 3, 1, 1, bias=False)
        self.norm2 = nn.GroupNorm(groups, out)
        self.shortcut = None
        if inp != out or any(s != 1 for s in stride):
            k = shortcut_kernel
            self.shortcut = nn.Sequential(nn.Conv3d(inp, out, k, stride, (k - 1) // 2, bias=False), nn.GroupNorm(groups, out))

    def forward(self, x):
        h = F.relu(self.norm1(self.conv1(x)))
        dx = self.norm2(self.conv2(h))
        skip = x if self.shortcut is None else self.shortcut(x)
        return F.relu(skip + dx)


class VideoEncoder3D(nn.Module):
    def __init__(self, c: dict):
        super().__init__()
        if c["latent"]["kind"] != "vector":
            raise NotImplementedError("bench:peer builds the vector latent only (the cpu and paper profiles)")
        ch, groups = c["channels"], c["groups"]
        self.stem = nn.Sequential(
            nn.Conv3d(c["inChannels"], ch[0], c["stemKernel"], c["stemStride"], c["stemPadding"], bias=False),
            nn.GroupNorm(groups, ch[0]),
            nn.ReLU(),
        )
        stages = []
        for i in range(4):
            stride = (c["strideT"][i], c["strideS"][i], c["strideS"][i])
            blocks = [BasicBlock3D(ch[i], ch[i + 1], stride, groups, c["shortcutKernel"])]
            blocks += [BasicBlock3D(ch[i + 1], ch[i + 1], (1, 1, 1), groups, c["shortcutKernel"]) for _ in range(c["blocksPerStage"] - 1)]
            stages.append(nn.Sequential(*blocks))
        self.stages = nn.Sequential(*stages)
        with torch.no_grad():
            f = self.stages(self.stem(torch.zeros(1, c["inChannels"], c["frames"], c["height"], c["width"])))
        _, c4, t, h, w = f.shape
        z = c["latent"]["zDim"]
        self.mu = nn.Conv2d(t * c4, z, (h, w))
        self.logvar = nn.Conv2d(t * c4, z, (h, w))

    def forward(self, x):  # [B, C, T, H, W] -> mu, logvar [B, zDim]
        f = self.stages(self.stem(x))
        b, c4, t, h, w = f.shape
        folded = f.permute(0, 2, 1, 3, 4).reshape(b, t * c4, h, w)  # channel t * C + c, as the project folds
        return self.mu(folded).flatten(1), self.logvar(folded).flatten(1)


# ---------------------------------------------------------------- decoder (video-decoder.ts, generator-block.ts, spade.ts, adain.ts)


class Spade(nn.Module):
    def __init__(self, channels: int, image_channels: int, hidden: int, groups: int):
        super().__init__()
        self.norm = nn.GroupNorm(groups, channels, affine=False)
        self.shared = nn.Conv2d(image_channels, hidden, 3, 1, 1)
        self.gamma = nn.Conv2d(hidden, channels, 3, 1, 1)
        self.beta = nn.Conv2d(hidden, channels, 3, 1, 1)

    def forward(self, x, x0):  # x [B, C, T, H, W], x0 [B, Cimg, H0, W0]
        h, w = x.shape[3:]
        n = self.norm(x)
        x0r = x0 if x0.shape[2:] == (h, w) else F.interpolate(x0, size=(h, w), mode="bilinear", align_corners=False)
        s = F.leaky_relu(self.shared(x0r), 0.2)
        return n * (1 + self.gamma(s).unsqueeze(2)) + self.beta(s).unsqueeze(2)


class AdaIn(nn.Module):
    def __init__(self, channels: int, z_dim: int):
        super().__init__()
        self.channels = channels
        self.norm = nn.GroupNorm(channels, channels, affine=False)  # InstanceNorm over (T, H, W)
        self.linear = nn.Linear(z_dim, 2 * channels)

    def forward(self, x, z):
        style = self.linear(z).reshape(z.shape[0], 2 * self.channels, 1, 1, 1)
        return style[:, : self.channels] * self.norm(x) + style[:, self.channels :]


def maybe_sn(module: nn.Module, on: bool) -> nn.Module:
    return spectral_norm(module) if on else module


class GeneratorBlock(nn.Module):
    def __init__(self, inp: int, out: int, image_channels: int, hidden: int, z_dim: int, groups: int, sn: bool, upsample):
        super().__init__()
        self.upsample = tuple(upsample)
        self.spade = Spade(inp, image_channels, hidden, groups)
        self.conv0 = maybe_sn(nn.Conv3d(inp, out, 3, 1, 1), sn)
        self.adain = AdaIn(out, z_dim)
        self.conv1 = maybe_sn(nn.Conv3d(out, out, 3, 1, 1), sn)
        self.shortcut = None
        if inp != out:
            self.shortcut = nn.Sequential(nn.GroupNorm(groups, inp), maybe_sn(nn.Conv3d(inp, out, 1, bias=False), sn))

    def forward(self, x, x0, z):
        xu = x if all(f == 1 for f in self.upsample) else F.interpolate(x, scale_factor=self.upsample, mode="nearest")
        dx = self.conv0(F.leaky_relu(self.spade(xu, x0), 0.2))
        dx = self.conv1(F.leaky_relu(self.adain(dx, z), 0.2))
        skip = xu if self.shortcut is None else self.shortcut(xu)
        return skip + dx


class VideoDecoder(nn.Module):
    START = (1, 4, 4)

    def __init__(self, c: dict, schedule: list):
        super().__init__()
        if c["latent"]["kind"] != "vector":
            raise NotImplementedError("bench:peer builds the vector latent only (the cpu and paper profiles)")
        widths = [m * c["nf"] for m in c["channelMults"]]
        self.first = widths[0]
        z = c["latent"]["zDim"]
        self.fc = nn.Linear(z, math.prod(self.START) * widths[0])
        self.blocks = nn.ModuleList(
            [
                GeneratorBlock(
                    widths[max(i - 1, 0)], widths[i], c["outChannels"], c["spadeHidden"], z, c["groups"], c["spectralNorm"], step["upsample"]
                )
                for i, step in enumerate(schedule)
            ]
        )
        self.out = nn.Conv3d(widths[-1], c["outChannels"], 3, 1, 1)

    def forward(self, z, x0):  # z [B, zDim], x0 [B, C, H, W] -> [B, C, T, H, W]
        # [B, T, H, W, C] as the project reshapes the fc output (channels last), then PyTorch's layout.
        h = self.fc(z).reshape(z.shape[0], *self.START, self.first).permute(0, 4, 1, 2, 3)
        for block in self.blocks:
            h = block(h, x0, z)
        return torch.tanh(self.out(F.leaky_relu(h, 0.2)))


class VideoAutoencoder(nn.Module):
    def __init__(self, config: dict, schedule: list):
        super().__init__()
        self.encoder = VideoEncoder3D(config["encoder"])
        self.decoder = VideoDecoder(config["decoder"], schedule)


# ---------------------------------------------------------------- stage-1 loss (stage1-loss.ts, perceptual-stand-in.ts)


def multiscale_gradient_distance(a, b, scales: int = 3):
    """The project's perceptual stand-in: mean L1 of finite-difference gradients at 3 scales, 2x2 avg pool between."""
    terms = []
    for s in range(scales):
        h, w = a.shape[2:]
        if h < 2 or w < 2:
            break
        terms.append(((a[..., :, 1:] - a[..., :, :-1]) - (b[..., :, 1:] - b[..., :, :-1])).abs().mean())
        terms.append(((a[..., 1:, :] - a[..., :-1, :]) - (b[..., 1:, :] - b[..., :-1, :])).abs().mean())
        if s + 1 < scales:
            a = F.avg_pool2d(a, 2, 2)
            b = F.avg_pool2d(b, 2, 2)
    return sum(terms) / len(terms)


def kl_divergence(mu, logvar):
    return 0.5 * (mu.square() + logvar.exp() - 1 - logvar).sum() / mu.shape[0]


def frames_of(x):  # [B, C, T, H, W] -> [B * T, C, H, W]
    b, c, t, h, w = x.shape
    return x.permute(0, 2, 1, 3, 4).reshape(b * t, c, h, w)


def stage1_loss(x, recon, mu, logvar, weights: dict):
    l1 = (x - recon).abs().mean()
    perceptual = multiscale_gradient_distance(frames_of(x), frames_of(recon)) if weights["perceptual"] != 0 else x.new_zeros(())
    kl = kl_divergence(mu, logvar)
    return weights["l1"] * l1 + weights["perceptual"] * perceptual + weights["kl"] * kl


# ---------------------------------------------------------------- stage 2 (denoiser/*.ts, diffusion/*.ts)


def sinusoidal_embedding(t, dim: int, max_period: float = 10_000.0):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float32) / half)
    args = t.float().reshape(-1, 1) * freqs.reshape(1, half)
    parts = [torch.sin(args), torch.cos(args)]
    if dim % 2 == 1:
        parts.append(torch.zeros(t.shape[0], 1))
    return torch.cat(parts, 1)


class TimeEmbedding(nn.Module):
    def __init__(self, frequency_dim: int, dim: int):
        super().__init__()
        self.frequency_dim = frequency_dim
        self.linear1 = nn.Linear(frequency_dim, dim)
        self.linear2 = nn.Linear(dim, dim)

    def forward(self, t):
        return self.linear2(F.silu(self.linear1(sinusoidal_embedding(t, self.frequency_dim))))


class ConditionImageEncoder(nn.Module):
    def __init__(self, c: dict):
        super().__init__()
        ins = [c["inChannels"], *c["widths"]]
        self.stages = nn.ModuleList([nn.Sequential(nn.Conv2d(ins[i], w, 3, 2, 1), nn.GroupNorm(c["groups"], w), nn.SiLU()) for i, w in enumerate(c["widths"])])
        self.head = nn.Linear(c["widths"][-1], c["condDim"])

    def forward(self, x0):  # [B, C, H, W] -> [B, condDim]
        h = x0
        for stage in self.stages:
            h = stage(h)
        return self.head(h.mean((2, 3)))


class FilmResidualBlock(nn.Module):
    def __init__(self, width: int, emb_dim: int, groups: int):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, width)
        self.linear1 = nn.Linear(width, width)
        self.film = nn.Linear(emb_dim, 2 * width)
        self.norm2 = nn.GroupNorm(groups, width)
        self.linear2 = nn.Linear(width, width)
        nn.init.zeros_(self.linear2.weight)

    def forward(self, x, e):
        h = self.linear1(F.silu(self.norm1(x)))
        gamma, beta = self.film(e).chunk(2, 1)
        return x + self.linear2(F.silu(self.norm2(h) * (1 + gamma) + beta))


class ResidualMlpDenoiser(nn.Module):
    def __init__(self, c: dict):
        super().__init__()
        emb = c["timeDim"] + c["image"]["condDim"]
        self.time = TimeEmbedding(c["timeFrequencyDim"], c["timeDim"])
        self.image = ConditionImageEncoder(c["image"])
        self.input = nn.Linear(c["zDim"], c["width"])
        self.blocks = nn.ModuleList([FilmResidualBlock(c["width"], emb, c["normGroups"]) for _ in range(c["blocks"])])
        self.out_norm = nn.GroupNorm(c["normGroups"], c["width"])
        self.output = nn.Linear(c["width"], c["zDim"])
        if c.get("zeroInitOutput", False):
            nn.init.zeros_(self.output.weight)

    def forward_encoded(self, zt, t, cond):
        e = F.silu(torch.cat([self.time(t), cond], 1))
        h = self.input(zt)
        for block in self.blocks:
            h = block(h, e)
        return self.output(F.silu(self.out_norm(h)))

    def forward(self, zt, t, x0):
        return self.forward_encoded(zt, t, self.image(x0))


class NoiseSchedule:
    """Ho et al.'s linear schedule (or Nichol & Dhariwal's cosine), indices 0..T with t = 1..T used."""

    def __init__(self, timesteps: int, cfg: dict):
        self.timesteps = timesteps
        if cfg["kind"] == "linear":
            betas = torch.linspace(cfg["betaStart"], cfg["betaEnd"], timesteps, dtype=torch.float64)
        else:
            s = cfg["cosineS"]
            f = lambda t: math.cos(((t / timesteps + s) / (1 + s)) * math.pi / 2) ** 2  # noqa: E731
            betas = torch.tensor([min(0.999, 1 - f(t) / f(t - 1)) for t in range(1, timesteps + 1)], dtype=torch.float64)
        beta = torch.cat([torch.zeros(1, dtype=torch.float64), betas])
        alpha = 1 - beta
        alpha_bar = torch.cumprod(alpha, 0)
        self.beta = beta
        self.alpha = alpha
        self.sqrt_alpha_bar = alpha_bar.sqrt().float()
        self.sqrt_one_minus_alpha_bar = (1 - alpha_bar).sqrt().float()
        prev = torch.cat([torch.ones(1, dtype=torch.float64), alpha_bar[:-1]])
        self.posterior_variance = beta * (1 - prev) / (1 - alpha_bar).clamp_min(1e-20)
