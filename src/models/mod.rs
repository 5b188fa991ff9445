//! The paper's gradient-descent maps, each written once, generic over the number trait.

pub mod neuron;
pub mod product;
pub mod quartic;
