//! `referat search`. (Stub until implemented.)

use std::process::ExitCode;

use super::SearchArgs;

pub fn run(_args: SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`referat search` is not built yet")
}
