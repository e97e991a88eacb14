//! `referat index`. (Stub until implemented.)

use std::process::ExitCode;

use super::IndexArgs;

pub fn run(_args: IndexArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`referat index` is not built yet")
}
