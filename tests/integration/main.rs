//! The one integration test binary: parse, index, search, API and CLI tests over the seeds.

mod api;
mod bounds;
mod cli;
mod common;
mod damaged;
mod faults;
mod feeds;
mod folders;
mod hostile;
mod index;
mod output;
mod page;
mod parse;
mod people;
mod read;
mod relevance;
mod renditions_html;
mod renditions_layouts;
mod renditions_pdf;
mod search;
mod variants;
mod watch;
