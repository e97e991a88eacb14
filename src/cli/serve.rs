//! `referat serve`. (Stub until implemented.)

use std::process::ExitCode;

use super::ServeArgs;

pub fn run(_args: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`referat serve` is not built yet")
}
