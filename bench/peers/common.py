"""Shared by the peer scripts: read the boxes, time the steps, report as JSON."""
import json, os, sys, time

def boxes():
    path = os.path.join(os.path.dirname(__file__), "..", "neuron_boxes.json")
    with open(path) as f:
        return json.load(f)["boxes"]

def run(engine, make_interval, step, width, repeat=3):
    """Steps every box once, `repeat` times; reports the best time per step and the mean
    enclosure width of the three output coordinates."""
    data = [{k: make_interval(*b[k]) for k in ("K", "v", "w_x", "w_y")} for b in boxes()]
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = [step(b["K"], b["v"], b["w_x"], b["w_y"]) for b in data]
        best = min(best, time.perf_counter() - t0)
    widths = [sum(width(c) for c in o) / 3 for o in out]
    print(json.dumps({
        "engine": engine,
        "boxes": len(data),
        "ns_per_step": best / len(data) * 1e9,
        "mean_width": sum(widths) / len(widths),
    }))

def neuron_step(k, v, wx, wy, pi, atan2):
    """One step of (77)-(80) in whatever arithmetic the arguments carry; w_y in the
    factor form (80), as the project's `models::neuron::step`."""
    r2 = wx * wx + wy * wy
    alpha = atan2(wy, wx)
    v1 = v - k * (v * r2 - (wy + (pi - alpha) * wx) / pi)
    wx1 = wx - k * (v * v * wx - v / pi * (pi - alpha + wx * wy / r2))
    wy1 = wy * (1 - k * v * (v - wy / (pi * r2)))
    return v1, wx1, wy1
