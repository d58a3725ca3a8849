"""`bench:peer --check`: load the project's weights and buffers (sent by peer.ts in its
registration order and tfjs layouts) into the PyTorch peer's network, so both evaluate one
deterministic case with the same weights.

Layouts: tfjs Linear [in, out] -> [out, in]; Conv2d [kh, kw, in, out] -> [out, in, kh, kw];
Conv3d [kd, kh, kw, in, out] -> [out, in, kd, kh, kw]; ATMNet's PEG [3, 3, C] -> depthwise
[C, 1, 3, 3]. Order: PyTorch registers parameters in the project's order, except that
spectral_norm re-registers `weight` as `weight_orig` after `bias`; within one module the weight
is taken first, as the project registers it. Buffers: spectral norm's u, v (the project's v runs
over (k.., in), PyTorch's over (in, k..)), the flow's permutations and ActNorm flags.
"""
import base64

import torch
import torch.nn as nn

from torch_cinn import ActNorm, FixedPermutation


def tensor(w: dict) -> torch.Tensor:
    raw = bytearray(base64.b64decode(w["data"]))
    dtype = torch.int32 if w["dtype"] == "int32" else torch.float32
    return torch.frombuffer(raw, dtype=dtype).reshape(w["shape"]).clone() if raw else torch.zeros(w["shape"], dtype=dtype)


def encode(t: torch.Tensor) -> dict:
    t = t.detach().contiguous().float()
    return {"shape": list(t.shape), "dtype": "float32", "data": base64.b64encode(t.numpy().tobytes()).decode("ascii")}


def to_torch_layout(entry: dict, target: torch.Size) -> torch.Tensor:
    t = tensor(entry).float()
    layer = entry["layer"]
    if layer == "linear" and t.dim() == 2:
        t = t.t()
    elif layer == "conv2d" and t.dim() == 4:
        t = t.permute(3, 2, 0, 1)
    elif layer == "conv3d" and t.dim() == 5:
        t = t.permute(4, 3, 0, 1, 2)
    elif t.dim() == 3 and len(target) == 4 and target[1] == 1:  # depthwise 3x3 [kh, kw, C] -> [C, 1, kh, kw]
        t = t.permute(2, 0, 1).unsqueeze(1)
    return t.contiguous()


def ordered_parameters(module: nn.Module) -> list:
    """Trainable parameters in the project's order: modules in registration order, weight first within a module."""
    groups: dict[str, list] = {}
    for name, p in module.named_parameters():
        if not p.requires_grad:
            continue
        prefix, _, leaf = name.rpartition(".")
        groups.setdefault(prefix, []).append((leaf, name, p))
    out = []
    for entries in groups.values():
        entries.sort(key=lambda e: 0 if e[0] in ("weight", "weight_orig") else 1)
        out += [(name, p) for _, name, p in entries]
    return out


@torch.no_grad()
def load_state(module: nn.Module, state: dict) -> None:
    named = ordered_parameters(module)
    params = state["params"]
    if len(named) != len(params):
        raise ValueError(f"the project has {len(params)} trainable tensors, the peer {len(named)}")
    for (name, p), entry in zip(named, params):
        t = to_torch_layout(entry, p.shape)
        if t.shape != p.shape:
            raise ValueError(f"project {entry['name']} {entry['shape']} ({entry['layer']}) does not fit peer {name} {list(p.shape)}")
        p.copy_(t)
    buffers = state["buffers"]
    # Spectral norm: the project's u, v per SpectralNorm module, in order.
    uvs = [b for b in buffers if b["name"].rsplit(".", 1)[-1] in ("u", "v")]
    sn = [m for m in module.modules() if hasattr(m, "weight_u")]
    if len(uvs) != 2 * len(sn):
        raise ValueError(f"{len(uvs)} spectral-norm buffers from the project for {len(sn)} spectral-normalised peer layers")
    for i, m in enumerate(sn):
        u, v = tensor(uvs[2 * i]), tensor(uvs[2 * i + 1])
        w = m.weight_orig
        m.weight_u.copy_(u)
        # project v indexes (k.., in) of [k.., in, out]; PyTorch's indexes (in, k..) of [out, in, k..]
        ks = list(w.shape[2:])
        m.weight_v.copy_(v.reshape(*ks, w.shape[1]).permute(len(ks), *range(len(ks))).reshape(-1))
    perms = [b for b in buffers if b["name"].endswith("permutation")]
    fixed = [m for m in module.modules() if isinstance(m, FixedPermutation)]
    if len(perms) != len(fixed):
        raise ValueError(f"{len(perms)} permutations from the project for {len(fixed)} peer permutation layers")
    for m, b in zip(fixed, perms):
        m.permutation.copy_(tensor(b).long())
    flags = [b for b in buffers if b["name"].endswith("initialized")]
    norms = [m for m in module.modules() if isinstance(m, ActNorm)]
    for m, b in zip(norms, flags):
        m.initialized.fill_(int(tensor(b).reshape(-1)[0].item()))
