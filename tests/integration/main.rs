//! The one integration test binary: parse, index, search, API and CLI tests over the seeds.

mod api;
mod cli;
mod common;
mod faults;
mod hostile;
mod index;
mod page;
mod parse;
mod read;
mod relevance;
mod renditions_html;
mod search;
mod variants;
