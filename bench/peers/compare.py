"""Runs the three engines on bench/neuron_boxes.json back to back and prints the
comparison table, ending with the line `box-step speedup vs python-flint: N.Nx`.

Usage: compare.py PYTHON TWOSTEP_PEER_BINARY"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))

def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])

def main():
    python, project = sys.argv[1], sys.argv[2]
    rows = [
        run([project]),
        run([python, os.path.join(here, "flint_step.py")]),
        run([python, os.path.join(here, "mpmath_step.py")]),
    ]
    base = rows[0]["ns_per_step"]
    print("| engine | time per box step | ratio to twostep | mean enclosure width |")
    print("|---|---|---|---|")
    for r in rows:
        print(f"| {r['engine']} | {r['ns_per_step'] / 1000:.3f} µs | {r['ns_per_step'] / base:.1f}x | {r['mean_width']:.6e} |")
    wr = rows[0]["mean_width"] / rows[1]["mean_width"]
    print(f"mean width, twostep / python-flint: {wr:.4f}")
    print(f"box-step speedup vs python-flint: {rows[1]['ns_per_step'] / base:.1f}x")

if __name__ == "__main__":
    main()
