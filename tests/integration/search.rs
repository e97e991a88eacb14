//! (empty until filled)
