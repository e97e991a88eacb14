//! `referat parse`. (Stub until implemented.)

use std::process::ExitCode;

use super::ParseArgs;

pub fn run(_args: ParseArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`referat parse` is not built yet")
}
