"""One step of the neuron map (77)-(80) on each box, in Arb (python-flint) at 53 bits."""
from flint import arb, ctx
from common import run

ctx.prec = 53
PI = arb.pi()

def interval(lo, hi):
    return arb(lo).union(arb(hi))

def step(k, v, wx, wy):
    r2 = wx * wx + wy * wy
    alpha = arb.atan2(wy, wx)
    v1 = v - k * (v * r2 - (wy + (PI - alpha) * wx) / PI)
    wx1 = wx - k * (v * v * wx - v / PI * (PI - alpha + wx * wy / r2))
    wy1 = wy * (1 - k * v * (v - wy / (PI * r2)))  # (80), factor form
    return v1, wx1, wy1

def width(x):
    return float(2 * x.rad())

if __name__ == "__main__":
    run("python-flint (Arb, 53 bits)", interval, step, width)
