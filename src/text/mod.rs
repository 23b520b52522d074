//! Text: bytes in, normalised text and sentences out. Reading documents and
//! input streams, Unicode normalisation with an offset map back to the
//! original, and sentence segmentation. Depends on nothing else in the crate
//! but [`crate::error`].

pub mod date;
pub mod document;
pub mod input;
pub mod normalize;
pub mod segment;
pub(crate) mod tokens;
