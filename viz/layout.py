"""Node positions computed once in Python, so the browser draws at once with physics off.

vis-network's own physics took 40 s to settle 500 nodes; a layout computed
here and drawn as is shows 10,000 nodes in about two seconds. The graph is
nearly bipartite (facts around the entities they name), which gives a cheap
two-level layout that also reads well:

1. entities are placed by a force layout of the entity graph (two entities
   attract when a fact names both): networkx's spring layout while the
   entity graph is small, a particle-mesh Fruchterman-Reingold in numpy
   (FFT repulsion, O(n log n) a step, no scipy) when it is large;
2. each fact goes on rings around its most specific entity (the one naming
   the fewest facts: the country of an MOU rather than the agency), sorted
   by type and year so a country's MOUs sit together.

Deterministic for a given graph (fixed seeds, sorted inputs).
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np

SEED = 7
UNLINKED = "\x00unlinked"  # stands in for the missing entity of facts that name none
SPACING = 34.0  # px between facts on a ring
RING0 = 70.0  # px from an entity to its first ring
RING_GAP = 38.0
RING_MAX = 30  # more facts than this go in a table of cells instead of rings
CELL_W, CELL_H = 150.0, 30.0
SMALL = 400  # entity graphs below this go to networkx (dense numpy path) and pairwise separation
MIN_WIDTH = 260.0  # px a packed piece takes at least, for its entity's label


def layout(data, seed: int = SEED) -> None:
    """Set `x`, `y` (px, rounded) on every node of a `GraphData`."""
    nodes = data.nodes
    if not nodes:
        return
    ids = [n["id"] for n in nodes]
    is_fact = {n["id"]: bool(n.get("fact")) for n in nodes}
    if not any(not f for f in is_fact.values()):  # facts only: treat them all as entities
        is_fact = dict.fromkeys(ids, False)
    adj: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        adj[e["from"]].add(e["to"])
        adj[e["to"]].add(e["from"])

    entities = sorted(i for i in ids if not is_fact[i])
    facts_of: dict[str | None, list[str]] = defaultdict(list)
    fact_count = {e: sum(1 for m in adj[e] if is_fact[m]) for e in entities}
    by_id = {n["id"]: n for n in nodes}
    for f in (i for i in ids if is_fact[i]):
        named = [m for m in adj[f] if not is_fact[m]]
        anchor = min(named, key=lambda m: (fact_count[m], m)) if named else UNLINKED
        facts_of[anchor].append(f)
    if UNLINKED in facts_of:  # facts naming no entity: a table of their own, packed like a piece
        entities.append(UNLINKED)

    # Entity graph: direct entity links plus entities that share a fact.
    g = nx.Graph()
    g.add_nodes_from(entities)
    for e in data.edges:
        if not is_fact[e["from"]] and not is_fact[e["to"]]:
            g.add_edge(e["from"], e["to"])
    for f in (i for i in ids if is_fact[i]):
        named = sorted(m for m in adj[f] if not is_fact[m])
        for a in range(len(named)):
            for b in range(a + 1, len(named)):
                g.add_edge(named[a], named[b])

    radius = {e: _rings_radius(len(facts_of.get(e, ()))) for e in entities}
    extent = {e: _extent(len(facts_of.get(e, ()))) for e in entities}
    pos = _entity_positions(g, entities, radius, extent, seed)

    out: dict[str, tuple[float, float]] = dict(pos)
    for anchor, facts in facts_of.items():
        facts.sort(key=lambda f: (by_id[f]["type"], by_id[f].get("year") or 0, by_id[f]["label"], f))
        cx, cy = pos[anchor]
        for f, (dx, dy) in zip(facts, _ring_offsets(len(facts))):
            out[f] = (cx + dx, cy + dy)
    for n in nodes:
        x, y = out[n["id"]]  # (UNLINKED has a position too, but no node)
        n["x"], n["y"] = round(float(x), 1), round(float(y), 1)


def _ring_offsets(count: int) -> list[tuple[float, float]]:
    """Where an entity's facts go: a ring or two while few, a table below it when many.

    Rings read well for a handful of facts; a hub with hundreds (the agency's
    statistics) gets rows of CELL_W x CELL_H cells instead, so the labels of
    neighbouring facts do not overlap.
    """
    if count > RING_MAX:
        cols = max(4, math.ceil(math.sqrt(count * CELL_H / CELL_W) * 1.4))
        return [((k % cols - (cols - 1) / 2) * CELL_W, RING0 + (k // cols) * CELL_H) for k in range(count)]
    offsets, ring = [], 0
    while len(offsets) < count:
        r = RING0 + ring * RING_GAP
        cap = max(6, int(2 * math.pi * r / SPACING))
        take = min(cap, count - len(offsets))
        start = ring * 0.5  # stagger rings so facts do not line up radially
        for k in range(take):
            a = start + 2 * math.pi * k / take
            offsets.append((r * math.cos(a), r * math.sin(a)))
        ring += 1
    return offsets


def _extent(count: int) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) around an entity that its facts and labels take."""
    offsets = _ring_offsets(count) or [(0.0, 0.0)]
    half = CELL_W / 2 if count > RING_MAX else 60.0  # labels are centred below their dots
    xs, ys = [x for x, _ in offsets], [y for _, y in offsets]
    return min(min(xs) - half, -half), min(min(ys) - 20.0, -20.0), max(max(xs) + half, half), max(ys) + 30.0


def _rings_radius(count: int) -> float:
    """The radius of a disc around the entity that holds all its facts (and their labels)."""
    if count == 0:
        return 30.0
    offsets = _ring_offsets(count)
    return max(math.hypot(x, y) for x, y in offsets) + (CELL_W / 2 if count > RING_MAX else 20.0)


def _entity_positions(g: nx.Graph, entities: list[str], radius: dict[str, float],
                      extent: dict[str, tuple[float, float, float, float]], seed: int):
    """Lay out each connected piece of the entity graph, then pack the pieces in rows.

    A law and its events usually form a piece of their own: packing keeps such
    pieces as tidy small clusters instead of letting a force layout fling
    them to a far ring around the agency's component.
    """
    pieces = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for piece in pieces:
        xy = _piece_positions(g.subgraph(piece), piece, np.array([radius[e] for e in piece]), seed)
        box = np.array([extent[e] for e in piece])
        lo = (xy + box[:, :2]).min(axis=0)
        hi = (xy + box[:, 2:]).max(axis=0)
        boxes.append((piece, xy - lo, hi - lo))
    gap = 40.0
    # Entity labels are drawn below the dot and may be wider than the piece: leave them room.
    boxes = [(piece, xy + [max(0.0, (MIN_WIDTH - w) / 2), 0.0], (max(w, MIN_WIDTH), h)) for piece, xy, (w, h) in boxes]
    total = sum((w + gap) * (h + gap) for _, _, (w, h) in boxes)
    width = max(math.sqrt(total) * 1.15, max(w for _, _, (w, _h) in boxes))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for piece, xy, (w, h) in boxes:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        for e, (px, py) in zip(piece, xy):
            pos[e] = (x + px, y + py)
        x += w + gap
        row_h = max(row_h, h)
    cx = sum(p[0] for p in pos.values()) / len(pos)
    cy = sum(p[1] for p in pos.values()) / len(pos)
    return {e: (p[0] - cx, p[1] - cy) for e, p in pos.items()}


def _piece_positions(g: nx.Graph, piece: list[str], r: np.ndarray, seed: int) -> np.ndarray:
    n = len(piece)
    if n == 1:
        return np.zeros((1, 2))
    if n < SMALL:
        raw = nx.spring_layout(g, seed=seed, iterations=80)
        xy = np.array([raw[e] for e in piece], dtype=float)
    else:
        index = {e: i for i, e in enumerate(piece)}
        edges = np.array([(index[a], index[b]) for a, b in g.edges()], dtype=np.int64).reshape(-1, 2)
        xy = mesh_layout(n, edges, seed=seed)
    xy = _scale(xy, r)
    return _separate(xy, r) if n <= SMALL else _clear_hubs(xy, r)


def _clear_hubs(xy: np.ndarray, r: np.ndarray, hubs: int = 30) -> np.ndarray:
    """Too many entities for pairwise separation: only move them out of the biggest discs."""
    xy = xy.copy()
    for h in np.argsort(-r)[:hubs]:
        d = xy - xy[h]
        dist = np.sqrt((d ** 2).sum(1))
        dist[h] = np.inf
        need = r[h] + r
        inside = dist < need
        if inside.any():
            unit = d[inside] / np.maximum(dist[inside], 1e-6)[:, None]
            xy[inside] = xy[h] + unit * need[inside][:, None]
    return xy


def _scale(xy: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Stretch the unit layout so the discs the entities' facts need roughly fit."""
    xy = xy - xy.mean(axis=0)
    span = float(np.abs(xy).max()) or 1.0
    area = float(np.sum((2 * r) ** 2))
    half = math.sqrt(area) * 0.45
    return xy / span * max(half, 300.0)


def _separate(xy: np.ndarray, r: np.ndarray, rounds: int = 40) -> np.ndarray:
    """Push overlapping discs apart (pairwise, so only for moderate entity counts)."""
    xy = xy.copy()
    need = r[:, None] + r[None, :]
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        d = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((d ** 2).sum(-1)) + np.eye(len(xy))
        overlap = np.clip(need - dist, 0.0, None)
        np.fill_diagonal(overlap, 0.0)
        if overlap.max() < 1.0:
            break
        push = (d / dist[..., None]) * (overlap[..., None] * 0.5)
        xy += push.sum(axis=1)
    return xy


def mesh_layout(n: int, edges: np.ndarray, *, seed: int = SEED, iterations: int = 60, grid: int = 128) -> np.ndarray:
    """Fruchterman-Reingold with repulsion from a density grid convolved by FFT.

    Exact FR repulsion is O(n^2) a step and networkx needs scipy for large
    graphs; binning nodes on a grid and convolving with the k^2/d kernel
    gives the far field in O(n + grid^2 log grid). Returns unit-ish positions.
    """
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, (n, 2)) * math.sqrt(n)
    k = 1.0
    size = 2 * grid
    ax = np.arange(size)
    ax = np.where(ax < grid, ax, ax - size).astype(float)
    dx, dy = np.meshgrid(ax, ax, indexing="ij")
    d2 = dx ** 2 + dy ** 2
    d2[0, 0] = 1.0
    kx, ky = dx / d2, dy / d2
    kx[0, 0] = ky[0, 0] = 0.0
    fkx, fky = np.fft.rfft2(kx), np.fft.rfft2(ky)
    temp0 = math.sqrt(n) * 0.1
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.array([], int), np.array([], int))
    for step in range(iterations):
        temp = temp0 * (1.0 - step / iterations) + 0.01
        lo = pos.min(axis=0)
        h = float((pos.max(axis=0) - lo).max()) / (grid - 1) or 1.0
        cell = np.clip(((pos - lo) / h).astype(int), 0, grid - 1)
        dens = np.zeros((size, size))
        np.add.at(dens, (cell[:, 0], cell[:, 1]), 1.0)
        fd = np.fft.rfft2(dens)
        fx = np.fft.irfft2(fd * fkx, s=(size, size))[cell[:, 0], cell[:, 1]]
        fy = np.fft.irfft2(fd * fky, s=(size, size))[cell[:, 0], cell[:, 1]]
        force = np.stack([fx, fy], axis=1) * (k * k / h)
        # Nodes sharing a cell do not see each other in the grid: a small jitter separates them.
        force += rng.normal(0.0, 0.05, force.shape)
        if len(src):
            delta = pos[dst] - pos[src]
            dist = np.sqrt((delta ** 2).sum(1)) + 1e-9
            pull = delta * (dist / k)[:, None]
            np.add.at(force, src, pull)
            np.add.at(force, dst, -pull)
        # Gentle gravity keeps disconnected pieces from drifting off.
        force -= pos * 0.01
        length = np.sqrt((force ** 2).sum(1)) + 1e-9
        pos += force / length[:, None] * np.minimum(length, temp)[:, None]
    return pos
