//! Profiles: what a scored document says, per article ([`article`]), in the
//! summary that corpus statistics read ([`summary`]), and per actor over a
//! corpus ([`actors`]).

pub(crate) mod actors;
pub(crate) mod article;
pub(crate) mod summary;
