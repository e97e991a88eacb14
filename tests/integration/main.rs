//! The one integration test binary: parse, index, search, API and CLI tests over the seeds.

mod api;
mod bounds;
mod cli;
mod common;
mod damaged;
mod faults;
mod hostile;
mod index;
mod page;
mod parse;
mod read;
mod relevance;
mod search;
mod variants;
