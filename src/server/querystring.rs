//! The raw query string → a typed query struct. axum's `Query` cannot take repeated
//! parameters (`?kommune=Esbjerg&kommune=Fanø`) and silently replaces invalid UTF-8, so we
//! decode pairs ourselves, strictly, and hand serde a JSON object in which repeatable
//! parameters are arrays. The query structs' `deny_unknown_fields` then names any stray one.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::error::ApiError;

/// Decode `a=1&b=x+y&b=%C3%A6` into pairs, refusing malformed `%` escapes and invalid UTF-8.
pub fn decode_pairs(raw: &str) -> Result<Vec<(String, String)>, ApiError> {
    raw.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            Ok((decode(key)?, decode(value)?))
        })
        .collect()
}

/// Percent-decode one component (`+` is a space, as in HTML forms).
fn decode(component: &str) -> Result<String, ApiError> {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                let byte = hex.and_then(|h| u8::from_str_radix(h, 16).ok());
                let Some(byte) = byte else {
                    return Err(ApiError::BadQueryString(format!(
                        "malformed percent-encoding in `{component}`"
                    )));
                };
                out.push(byte);
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| {
        ApiError::BadQueryString(format!("`{component}` does not decode to valid UTF-8 text"))
    })
}

/// Decode `raw` into `T`. Parameters named in `repeatable` may appear many times (they
/// become arrays); any other given twice is refused, as is any `T` does not know.
pub fn parse<T: DeserializeOwned>(raw: Option<&str>, repeatable: &[&str]) -> Result<T, ApiError> {
    let mut object = Map::new();
    for (key, value) in decode_pairs(raw.unwrap_or(""))? {
        if repeatable.contains(&key.as_str()) {
            let entry = object
                .entry(key)
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(values) = entry {
                values.push(Value::String(value));
            }
        } else if object.contains_key(&key) {
            let message = format!("`{key}` may be given only once");
            return Err(ApiError::param(&key, "repeated_parameter", message));
        } else {
            object.insert(key, Value::String(value));
        }
    }
    serde_json::from_value(Value::Object(object)).map_err(|err| deserialize_error(&err))
}

/// serde's message names the field in backticks: "unknown field `foo`, expected one of …".
fn deserialize_error(err: &serde_json::Error) -> ApiError {
    let message = err.to_string();
    let param = message.split('`').nth(1).unwrap_or("").to_owned();
    if message.starts_with("unknown field") {
        let text = format!("unknown parameter `{param}`");
        return ApiError::param(&param, "unknown_parameter", text);
    }
    ApiError::param(&param, "invalid_parameter", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Example {
        q: Option<String>,
        #[serde(default)]
        kommune: Vec<String>,
    }

    #[test]
    fn repeated_facet_values_are_all_kept() {
        let parsed: Example = parse(Some("kommune=Esbjerg&kommune=Fan%C3%B8"), &["kommune"])
            .expect("valid query string");
        assert_eq!(parsed.kommune, ["Esbjerg", "Fanø"]);
    }

    #[test]
    fn plus_means_space_and_escapes_decode() {
        let parsed: Example = parse(Some("q=kom+trygt%20hjem"), &[]).expect("valid");
        assert_eq!(parsed.q.as_deref(), Some("kom trygt hjem"));
    }

    #[test]
    fn unknown_parameters_are_named() {
        let err = parse::<Example>(Some("q=x&qq=y"), &[]).expect_err("qq is unknown");
        assert!(matches!(err, ApiError::BadParam { ref param, .. } if param == "qq"));
    }

    #[test]
    fn single_parameters_given_twice_are_refused() {
        let err = parse::<Example>(Some("q=a&q=b"), &[]).expect_err("q twice");
        assert!(matches!(err, ApiError::BadParam { ref param, .. } if param == "q"));
    }

    #[test]
    fn malformed_escapes_and_invalid_utf8_are_refused() {
        for raw in ["q=%", "q=%zz", "q=%C3", "q=%ff"] {
            let result = parse::<Example>(Some(raw), &[]);
            assert!(matches!(result, Err(ApiError::BadQueryString(_))), "{raw}");
        }
    }
}
