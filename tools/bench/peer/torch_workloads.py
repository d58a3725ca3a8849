"""bench:peer workloads on the PyTorch side: each builds the network the project built (from the
config peer.ts resolved from the profile and sent over) and exposes `params` (trainable scalars)
and `step()` (one training step, or one inference call for ddpm-step / stage1-decode)."""
import torch
import torch.nn.functional as F

from torch_cinn import ConditionalFlow
from torch_classifiers import CLASSIFIERS
from torch_check import encode, load_state, tensor
from torch_common import make_optimizer, optimizer_step, trainable_count, trainable_shapes
from torch_lddm import NoiseSchedule, ResidualMlpDenoiser, VideoAutoencoder, stage1_loss


class Classifier:
    """Forward + class-weighted cross-entropy + backward + optimiser update (trainClassifier's step)."""

    def __init__(self, s: dict):
        self.model = CLASSIFIERS[s["model"]](s["config"], s["channels"], s["numClasses"])
        self.module = self.model
        self.model.train()
        self.params = trainable_count(self.model)
        self.shapes = trainable_shapes(self.model)
        self.optimizer = make_optimizer(self.model.parameters(), s["optimizer"])
        self.grad_clip = float(s["optimizer"].get("gradClip", 0))
        b, t, size, c = s["batch"], s["frames"], s["size"], s["channels"]
        # C3D convolves [B, C, T, H, W]; the per-frame models take [B, T, C, H, W].
        shape = (b, c, t, size, size) if s["model"] == "c3d" else (b, t, c, size, size)
        self.clips = torch.rand(shape) * 2 - 1
        self.labels = torch.tensor(s["labels"], dtype=torch.long)
        self.weights = None if s["classWeights"] is None else torch.tensor(s["classWeights"], dtype=torch.float32)

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.model(self.clips), self.labels, weight=self.weights)
        return optimizer_step(self.model, self.optimizer, loss, self.grad_clip)

    def check(self, state: dict, inputs: dict):
        """Eval-mode logits and loss (no dropout, centre frames) on the project's clips and weights."""
        load_state(self.model, state)
        clips = tensor(inputs["clips"])  # [B, T, H, W, C]
        clips = clips.permute(0, 4, 1, 2, 3) if isinstance(self.model, CLASSIFIERS["c3d"]) else clips.permute(0, 1, 4, 2, 3)
        self.model.eval()
        logits = self.model(clips.contiguous())
        self.model.train()
        return F.cross_entropy(logits, self.labels, weight=self.weights), encode(logits)


class Stage1:
    """Encode, z ~ q(z|x), decode with x0 = the first frame, stage-1 loss, backward, update (trainStage1's step)."""

    def __init__(self, s: dict):
        self.ae = VideoAutoencoder(s["autoencoder"], s["schedule"])
        self.module = self.ae
        self.ae.train()
        self.params = trainable_count(self.ae)
        self.shapes = trainable_shapes(self.ae)
        self.optimizer = make_optimizer(self.ae.parameters(), s["optimizer"])
        self.grad_clip = float(s["optimizer"].get("gradClip", 0))
        e = s["autoencoder"]["encoder"]
        self.x = torch.rand(s["batch"], e["inChannels"], e["frames"], e["height"], e["width"]) * 2 - 1
        self.weights = s["loss"]

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        mu, logvar = self.ae.encoder(self.x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        recon = self.ae.decoder(z, self.x[:, :, 0])
        loss = stage1_loss(self.x, recon, mu, logvar, self.weights)
        return optimizer_step(self.ae, self.optimizer, loss, self.grad_clip)

    def check(self, state: dict, inputs: dict):
        """Eval mode (spectral norm without power iteration), z = mu: the stage-1 loss and the reconstruction."""
        load_state(self.ae, state)
        x = tensor(inputs["x"]).permute(0, 4, 1, 2, 3).contiguous()  # [B, T, H, W, C] -> [B, C, T, H, W]
        self.ae.eval()
        mu, logvar = self.ae.encoder(x)
        recon = self.ae.decoder(mu, x[:, :, 0])
        loss = stage1_loss(x, recon, mu, logvar, self.weights)
        self.ae.train()
        return loss, encode(recon.permute(0, 2, 3, 4, 1))


class Stage2:
    """z0 ~ q(z|x) from stored posteriors, standardise, t ~ U{1..T}, eps, eq. 3 MSE, backward, update (trainStage2's step)."""

    def __init__(self, s: dict):
        self.net = ResidualMlpDenoiser(s["denoiser"])
        self.module = self.net
        self.net.train()
        self.params = trainable_count(self.net)
        self.shapes = trainable_shapes(self.net)
        self.optimizer = make_optimizer(self.net.parameters(), s["optimizer"])
        self.grad_clip = float(s["optimizer"].get("gradClip", 0))
        self.schedule = NoiseSchedule(s["timesteps"], s["schedule"])
        b, z = s["batch"], s["denoiser"]["zDim"]
        self.mu = torch.randn(b, z)
        self.logvar = torch.randn(b, z) * 0.1 - 2
        self.x0 = torch.rand(b, s["image"]["channels"], s["image"]["size"], s["image"]["size"]) * 2 - 1
        self.mean, self.std = 0.0, 1.0  # LatentDdpm's latent standardisation buffers

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        z0 = self.mu + torch.randn_like(self.mu) * torch.exp(0.5 * self.logvar)
        zn = (z0 - self.mean) / self.std
        t = torch.randint(1, self.schedule.timesteps + 1, (zn.shape[0],))
        eps = torch.randn_like(zn)
        zt = self.schedule.sqrt_alpha_bar[t].reshape(-1, 1) * zn + self.schedule.sqrt_one_minus_alpha_bar[t].reshape(-1, 1) * eps
        loss = F.mse_loss(self.net(zt, t, self.x0), eps)
        return optimizer_step(self.net, self.optimizer, loss, self.grad_clip)

    def check(self, state: dict, inputs: dict):
        """Eq. 3 for given z0, t, eps and x0: the loss and eps-hat."""
        load_state(self.net, state)
        z0, eps, t = tensor(inputs["z0"]), tensor(inputs["eps"]), tensor(inputs["t"]).long()
        x0 = tensor(inputs["x0"]).permute(0, 3, 1, 2).contiguous()
        zn = (z0 - self.mean) / self.std
        zt = self.schedule.sqrt_alpha_bar[t].reshape(-1, 1) * zn + self.schedule.sqrt_one_minus_alpha_bar[t].reshape(-1, 1) * eps
        eps_hat = self.net(zt, t, x0)
        return F.mse_loss(eps_hat, eps), encode(eps_hat)


class DdpmStep:
    """One ancestral DDPM step (Ho et al. Algorithm 2) with x0 encoded once at build, as sampling does."""

    def __init__(self, s: dict):
        self.net = ResidualMlpDenoiser(s["denoiser"])
        self.module = self.net
        self.net.eval()
        self.params = trainable_count(self.net)
        self.shapes = trainable_shapes(self.net)
        self.schedule = NoiseSchedule(s["timesteps"], s["schedule"])
        b, z = s["batch"], s["denoiser"]["zDim"]
        x0 = torch.rand(b, s["image"]["channels"], s["image"]["size"], s["image"]["size"]) * 2 - 1
        with torch.no_grad():
            self.cond = self.net.image(x0)
        self.zt = torch.randn(b, z)
        self.t = int(s["t"])
        self.tt = torch.full((b,), self.t, dtype=torch.long)

    @torch.no_grad()
    def step(self):
        sc, t = self.schedule, self.t
        eps = self.net.forward_encoded(self.zt, self.tt, self.cond)
        mean = (self.zt - eps * float(sc.beta[t] / sc.sqrt_one_minus_alpha_bar[t])) * float(1 / sc.alpha[t].sqrt())
        self.zt = mean + torch.randn_like(mean) * float(sc.posterior_variance[t].sqrt())
        return 0.0

    @torch.no_grad()
    def check(self, state: dict, inputs: dict):
        """eps-hat of the denoiser with x0 encoded once, at the project's z_t, t, x0."""
        load_state(self.net, state)
        x0 = tensor(inputs["x0"]).permute(0, 3, 1, 2).contiguous()
        zt, t = tensor(inputs["zt"]), tensor(inputs["t"]).long()
        eps = self.net.forward_encoded(zt, t, self.net.image(x0))
        return eps.square().mean(), encode(eps)


class CinnFlow:
    """nll = mean(0.5 |v|^2) - mean(log|det|), backward, update (trainFlow's step); ActNorm initialised at build."""

    def __init__(self, s: dict):
        self.flow = ConditionalFlow(s["flow"])
        self.module = self.flow
        self.flow.train()
        self.params = trainable_count(self.flow)
        self.shapes = trainable_shapes(self.flow)
        self.optimizer = make_optimizer(self.flow.parameters(), s["optimizer"])
        self.grad_clip = float(s["optimizer"].get("gradClip", 0))
        self.z = torch.randn(s["batch"], s["flow"]["latentDim"])
        self.c = torch.randn(s["batch"], s["flow"]["condDim"])
        with torch.no_grad():
            self.flow.encode(self.z, self.c)  # data-dependent ActNorm init, outside the step as trainFlow does

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        return optimizer_step(self.flow, self.optimizer, self.flow.nll(self.z, self.c), self.grad_clip)

    def check(self, state: dict, inputs: dict):
        """nll and v = f(z; c) with the project's (initialised) ActNorms, couplings and permutations."""
        load_state(self.flow, state)
        z, c = tensor(inputs["z"]), tensor(inputs["c"])
        with torch.no_grad():
            v, _ = self.flow.encode(z, c)
        return self.flow.nll(z, c), encode(v)


class Stage1Decode:
    """The decoder's forward from z and x0 in eval mode (synthesis); parameters: the decoder's."""

    def __init__(self, s: dict):
        ae = VideoAutoencoder(s["autoencoder"], s["schedule"])
        self.decoder = ae.decoder
        self.module = self.decoder
        self.decoder.eval()
        self.params = trainable_count(self.decoder)
        self.shapes = trainable_shapes(self.decoder)
        d = s["autoencoder"]["decoder"]
        self.z = torch.randn(s["batch"], d["latent"]["zDim"])
        self.x0 = torch.rand(s["batch"], d["outChannels"], d["height"], d["width"]) * 2 - 1

    @torch.no_grad()
    def step(self):
        self.decoder(self.z, self.x0)
        return 0.0

    @torch.no_grad()
    def check(self, state: dict, inputs: dict):
        """The decoded clip (eval) for the project's z and x0; value: its mean |x|."""
        load_state(self.decoder, state)
        z = tensor(inputs["z"])
        x0 = tensor(inputs["x0"]).permute(0, 3, 1, 2).contiguous()
        clip = self.decoder(z, x0).permute(0, 2, 3, 4, 1)
        return clip.abs().mean(), encode(clip)


KINDS = {
    "classifier": Classifier,
    "lddm-stage1": Stage1,
    "lddm-stage2": Stage2,
    "ddpm-step": DdpmStep,
    "cinn-flow": CinnFlow,
    "stage1-decode": Stage1Decode,
}


def build(spec: dict):
    kind = spec["kind"]
    if kind not in KINDS:
        raise ValueError(f"unknown workload kind {kind!r}")
    return KINDS[kind](spec)
