//! Boxes of the single-neuron state (K, v, w_x, w_y) pushed through the reduced map
//! (77)-(80): parsing, rigorous one-step images in both engines, N-step image
//! enclosures with splitting, the `query neuron` answer and the `check-table` answers.

pub mod basin;
pub mod basin_table;
pub mod boxes;
pub mod dual;
pub mod image;
pub mod propagate;
pub mod query;
pub mod table_check;
