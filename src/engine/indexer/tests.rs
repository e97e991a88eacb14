//! Tests of incremental, atomic indexing over hand-built meetings.
