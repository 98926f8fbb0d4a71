//! `file:` URIs and paths (RFC 8089): the client names documents by URI, relcheck reads files by
//! path. Only local files are served; any other scheme, or a host other than `localhost`, is not
//! a file of the dataset.

use std::path::{Path, PathBuf};

/// The path a `file:` URI names; `None` for other schemes, remote hosts and malformed escapes.
pub(crate) fn to_path(uri: &str) -> Option<PathBuf> {
    let (scheme, rest) = uri.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let path = match rest.strip_prefix("//") {
        Some(after) => {
            let slash = after.find('/')?;
            let host = &after[..slash];
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return None;
            }
            &after[slash..]
        }
        None => rest,
    };
    if !path.starts_with('/') {
        return None;
    }
    let bytes = decode(path)?;
    // A NUL cannot be part of a path, and would cut it short when the path is used.
    if bytes.contains(&0) {
        return None;
    }
    Some(from_bytes(bytes))
}

/// The `file:` URI of an absolute path, with every byte that is not unreserved (RFC 3986) or `/`
/// percent-encoded.
pub(crate) fn from_path(path: &Path) -> String {
    let mut out = String::from("file://");
    for &byte in path_bytes(path).iter() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(unix)]
fn from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().into()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    path.to_string_lossy().replace('\\', "/").into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_escapes() {
        let path = Path::new("/tmp/data set/Київ #1%.json");
        let uri = from_path(path);
        assert_eq!(uri, "file:///tmp/data%20set/%D0%9A%D0%B8%D1%97%D0%B2%20%231%25.json");
        assert_eq!(to_path(&uri).as_deref(), Some(path));
        assert_eq!(
            to_path("file://localhost/a/b.json").as_deref(),
            Some(Path::new("/a/b.json"))
        );
        assert_eq!(to_path("FILE:/a/b.json").as_deref(), Some(Path::new("/a/b.json")));
    }

    #[test]
    fn other_uris_are_not_files() {
        for uri in [
            "untitled:Untitled-1",
            "https://example.org/a.json",
            "file://server/share/a.json",
            "file:///a/%zz.json",
            "file:///a/%0",
            "file:///a/%00b",
            "file:relative",
            "",
        ] {
            assert_eq!(to_path(uri), None, "{uri}");
        }
    }
}
