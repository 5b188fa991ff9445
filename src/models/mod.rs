//! The paper's gradient-descent maps, each written once, generic over the number trait.

pub mod quartic;
pub mod product;
pub mod neuron;
