"""One step of the neuron map (77)-(80) on each box, in mpmath interval arithmetic (53 bits)."""
import mpmath
from common import run

iv = mpmath.iv
iv.prec = 53
PI = iv.pi

def interval(lo, hi):
    return iv.mpf([lo, hi])

def step(k, v, wx, wy):
    r2 = wx * wx + wy * wy
    alpha = iv.atan2(wy, wx)
    v1 = v - k * (v * r2 - (wy + (PI - alpha) * wx) / PI)
    wx1 = wx - k * (v * v * wx - v / PI * (PI - alpha + wx * wy / r2))
    wy1 = wy * (1 - k * v * (v - wy / (PI * r2)))  # (80), factor form
    return v1, wx1, wy1

def width(x):
    return float(x.delta)

if __name__ == "__main__":
    run("mpmath (iv, 53 bits)", interval, step, width, repeat=1)
