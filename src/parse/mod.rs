//! Clean text → [`Meeting`]. (Owner: parsing. Stub until implemented.)

use crate::error::ParseError;
use crate::model::{Meeting, Source};

/// Parse the clean text of one referat. `source` is stored in the meeting as is.
pub fn parse_meeting(_text: &str, _source: Source) -> Result<Meeting, ParseError> {
    Err(ParseError::NoTitle)
}
