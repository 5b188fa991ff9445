"""One step of the neuron map (77)-(80) on each box, in mpmath interval arithmetic (53 bits)."""
import mpmath
from common import neuron_step, run

iv = mpmath.iv
iv.prec = 53
PI = iv.pi

def interval(lo, hi):
    return iv.mpf([lo, hi])

def step(k, v, wx, wy):
    return neuron_step(k, v, wx, wy, PI, iv.atan2)

def width(x):
    return float(x.delta)

if __name__ == "__main__":
    run("mpmath (iv, 53 bits)", interval, step, width, repeat=1)
