//! The stdio transport: `Content-Length` framed JSON-RPC messages. A thread reads standard input
//! and hands each message to the main thread; the main thread writes every response and
//! notification itself. Frames are read here rather than by `lsp-server`'s reader, which sizes its
//! buffer from the header before reading: a header line and a message body are both bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use lsp_server::Message;

/// The largest message read. An editor sends a document whole on opening it; relcheck reads
/// files of up to 64 MiB, which JSON escaping can make a few times larger.
pub(crate) const MAX_MESSAGE: usize = 512 * 1024 * 1024;

/// The longest header line: headers are a few dozen bytes.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// What the reader thread hands over.
#[derive(Debug)]
pub(crate) enum Incoming {
    Message(Message),
    /// A frame that is not a message, skipped: why.
    Skipped(String),
    /// Standard input ended, or its framing broke beyond repair: why, when it did.
    Closed(Option<String>),
}

/// The main thread's side: messages in, messages out.
pub(crate) struct Transport {
    receiver: Receiver<Incoming>,
    /// A message taken from the queue to see whether it was empty, not yet handled.
    peeked: Option<Incoming>,
    out: std::io::Stdout,
}

impl Transport {
    pub fn stdio() -> Self {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut input = BufReader::new(std::io::stdin().lock());
            loop {
                let frame = read_frame(&mut input, MAX_MESSAGE);
                let last = matches!(frame, Incoming::Closed(_));
                if sender.send(frame).is_err() || last {
                    break;
                }
            }
        });
        Self {
            receiver,
            peeked: None,
            out: std::io::stdout(),
        }
    }

    /// The next incoming message, waiting for it.
    pub fn next(&mut self) -> Incoming {
        if let Some(peeked) = self.peeked.take() {
            return peeked;
        }
        self.receiver.recv().unwrap_or(Incoming::Closed(None))
    }

    /// Whether another message is waiting already (a burst of edits is then checked once, after
    /// its last change).
    pub fn has_pending(&mut self) -> bool {
        if self.peeked.is_some() {
            return true;
        }
        match self.receiver.try_recv() {
            Ok(incoming) => {
                self.peeked = Some(incoming);
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.peeked = Some(Incoming::Closed(None));
                true
            }
        }
    }

    pub fn send(&mut self, message: impl Into<Message>) -> std::io::Result<()> {
        let message: Message = message.into();
        let mut out = self.out.lock();
        message.write(&mut out)?;
        out.flush()
    }
}

/// Reads one frame: headers up to an empty line, then `Content-Length` bytes of JSON.
fn read_frame(input: &mut impl BufRead, max_message: usize) -> Incoming {
    let mut length = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        match input.by_ref().take(MAX_HEADER_LINE).read_until(b'\n', &mut line) {
            Ok(0) => return Incoming::Closed(None),
            Ok(_) => {}
            Err(error) => return Incoming::Closed(Some(format!("cannot read standard input: {error}"))),
        }
        let Some(header) = line.strip_suffix(b"\r\n") else {
            return Incoming::Closed(Some(format!(
                "malformed header {:?}: a header line ends with CR LF and has at most {MAX_HEADER_LINE} bytes",
                String::from_utf8_lossy(&line[..line.len().min(80)])
            )));
        };
        if header.is_empty() {
            break;
        }
        let header = String::from_utf8_lossy(header);
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Incoming::Closed(Some("a message without a valid Content-Length header".into()));
    };
    if length > max_message {
        // Skipped whole, so that the next frame is read from its start.
        return match std::io::copy(&mut input.by_ref().take(length as u64), &mut std::io::sink()) {
            Ok(read) if read == length as u64 => Incoming::Skipped(format!(
                "a message of {length} bytes, more than the {max_message} bytes relcheck reads, was skipped"
            )),
            _ => Incoming::Closed(None),
        };
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Incoming::Closed(None);
    }
    match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Incoming::Message(message),
        Err(error) => Incoming::Skipped(format!("a message that is not JSON-RPC was skipped: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8], max_message: usize) -> Vec<String> {
        let mut reader = std::io::Cursor::new(input.to_vec());
        let mut out = Vec::new();
        loop {
            let frame = read_frame(&mut reader, max_message);
            let last = matches!(frame, Incoming::Closed(_));
            out.push(match frame {
                Incoming::Message(Message::Notification(n)) => format!("notification {}", n.method),
                Incoming::Message(other) => format!("{other:?}"),
                Incoming::Skipped(why) => format!("skipped: {why}"),
                Incoming::Closed(why) => format!("closed: {why:?}"),
            });
            if last {
                return out;
            }
        }
    }

    #[test]
    fn frames_are_read_and_bad_ones_skipped_or_ended() {
        let body = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = format!("Content-Length: {}\r\nContent-Type: x\r\n\r\n", body.len()).into_bytes();
        input.extend_from_slice(body);
        input.extend_from_slice(b"Content-Length: 3\r\n\r\n[1]");
        input.extend_from_slice(b"Content-Length: 99999999999999999999\r\n\r\n");
        let read = frames(&input, MAX_MESSAGE);
        assert_eq!(read[0], "notification initialized");
        assert!(
            read[1].starts_with("skipped: a message that is not JSON-RPC"),
            "{}",
            read[1]
        );
        assert_eq!(
            read[2],
            "closed: Some(\"a message without a valid Content-Length header\")"
        );
    }

    #[test]
    fn an_oversized_message_is_skipped_without_being_held() {
        let mut input = b"Content-Length: 1001\r\n\r\n".to_vec();
        input.resize(input.len() + 1001, b' ');
        let read = frames(&input, 1000);
        assert!(read[0].starts_with("skipped: a message of"), "{}", read[0]);
        assert_eq!(read[1], "closed: None");
    }

    #[test]
    fn a_header_line_without_an_end_ends_the_stream() {
        let input = vec![b'a'; 20_000];
        let read = frames(&input, MAX_MESSAGE);
        assert!(read[0].starts_with("closed: Some(\"malformed header"), "{}", read[0]);
    }
}
