"""The four Table 2 classifiers of libs/classifiers in PyTorch, for bench:peer.

Same layers, kernel sizes, strides, paddings, norms (GroupNorm with libs/nn's normGroups),
activations and heads as the project's C3d, Tsm, Tdn and Atmnet, so trainable parameter counts
are identical. Layouts are PyTorch's: C3D takes [B, C, T, H, W]; the per-frame models take clips
[B, T, C, H, W] and run their 2D nets on [B * S, C, H, W]. Where the project writes an op out by
hand because the wasm backend lacks a kernel (depthwise conv in ATMNet's PEG), this uses the
PyTorch layer with the same parameters and the same result (nn.Conv2d with groups = C).
"""
import math
import random

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_common import feature_norm


# ---------------------------------------------------------------- temporal sampling (libs/classifiers input/temporal-sampling.ts)

def segment_indices(frames: int, segments: int, rng: random.Random | None) -> list[int]:
    length = frames / segments
    out = []
    for s in range(segments):
        offset = length / 2 if rng is None else rng.random() * length
        out.append(min(frames - 1, math.floor(s * length + offset)))
    return out


def window_indices(frames: int, length: int, rng: random.Random | None) -> list[int]:
    room = max(0, frames - length)
    start = (room + 1) // 2 if rng is None else rng.randrange(room + 1)
    return [(start + i) % frames for i in range(length)]


def frames_around(centre: int, length: int, frames: int) -> list[int]:
    first = centre - (length - 1) // 2
    return [min(frames - 1, max(0, first + i)) for i in range(length)]


def gather_frames(clips: torch.Tensor, rows: list[list[int]], axis: int) -> torch.Tensor:
    """clips [B, ..., T on `axis`, ...] and per-sample frame lists -> the selected frames, per sample."""
    b, t = clips.shape[0], clips.shape[axis]
    flat = torch.tensor([n * t + i for n, row in enumerate(rows) for i in row], dtype=torch.long)
    moved = clips.movedim(axis, 1)
    picked = moved.reshape(b * t, *moved.shape[2:]).index_select(0, flat)
    return picked.reshape(b, len(rows[0]), *moved.shape[2:]).movedim(1, axis)


# ---------------------------------------------------------------- C3D (libs/classifiers models/c3d.ts)

class C3D(nn.Module):
    def __init__(self, cfg: dict, in_channels: int, num_classes: int):
        super().__init__()
        self.frames = cfg["frames"]
        widths, convs = cfg["widths"], cfg["convsPerStage"]
        c = in_channels
        self.stages = nn.ModuleList()
        for stage, width in enumerate(widths):
            convs_here = nn.ModuleList()
            for _ in range(convs[stage]):
                convs_here.append(nn.Conv3d(c, width, 3, padding=1))
                c = width
            self.stages.append(convs_here)
        self.pools = nn.ModuleList(
            [nn.MaxPool3d((1, 2, 2)) if s == 0 else nn.MaxPool3d(2, padding=(0, 1, 1) if s == 4 else 0) for s in range(len(widths))]
        )
        with torch.no_grad():
            probe = torch.zeros(1, in_channels, self.frames, cfg["inputSize"], cfg["inputSize"])
            for pool in self.pools:
                probe = pool(probe)
        features = c * probe.shape[2] * probe.shape[3] * probe.shape[4]
        self.fc6 = nn.Linear(features, cfg["fcDim"])
        self.fc7 = nn.Linear(cfg["fcDim"], cfg["fcDim"])
        self.fc = nn.Linear(cfg["fcDim"], num_classes)
        self.dropout = cfg["dropout"]
        self.sampling = random.Random(1)

    def forward(self, clips: torch.Tensor) -> torch.Tensor:  # [B, C, T, H, W]
        b, t = clips.shape[0], clips.shape[2]
        rows = [window_indices(t, self.frames, self.sampling if self.training else None) for _ in range(b)]
        x = gather_frames(clips, rows, 2)
        for stage, pool in zip(self.stages, self.pools):
            for conv in stage:
                x = F.relu(conv(x))
            x = pool(x)
        x = x.permute(0, 2, 3, 4, 1).reshape(b, -1)  # flattened channels last, as the project's [T, H, W, C]
        x = F.dropout(F.relu(self.fc6(x)), self.dropout, self.training)
        x = F.dropout(F.relu(self.fc7(x)), self.dropout, self.training)
        return self.fc(x)


# ---------------------------------------------------------------- 2D ResNet (libs/nn resnet2d)

class BasicBlock2d(nn.Module):
    expansion = 1

    def __init__(self, inp: int, planes: int, stride: int, branch_input=None, after_conv1=None):
        super().__init__()
        self.branch_input = branch_input
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.norm1 = feature_norm(planes)
        self.temporal = after_conv1(planes) if after_conv1 is not None else None
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.norm2 = feature_norm(planes)
        self.out_channels = planes
        self.downsample = None
        if stride != 1 or inp != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inp, planes, 1, stride, bias=False), feature_norm(planes))

    def forward(self, x):
        b = x if self.branch_input is None else self.branch_input(x)
        h = F.relu(self.norm1(self.conv1(b)))
        if self.temporal is not None:
            h = self.temporal(h)
        h = self.norm2(self.conv2(h))
        skip = x if self.downsample is None else self.downsample(x)
        return F.relu(h + skip)


class Bottleneck2d(nn.Module):
    expansion = 4

    def __init__(self, inp: int, planes: int, stride: int, branch_input=None, after_conv1=None):
        super().__init__()
        out = planes * 4
        self.branch_input = branch_input
        self.conv1 = nn.Conv2d(inp, planes, 1, bias=False)
        self.norm1 = feature_norm(planes)
        self.temporal = after_conv1(planes) if after_conv1 is not None else None
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.norm2 = feature_norm(planes)
        self.conv3 = nn.Conv2d(planes, out, 1, bias=False)
        self.norm3 = feature_norm(out)
        self.out_channels = out
        self.downsample = None
        if stride != 1 or inp != out:
            self.downsample = nn.Sequential(nn.Conv2d(inp, out, 1, stride, bias=False), feature_norm(out))

    def forward(self, x):
        b = x if self.branch_input is None else self.branch_input(x)
        h = F.relu(self.norm1(self.conv1(b)))
        if self.temporal is not None:
            h = self.temporal(h)
        h = F.relu(self.norm2(self.conv2(h)))
        h = self.norm3(self.conv3(h))
        skip = x if self.downsample is None else self.downsample(x)
        return F.relu(h + skip)


def resnet_stage(kind: str, inp: int, planes: int, blocks: int, stride: int, hooks) -> nn.Sequential:
    block = BasicBlock2d if kind == "basic" else Bottleneck2d
    out = planes * block.expansion
    layers = []
    for i in range(blocks):
        h = hooks(i) if hooks is not None else {}
        layers.append(block(inp if i == 0 else out, planes, stride if i == 0 else 1, **h))
    seq = nn.Sequential(*layers)
    seq.out_channels = out
    return seq


class ResNet2d(nn.Module):
    def __init__(self, backbone: dict, in_channels: int, hooks=None):
        super().__init__()
        stem = backbone["stemWidth"]
        self.stem = nn.Sequential(
            nn.Conv2d(in_channels, stem, 7, 2, 3, bias=False), feature_norm(stem), nn.ReLU(), nn.MaxPool2d(3, 2, 1)
        )
        c = stem
        self.stages = nn.ModuleList()
        for i, blocks in enumerate(backbone["layers"]):
            stage_hooks = None if hooks is None else (lambda index, i=i: hooks(i, index))
            stage = resnet_stage(backbone["block"], c, backbone["widths"][i], blocks, 1 if i == 0 else 2, stage_hooks)
            self.stages.append(stage)
            c = stage.out_channels
        self.out_channels = c

    def forward(self, x):  # [N, C, H, W] -> [N, out]
        x = self.stem(x)
        for s in self.stages:
            x = s(x)
        return x.mean((2, 3))


class SegmentConsensusHead(nn.Module):
    def __init__(self, in_features: int, num_classes: int, segments: int, dropout: float):
        super().__init__()
        self.segments = segments
        self.dropout = dropout
        self.fc = nn.Linear(in_features, num_classes)

    def forward(self, features):  # [B * S, C] -> [B, K]
        scores = self.fc(F.dropout(features, self.dropout, self.training))
        n, k = scores.shape
        return scores.reshape(n // self.segments, self.segments, k).mean(1)


# ---------------------------------------------------------------- TSM (models/tsm.ts, temporal-shift.ts)

def temporal_shift(x: torch.Tensor, segments: int, shift_div: int) -> torch.Tensor:
    n, c, h, w = x.shape
    fold = c // shift_div
    if fold == 0 or segments == 1:
        return x
    v = x.reshape(n // segments, segments, c, h, w)
    from_next = F.pad(v[:, 1:, :fold], (0, 0, 0, 0, 0, 0, 0, 1))
    from_prev = F.pad(v[:, :-1, fold : 2 * fold], (0, 0, 0, 0, 0, 0, 1, 0))
    kept = v[:, :, 2 * fold :]
    return torch.cat([from_next, from_prev, kept], 2).reshape(n, c, h, w)


class TSM(nn.Module):
    def __init__(self, cfg: dict, in_channels: int, num_classes: int):
        super().__init__()
        self.segments = cfg["segments"]
        shift = lambda x: temporal_shift(x, cfg["segments"], cfg["shiftDiv"])  # noqa: E731
        self.backbone = ResNet2d(cfg["backbone"], in_channels, hooks=lambda stage, index: {"branch_input": shift})
        self.head = SegmentConsensusHead(self.backbone.out_channels, num_classes, self.segments, cfg["dropout"])
        self.sampling = random.Random(1)

    def forward(self, clips):  # [B, T, C, H, W]
        b, t = clips.shape[:2]
        rows = [segment_indices(t, self.segments, self.sampling if self.training else None) for _ in range(b)]
        frames = gather_frames(clips, rows, 1)
        return self.head(self.backbone(frames.reshape(b * self.segments, *clips.shape[2:])))


# ---------------------------------------------------------------- TDN (models/tdn/*.ts)

class LongTermTdm(nn.Module):
    def __init__(self, channels: int, segments: int, reduction: int = 16):
        super().__init__()
        r = max(1, channels // reduction)
        self.segments = segments
        conv = lambda i, o, k: nn.Conv2d(i, o, k, padding=(k - 1) // 2, bias=False)  # noqa: E731
        self.reduce = conv(channels, r, 1)
        self.reduce_norm = feature_norm(r)
        self.next = conv(r, r, 3)
        self.coarse = conv(r, r, 3)
        self.coarse_norm = feature_norm(r)
        self.fine = conv(r, r, 3)
        self.fine_norm = feature_norm(r)
        self.expand = conv(r, channels, 1)
        self.expand_norm = feature_norm(channels)

    def forward(self, x):
        n, _, h, w = x.shape
        s = self.segments
        if s == 1:
            return x
        b = self.reduce_norm(self.reduce(x))
        r = b.shape[1]
        b5 = b.reshape(n // s, s, r, h, w)
        c5 = self.next(b).reshape(n // s, s, r, h, w)
        forward = F.pad(c5[:, 1:] - b5[:, :-1], (0, 0, 0, 0, 0, 0, 0, 1)).reshape(n, r, h, w)
        backward = F.pad(c5[:, :-1] - b5[:, 1:], (0, 0, 0, 0, 0, 0, 1, 0)).reshape(n, r, h, w)

        def attention(d):
            pooled = F.avg_pool2d(d, 2, 2, ceil_mode=True)
            coarse = F.interpolate(self.coarse_norm(self.coarse(pooled)), size=(h, w), mode="nearest")
            fine = self.fine_norm(self.fine(d))
            m = (d + coarse + fine) / 3
            return torch.sigmoid(self.expand_norm(self.expand(m))) - 0.5

        a = (attention(forward) + attention(backward)) * 0.5
        return x + x * a


class LearnableTemporalShift(nn.Module):
    def __init__(self, channels: int, segments: int, shift_div: int):
        super().__init__()
        self.segments = segments
        fold = channels // shift_div
        w = torch.zeros(3, channels)
        for ch in range(channels):
            w[2 if ch < fold else 0 if ch < 2 * fold else 1, ch] = 1
        self.weight = nn.Parameter(w)

    def forward(self, x):
        n, c, h, w = x.shape
        s = self.segments
        v = F.pad(x.reshape(n // s, s, c, h, w), (0, 0, 0, 0, 0, 0, 1, 1))
        y = sum(v[:, k : k + s] * self.weight[k].reshape(1, 1, c, 1, 1) for k in range(3))
        return y.reshape(n, c, h, w)


class LongTermStep(nn.Module):
    def __init__(self, channels: int, segments: int):
        super().__init__()
        self.tdm = LongTermTdm(channels, segments)
        self.shift = LearnableTemporalShift(channels, segments, 8)

    def forward(self, x):
        return self.shift(self.tdm(x))


class ShortTermTdm(nn.Module):
    def __init__(self, frames: int, in_channels: int, out_channels: int):
        super().__init__()
        self.stem = nn.Sequential(
            nn.AvgPool2d(2),
            nn.Conv2d((frames - 1) * in_channels, out_channels, 7, 2, 3, bias=False),
            feature_norm(out_channels),
            nn.ReLU(),
            nn.MaxPool2d(3, 2, 1),
        )

    def forward(self, window):  # [N, L, C, H, W]
        n, l, c, h, w = window.shape
        d = (window[:, 1:] - window[:, :-1]).reshape(n, (l - 1) * c, h, w)
        return self.stem(d)


def fuse_difference(a, b, weight: float):
    up = b if b.shape[2:] == a.shape[2:] else F.interpolate(b, size=a.shape[2:], mode="nearest")
    return a * (1 - weight) + up * weight


class TDN(nn.Module):
    def __init__(self, cfg: dict, in_channels: int, num_classes: int):
        super().__init__()
        self.cfg = cfg
        segments = cfg["segments"]
        bb = cfg["backbone"]
        self.backbone = ResNet2d(
            bb, in_channels, hooks=lambda stage, index: {"after_conv1": (lambda ch: LongTermStep(ch, segments))} if stage >= 1 else {}
        )
        self.short_term = ShortTermTdm(cfg["shortTermFrames"], in_channels, bb["stemWidth"])
        self.difference_layer1 = resnet_stage(bb["block"], bb["stemWidth"], bb["widths"][0], bb["layers"][0], 1, None)
        self.head = SegmentConsensusHead(self.backbone.out_channels, num_classes, segments, cfg["dropout"])
        self.sampling = random.Random(1)

    def forward(self, clips):  # [B, T, C, H, W]
        b, t, c, h, w = clips.shape
        s, l, fw = self.cfg["segments"], self.cfg["shortTermFrames"], self.cfg["fuseWeight"]
        rows = [
            [f for centre in segment_indices(t, s, self.sampling if self.training else None) for f in frames_around(centre, l, t)]
            for _ in range(b)
        ]
        windows = gather_frames(clips, rows, 1).reshape(b * s, l, c, h, w)
        centres = windows[:, (l - 1) // 2]
        difference = self.short_term(windows)
        x = fuse_difference(self.backbone.stem(centres), difference, fw)
        x = fuse_difference(self.backbone.stages[0](x), self.difference_layer1(difference), fw)
        for stage in self.backbone.stages[1:]:
            x = stage(x)
        return self.head(x.mean((2, 3)))


# ---------------------------------------------------------------- ATMNet (models/atmnet/*.ts), tokens channels-last [B, H, W, C]

OFFSET_SHARE = [2, 4, 4, 8]


def offset_share(stage: int, dim: int) -> int:
    s = OFFSET_SHARE[stage] if stage < len(OFFSET_SHARE) else 8
    return s if (2 * dim) % s == 0 else 1


class TokenMlp(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


def sample_along_w(x, offsets):
    """The project's deformable 1x1 sampling along W as a tent kernel over the W source columns
    (libs/classifiers atmnet/axis-sampling.ts): the same computation, O(B H W^2 C)."""
    b, h, w, c = x.shape
    pos = torch.arange(w, dtype=x.dtype)
    target = pos.reshape(1, 1, w, 1) + offsets
    weights = F.relu(1 - (target.reshape(b, h, w, 1, c) - pos.reshape(1, 1, 1, w, 1)).abs())
    return (weights * x.reshape(b, h, 1, w, c)).sum(3)


def sample_along(x, offsets, axis: str):
    if axis == "h":
        return sample_along_w(x.transpose(1, 2), offsets.transpose(1, 2)).transpose(1, 2)
    return sample_along_w(x, offsets)


class AtmLayer(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.mix_w = nn.Linear(dim, dim)
        self.mix_h = nn.Linear(dim, dim)
        self.mix_c = nn.Linear(dim, dim, bias=False)
        self.fusion = TokenMlp(dim, max(1, dim // 4), 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, offsets):
        b, _, _, c = x.shape
        dw, dh = offsets.chunk(2, -1)
        xw = self.mix_w(sample_along(x, dw, "w"))
        xh = self.mix_h(sample_along(x, dh, "h"))
        xc = self.mix_c(x)
        summary = (xw + xh + xc).mean((1, 2))
        a = torch.softmax(self.fusion(summary).reshape(b, c, 3), -1)
        mixed = xw * a[..., 0].reshape(b, 1, 1, c) + xh * a[..., 1].reshape(b, 1, 1, c) + xc * a[..., 2].reshape(b, 1, 1, c)
        return self.proj(mixed)


class ActiveBlock(nn.Module):
    def __init__(self, dim: int, mlp_ratio: float, share: int | None):
        super().__init__()
        self.share = share
        if share is not None:
            self.offset_norm = nn.LayerNorm(dim, eps=1e-5)
            self.offset_layer = nn.Linear(dim, (2 * dim) // share)
        self.norm1 = nn.LayerNorm(dim, eps=1e-5)
        self.atm = AtmLayer(dim)
        self.norm2 = nn.LayerNorm(dim, eps=1e-5)
        self.mlp = TokenMlp(dim, max(1, math.floor(dim * mlp_ratio)), dim)

    def predict_offsets(self, x):
        raw = self.offset_layer(self.offset_norm(x))
        return raw if self.share == 1 else raw.repeat_interleave(self.share, -1)

    def forward(self, x, offsets):
        mixed = x + self.atm(self.norm1(x), offsets)
        return mixed + self.mlp(self.norm2(mixed))


class PositionEncoding(nn.Module):
    """PEG: x + depthwise conv3x3 (pad 1, bias), as nn.Conv2d(groups = C) on [B, C, H, W]."""

    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, 1, 1, groups=channels)

    def forward(self, x):  # tokens [B, H, W, C]
        return x + self.conv(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)


def predicts_offsets(j: int, depth: int, interval: int) -> bool:
    return j % interval == 0 and (j != depth - 1 or j == 0)


class ActiveStage(nn.Module):
    def __init__(self, dim: int, depth: int, mlp_ratio: float, share: int, interval: int):
        super().__init__()
        self.peg = PositionEncoding(dim)
        self.blocks = nn.ModuleList(
            [ActiveBlock(dim, mlp_ratio, share if predicts_offsets(j, depth, interval) else None) for j in range(depth)]
        )

    def forward(self, x):
        offsets = None
        for block in self.blocks:
            if block.share is not None:
                x = self.peg(x)
                offsets = block.predict_offsets(x)
            x = block(x, offsets)
        return x


class ATMNet(nn.Module):
    def __init__(self, cfg: dict, in_channels: int, num_classes: int):
        super().__init__()
        depths, dims = cfg["depths"], cfg["dims"]
        self.segments = cfg["segments"]
        self.patch_embed = nn.Conv2d(in_channels, dims[0], 7, 4, 2)
        self.stages = nn.ModuleList(
            [ActiveStage(dims[i], depths[i], cfg["mlpRatio"], offset_share(i, dims[i]), 2) for i in range(len(depths))]
        )
        self.downsamples = nn.ModuleList([nn.Conv2d(dims[i], dims[i + 1], 3, 2, 1) for i in range(len(dims) - 1)])
        self.norm = nn.LayerNorm(dims[-1], eps=1e-5)
        self.head = SegmentConsensusHead(dims[-1], num_classes, self.segments, cfg["dropout"])
        self.sampling = random.Random(1)

    def forward(self, clips):  # [B, T, C, H, W]
        b, t = clips.shape[:2]
        rows = [segment_indices(t, self.segments, self.sampling if self.training else None) for _ in range(b)]
        frames = gather_frames(clips, rows, 1).reshape(b * self.segments, *clips.shape[2:])
        x = self.patch_embed(frames).permute(0, 2, 3, 1)
        for i, stage in enumerate(self.stages):
            x = stage(x)
            if i < len(self.downsamples):
                x = self.downsamples[i](x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
        return self.head(self.norm(x).mean((1, 2)))


CLASSIFIERS = {"c3d": C3D, "tsm": TSM, "tdn": TDN, "atmnet": ATMNet}
