//! Criterion benches (parse, index, query). Filled in by the benchmarks work.

fn main() {}
