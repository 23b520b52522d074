//! Text: bytes in, normalised text and sentences out. Reading documents and
//! input streams, Unicode normalisation with an offset map back to the
//! original, and sentence segmentation. Depends on nothing else in the crate
//! but [`crate::error`].

pub(crate) mod date;
pub(crate) mod document;
pub(crate) mod input;
pub(crate) mod normalize;
pub(crate) mod segment;
pub(crate) mod span;
pub(crate) mod tokens;
