//! Profiles: what a scored document says, per article ([`article`]), in the
//! summary that corpus statistics read ([`summary`]), and per actor over a
//! corpus ([`actors`]).

pub mod actors;
pub mod article;
pub mod summary;
