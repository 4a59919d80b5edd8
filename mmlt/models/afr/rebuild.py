"""One AFR round: its plan and its attack (Zhang et al., VISAPP 2024,
Sec. 3), as functions of the gathered features and the model."""
from typing import Dict, List

import numpy as np
import torch
from mmengine.dataset import pseudo_collate
from torch.utils.data import DataLoader, Subset

from mmlt.utils.features import track
from .minority import (fit_minority_probe, minority_centroids, minority_split,
                       select_attacked)
from .pgd import centroid_score, pgd_toward, probe_score

SCORES = dict(probe=probe_score, centroid=centroid_score)


def build_manifest(labels: np.ndarray,
                   num_classes: int,
                   attacked: np.ndarray,
                   mix_share: float,
                   rng: np.random.Generator,
                   beta: float = 1.0) -> Dict[str, np.ndarray]:
    """The entries of the rebuilt set.

    Class c holds its originals, the perturbed copies of its attacked
    samples (``attacked[r]`` is the original of perturbed row r), and
    originals of c redrawn uniformly with replacement until it has ``T =
    max_c (n_c + p_c)`` entries. Then ``round(mix_share * N)`` originals,
    drawn without replacement, are each mixed with a uniformly drawn entry
    of that balanced set, with ``lam ~ Beta(beta, beta)`` and a box centre.

    Returns arrays of one row per entry: ``source`` (original index),
    ``perturbed`` (row, or -1), ``label``, ``partner`` (entry mixed in, or
    -1), ``lam`` and ``center`` (``(E, 2)`` box centre fractions).
    """
    labels = np.asarray(labels, dtype=np.int64)
    attacked = np.asarray(attacked, dtype=np.int64)
    rows = np.arange(len(attacked))
    sizes = np.bincount(
        labels, minlength=num_classes) + np.bincount(
            labels[attacked], minlength=num_classes)
    target = int(sizes.max())
    source, perturbed = [], []
    for c in range(num_classes):
        own = np.flatnonzero(labels == c)
        mine = rows[labels[attacked] == c]
        extra = rng.choice(own, size=target - sizes[c], replace=True)
        source += [own, attacked[mine], extra]
        perturbed += [np.full(len(own), -1), mine, np.full(len(extra), -1)]
    source, perturbed = np.concatenate(source), np.concatenate(perturbed)
    balanced = len(source)
    num_mix = int(round(mix_share * len(labels)))
    mixed = rng.choice(len(labels), size=num_mix, replace=False)
    return dict(
        source=np.concatenate([source, mixed]),
        perturbed=np.concatenate([perturbed, np.full(num_mix, -1)]),
        label=np.concatenate([labels[source], labels[mixed]]),
        partner=np.concatenate(
            [np.full(balanced, -1),
             rng.integers(0, balanced, size=num_mix)]),
        lam=np.concatenate(
            [np.ones(balanced),
             rng.beta(beta, beta, size=num_mix)]),
        center=np.concatenate(
            [np.zeros((balanced, 2)),
             rng.random((num_mix, 2))]))


def manifest_summary(entries: Dict[str, np.ndarray],
                     num_classes: int) -> List[int]:
    """Entries per class of the balanced part (mixed entries excluded)."""
    plain = entries['partner'] < 0
    return np.bincount(entries['label'][plain], minlength=num_classes).tolist()


class AFRRound:
    """The options of an AFR round and its two steps.

    :meth:`plan` splits every class into majority and minority by cosine to
    the class mean, threshold ``lam`` or the class's training accuracy
    (:func:`minority_split`); picks ``attack_share`` of each class's
    majority to perturb toward the class's minority; fits the attack's
    score (``objective='probe'``: a per-class majority/minority logistic
    probe on the frozen embeddings, "fine-tuning PGD on majority vs
    minority"; ``'centroid'``: the cosine to the minority centroid); and
    lays out the rebuilt set (:func:`build_manifest`). :meth:`attack` runs
    PGD on planned rows (:func:`pgd_toward`).

    Args:
        lam (float): Default minority threshold. Defaults to 0.8.
        attack_share (float): Share of each class's majority perturbed.
            Defaults to 0.5.
        objective (str): ``'probe'`` or ``'centroid'``.
        steps (int): PGD iterations. Defaults to 3.
        step_size (float): PGD step in pixel units (0-255). Defaults to 1
            (the paper's 1/255).
        eps (float): L-inf radius in pixel units. Defaults to 153 (the
            paper's 0.6; 3 steps of 1 never reach it).
        mix_share (float): Originals mixed into the set, as a share of the
            original set. Defaults to 0.25.
        beta (float): ``lam ~ Beta(beta, beta)`` of the mixing.
    """

    def __init__(self,
                 lam: float = 0.8,
                 attack_share: float = 0.5,
                 objective: str = 'probe',
                 steps: int = 3,
                 step_size: float = 1.0,
                 eps: float = 153.0,
                 mix_share: float = 0.25,
                 beta: float = 1.0):
        if objective not in SCORES:
            raise ValueError(f'AFR: objective must be one of '
                             f'{tuple(SCORES)}, got {objective!r}.')
        self.lam = lam
        self.attack_share = attack_share
        self.objective = objective
        self.pgd = dict(steps=steps, step_size=step_size, eps=eps)
        self.mix_share = mix_share
        self.beta = beta

    def plan(self, feats: torch.Tensor, logits: torch.Tensor,
             labels: torch.Tensor, num_classes: int,
             rng: np.random.Generator) -> dict:
        """The round's plan from the training set's features, logits and
        labels: ``attacked`` (indices), ``labels`` (theirs), ``score``
        (the fitted score's arguments), ``num_minority`` and ``entries``
        (:func:`build_manifest`)."""
        is_minority, _ = minority_split(feats, labels, logits.argmax(1),
                                        num_classes, self.lam)
        attacked = select_attacked(labels.numpy(), is_minority.numpy(),
                                   num_classes, self.attack_share, rng)
        if self.objective == 'probe':
            score = fit_minority_probe(feats, labels, is_minority, num_classes)
        else:
            score = (minority_centroids(feats, labels, is_minority,
                                        num_classes), )
        return dict(
            attacked=attacked,
            score=score,
            num_minority=int(is_minority.sum()),
            labels=labels[torch.from_numpy(attacked)],
            entries=build_manifest(labels.numpy(), num_classes, attacked,
                                   self.mix_share, rng, self.beta))

    @staticmethod
    def describe(plan: dict, num_classes: int) -> str:
        """A plan's sizes, in one line."""
        counts = manifest_summary(plan['entries'], num_classes)
        mixed = len(plan['entries']['label']) - sum(counts)
        return (f'minority {plan["num_minority"]}, {len(plan["attacked"])} '
                f'perturbed, {counts[0]} entries per class x {num_classes} '
                f'+ {mixed} mixed = {len(plan["entries"]["label"])}')

    def attack(self, model, source, plan: dict, rows: np.ndarray,
               out: np.ndarray, batch_size: int) -> None:
        """Perturb the planned rows ``rows`` (``plan['attacked'][rows]`` of
        ``source``, packed uint8 images) and write them to ``out[rows]``
        (``(R, C, H, W)`` uint8, e.g. a memory map)."""
        if not len(rows):
            return
        score_fn = SCORES[self.objective](*plan['score'])
        loader = DataLoader(
            Subset(source, plan['attacked'][rows].tolist()),
            batch_size=batch_size,
            collate_fn=pseudo_collate)
        device = next(model.parameters()).device
        done = 0
        for batch in track(loader, len(loader)):
            shapes = {tuple(x.shape) for x in batch['inputs']}
            if shapes != {out.shape[1:]}:
                raise ValueError(
                    'AFR: the attacked images must all have the shape '
                    f'{out.shape[1:]} (C, H, W); the load pipeline gives '
                    f'{sorted(shapes)}. Set `load_pipeline` to one ending in '
                    'a fixed-size crop and PackInputs.')
            images = torch.stack(batch['inputs']).to(device)
            chunk = rows[done:done + len(images)]
            out[chunk] = pgd_toward(model, images, plan['labels'][chunk],
                                    score_fn, **self.pgd).cpu().numpy()
            done += len(images)
