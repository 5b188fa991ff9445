//! Certified enclosures of the N-step image of a box, as a list of boxes.
//!
//! Each step cuts every box of the current list into pieces small compared with the
//! list's hull (interval arithmetic overestimates an image by an amount proportional to
//! the box's size), maps every piece with [`step_iv`], drops images contained in other
//! images, and, past a budget, merges neighbouring images into their hull. The union of
//! the returned boxes contains the image of every point of the start box for every K of
//! its K range: cutting replaces a box by pieces that cover it, merging only grows boxes.

use super::boxes::IBox;
use super::propagate::{is_bounded, step_iv};
use inari::Interval;

/// Limits of the splitting.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Largest number of boxes kept after any step (beyond it, boxes are merged).
    pub max_boxes: usize,
    /// Before a step, every box is cut so that no side is longer than the width of the
    /// list's hull on that side divided by `cuts`.
    pub cuts: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_boxes: 1500,
            cuts: 6,
        }
    }
}

/// The smallest box containing every box of a non-empty list.
pub fn hull(boxes: &[IBox]) -> IBox {
    let mut h = boxes[0];
    for b in &boxes[1..] {
        for i in 0..4 {
            h[i] = h[i].convex_hull(b[i]);
        }
    }
    h
}

/// `n` pieces of `x` whose union is `x` (neighbours share their f64 breakpoints).
fn pieces(x: Interval, n: u32) -> Vec<Interval> {
    let (lo, hi) = (x.inf(), x.sup());
    let mut pts = vec![lo];
    for j in 1..n {
        let t = lo + (hi - lo) * (j as f64 / n as f64);
        if t > *pts.last().unwrap() && t < hi {
            pts.push(t);
        }
    }
    pts.push(hi);
    pts.windows(2)
        .filter_map(|w| Interval::try_from((w[0], w[1])).ok())
        .collect()
}

/// Cuts `b` into a grid whose sides are at most `tau` (at most `cap` pieces per side).
fn grid(b: &IBox, tau: &[f64; 4], cap: u32) -> Vec<IBox> {
    let per: Vec<Vec<Interval>> = (0..4)
        .map(|i| {
            let w = b[i].wid();
            let n = if tau[i] > 0.0 && w > tau[i] {
                ((w / tau[i]).ceil() as u32).min(cap)
            } else {
                1
            };
            pieces(b[i], n)
        })
        .collect();
    let mut out = Vec::new();
    for a in &per[0] {
        for v in &per[1] {
            for x in &per[2] {
                for y in &per[3] {
                    out.push([*a, *v, *x, *y]);
                }
            }
        }
    }
    out
}

/// Drops boxes contained in another box of the list.
fn prune(mut boxes: Vec<IBox>) -> Vec<IBox> {
    boxes.sort_by(|a, b| {
        let wa: f64 = a.iter().map(|x| x.wid()).sum();
        let wb: f64 = b.iter().map(|x| x.wid()).sum();
        wb.partial_cmp(&wa).unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut kept: Vec<IBox> = Vec::new();
    for b in boxes {
        if !kept.iter().any(|k| (0..4).all(|i| b[i].subset(k[i]))) {
            kept.push(b);
        }
    }
    kept
}

/// Replaces the boxes whose centres fall in the same cell of a `cells`⁴ grid over the
/// hull by their hull (the union only grows).
fn merge(boxes: Vec<IBox>, cells: u32) -> Vec<IBox> {
    let h = hull(&boxes);
    let mut groups: std::collections::BTreeMap<[u32; 4], IBox> = std::collections::BTreeMap::new();
    for b in boxes {
        let mut key = [0u32; 4];
        for i in 0..4 {
            let w = h[i].wid();
            if w > 0.0 {
                key[i] = (((b[i].mid() - h[i].inf()) / w * cells as f64) as u32).min(cells - 1);
            }
        }
        groups
            .entry(key)
            .and_modify(|g| {
                for i in 0..4 {
                    g[i] = g[i].convex_hull(b[i]);
                }
            })
            .or_insert(b);
    }
    prune(groups.into_values().collect())
}

/// One step of the list: every box cut finer than the hull / `cuts`, every piece mapped.
pub fn step_list(cur: &[IBox], opt: &Options) -> Result<Vec<IBox>, String> {
    let h = hull(cur);
    let tau: [f64; 4] = std::array::from_fn(|i| h[i].wid() / opt.cuts as f64);
    let mut next = Vec::new();
    for b in cur {
        for piece in grid(b, &tau, opt.cuts) {
            let img = step_iv(&piece);
            if !is_bounded(&img) {
                return Err(
                    "the enclosure is unbounded: the box reaches w = 0, where the map is undefined"
                        .into(),
                );
            }
            next.push(img);
        }
    }
    let mut next = prune(next);
    let mut cells = 8;
    while next.len() > opt.max_boxes && cells > 1 {
        next = merge(next, cells);
        cells /= 2;
    }
    Ok(next)
}

/// Boxes whose union contains the `n`-step image of `start` (K carried in coordinate 0).
pub fn image(start: &IBox, n: usize, opt: &Options) -> Result<Vec<IBox>, String> {
    let mut cur = vec![*start];
    for _ in 0..n {
        cur = step_list(&cur, opt)?;
    }
    Ok(cur)
}
