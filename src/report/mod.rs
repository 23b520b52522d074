//! `framescope report`: one self-contained HTML file a researcher can open,
//! read and share. [`data`] gathers what the page shows one article at a
//! time (the corpus overview, `compare`'s group statistics and
//! within-event differences, frame densities over time, the actor network
//! and profiles, and article bodies up to a cap); [`html`] writes the page
//! with its script, styles, data and the vendored chart libraries
//! (Vega-Lite, Vega, vega-embed) inline. The same input and options give
//! the same bytes.

pub(crate) mod article;
pub(crate) mod data;
pub(crate) mod html;

pub(crate) use article::ReportArticle;
pub(crate) use data::{FrameLabels, FrameMeta, Gatherer, ReportOptions};
pub(crate) use html::page;

use crate::pack::ruleset::RuleSet;

/// The labels and descriptions of `rules`' frames, for a report on
/// articles classified with it.
pub(crate) fn frame_labels(rules: &RuleSet) -> FrameLabels {
    FrameLabels {
        hash: rules.info.hash.clone(),
        frames: rules
            .frames
            .iter()
            .map(|f| FrameMeta {
                id: f.id.clone(),
                label: f.label.clone(),
                description: f.description.clone(),
            })
            .collect(),
    }
}
