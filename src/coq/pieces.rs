//! A full row's cells grouped into Coq pieces: every maximal subtree of the split code whose
//! cells all have the same proof shape (the guard is negative on each, or the same
//! conditions hold on each) becomes one piece, one lemma on the subtree's box, proved by
//! `interval`'s own bisection instead of one lemma per cell. Coq then re-proves the shape on
//! the union of the cells, which is the subtree's box; the grouping only chooses how many
//! lemmas there are, never what they state.

use crate::check::region::{halves, RegionBox as Box3};

/// One piece: the cells `first..=last` of the row (in the checker's order), whose union is
/// the box `b`; `height` is the depth of their subtree below `b` (0 for a single cell).
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// The first cell of the piece.
    pub first: usize,
    /// The last cell of the piece.
    pub last: usize,
    /// The subtree's box.
    pub b: Box3,
    /// The subtree's height in splits.
    pub height: usize,
}

/// The pieces of a row, in the checker's order, and the split code of the tree whose
/// leaves they are (the row's code with every grouped subtree written `L`).
#[derive(Debug)]
pub struct Pieces {
    /// The pieces.
    pub pieces: Vec<Piece>,
    /// The grouped tree's split code.
    pub code: String,
}

/// A subtree while grouping: its code, its pieces, and whether it is a single piece.
struct Sub {
    code: String,
    pieces: Vec<Piece>,
    whole: bool,
}

/// Groups the cells of the tree `splits` over `root` by `shape` (one shape per cell, in
/// the checker's order): a subtree of height at most `max_height` whose two halves are
/// each a single piece of the same shape is one piece. The height bound keeps each
/// lemma's bisection bounded and leaves enough lemmas to compile in parallel.
pub fn group<S: PartialEq>(
    root: &Box3,
    splits: &str,
    shape: &[S],
    max_height: usize,
) -> Result<Pieces, String> {
    let code = splits.as_bytes();
    let (mut pos, mut leaf) = (0usize, 0usize);
    let mut tree = Tree {
        code,
        shape,
        max_height,
    };
    let sub = tree.walk(root, &mut pos, &mut leaf)?;
    if pos != code.len() {
        return Err("the split code goes on after the tree ends".into());
    }
    if leaf != shape.len() {
        return Err(format!(
            "the split code has {leaf} cells, the row {}",
            shape.len()
        ));
    }
    Ok(Pieces {
        pieces: sub.pieces,
        code: sub.code,
    })
}

/// The tree being grouped.
struct Tree<'a, S> {
    code: &'a [u8],
    shape: &'a [S],
    max_height: usize,
}

impl<S: PartialEq> Tree<'_, S> {
    fn walk(&mut self, b: &Box3, pos: &mut usize, leaf: &mut usize) -> Result<Sub, String> {
        let (code, shape) = (self.code, self.shape);
        let c = *code
            .get(*pos)
            .ok_or("the split code ends before the tree does")?;
        *pos += 1;
        if c == b'L' {
            let i = *leaf;
            if i >= shape.len() {
                return Err(format!(
                    "the split code has more than {} cells",
                    shape.len()
                ));
            }
            *leaf += 1;
            return Ok(Sub {
                code: "L".into(),
                pieces: vec![Piece {
                    first: i,
                    last: i,
                    b: b.clone(),
                    height: 0,
                }],
                whole: true,
            });
        }
        let (_, _, lo, hi) = halves(b, c as char)?;
        let a = self.walk(&lo, pos, leaf)?;
        let z = self.walk(&hi, pos, leaf)?;
        let height = 1 + a.pieces[0].height.max(z.pieces[0].height);
        if a.whole
            && z.whole
            && height <= self.max_height
            && shape[a.pieces[0].first] == shape[z.pieces[0].first]
        {
            return Ok(Sub {
                code: "L".into(),
                pieces: vec![Piece {
                    first: a.pieces[0].first,
                    last: z.pieces[0].last,
                    b: b.clone(),
                    height,
                }],
                whole: true,
            });
        }
        let mut pieces = a.pieces;
        pieces.extend(z.pieces);
        Ok(Sub {
            code: format!("{}{}{}", c as char, a.code, z.code),
            pieces,
            whole: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arith::q::Q;
    use crate::check::region::leaves;

    fn unit_box() -> Box3 {
        vec![(Q::from(0), Q::from(1)), (Q::from(0), Q::from(1))]
    }

    #[test]
    fn cells_of_one_shape_in_a_subtree_are_one_piece() {
        // Split y at 1/2; the upper half splits x at 1/2. Cells: lower half, upper-left,
        // upper-right.
        let g = group(&unit_box(), "1L0LL", &['a', 'b', 'b'], 9).unwrap();
        assert_eq!(g.code, "1LL");
        assert_eq!(g.pieces.len(), 2);
        assert_eq!((g.pieces[1].first, g.pieces[1].last), (1, 2));
        assert_eq!(g.pieces[1].height, 1);
        assert_eq!(g.pieces[1].b[1], (Q::from((1, 2)), Q::from(1)));
        // All one shape: the whole box is one piece.
        let g = group(&unit_box(), "1L0LL", &['a', 'a', 'a'], 9).unwrap();
        assert_eq!((g.code.as_str(), g.pieces.len()), ("L", 1));
        assert_eq!(g.pieces[0].height, 2);
        // At most height 1: the upper half is one piece, the whole box is not.
        let g = group(&unit_box(), "1L0LL", &['a', 'a', 'a'], 1).unwrap();
        assert_eq!((g.code.as_str(), g.pieces.len()), ("1LL", 2));
        // Height 0: every cell is its own piece.
        let g = group(&unit_box(), "1L0LL", &['a', 'a', 'a'], 0).unwrap();
        assert_eq!((g.code.as_str(), g.pieces.len()), ("1L0LL", 3));
        // Shapes that differ inside every subtree: the tree is kept as it is, and the
        // pieces are the cells, with the checker's boxes.
        let g = group(&unit_box(), "1L0LL", &['a', 'b', 'a'], 9).unwrap();
        assert_eq!(g.code, "1L0LL");
        let cells = leaves(&unit_box(), "1L0LL").unwrap();
        let boxes: Vec<Box3> = g.pieces.iter().map(|p| p.b.clone()).collect();
        assert_eq!(boxes, cells);
        // Two cells of one shape that are not one subtree stay apart.
        let g = group(&unit_box(), "1L0LL", &['b', 'b', 'a'], 9).unwrap();
        assert_eq!(g.pieces.len(), 3);
    }

    #[test]
    fn a_code_that_does_not_match_the_cells_is_refused() {
        assert!(group(&unit_box(), "1L0L", &['a', 'a', 'a'], 9).is_err());
        assert!(group(&unit_box(), "1L0LLL", &['a', 'a', 'a'], 9).is_err());
        assert!(group(&unit_box(), "1L0LL", &['a', 'a'], 9).is_err());
        assert!(group(&unit_box(), "1L0LL", &['a', 'a', 'a', 'a'], 9).is_err());
        assert!(group(&unit_box(), "2LL", &['a', 'a'], 9).is_err());
    }
}
