//! Structured input formats: web pages and JSON article dumps.

pub mod html;
pub mod json;
