"""One step of the neuron map (77)-(80) on each box, in Arb (python-flint) at 53 bits."""
from flint import arb, ctx
from common import neuron_step, run

ctx.prec = 53
PI = arb.pi()

def interval(lo, hi):
    return arb(lo).union(arb(hi))

def step(k, v, wx, wy):
    return neuron_step(k, v, wx, wy, PI, arb.atan2)

def width(x):
    return float(2 * x.rad())

if __name__ == "__main__":
    run("python-flint (Arb, 53 bits)", interval, step, width)
