//! Just enough HTTP/1.1 for one request per connection, with every read bounded in time and
//! size: the head must arrive within a deadline and fit a cap, a body is read only when the
//! caller asks (after its checks) and within its own deadline, and every answer closes the
//! connection. A client that stalls costs one connection's thread until its deadline, nothing
//! more.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Largest request head (request line and headers) accepted.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Longest line of a chunked body's framing (chunk sizes, trailers).
const MAX_FRAMING_LINE: usize = 1024;
/// After refusing a request whose body was not read, how long (and how much) to keep reading
/// and discarding it so that the client, still sending, receives the answer instead of a reset.
const DRAIN_TIME: Duration = Duration::from_secs(5);
const DRAIN_BYTES: u64 = 256 * 1024 * 1024;

/// Why a request could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The deadline passed first (answered with 408).
    Timeout,
    /// The client closed the connection, or it failed: nobody to answer.
    Gone,
    /// The request breaks the protocol or a limit: answered with this status.
    Refused(u16, String),
}

/// A request line and its headers.
#[derive(Debug)]
pub struct Head {
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
    headers: Vec<(String, String)>,
}

impl Head {
    /// The first header of that name (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }

    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("/")
    }

    /// How the body is framed, checked against `max` before a byte of it is read.
    pub fn body_framing(&self, max: u64) -> Result<Framing, ReadError> {
        let chunked = match self.header("Transfer-Encoding") {
            None => false,
            Some(te) if te.trim().eq_ignore_ascii_case("chunked") => true,
            Some(_) => {
                return Err(ReadError::Refused(
                    501,
                    "only the chunked transfer encoding is understood".into(),
                ))
            }
        };
        match (chunked, self.header("Content-Length")) {
            (true, Some(_)) => Err(ReadError::Refused(
                400,
                "both Content-Length and Transfer-Encoding".into(),
            )),
            (true, None) => Ok(Framing::Chunked),
            (false, None) => Ok(Framing::Length(0)),
            (false, Some(text)) => {
                let n: u64 = text.trim().parse().map_err(|_| {
                    ReadError::Refused(400, format!("Content-Length {text:?} is not a number"))
                })?;
                if n > max {
                    return Err(too_large(max));
                }
                Ok(Framing::Length(n))
            }
        }
    }
}

pub fn too_large(max: u64) -> ReadError {
    ReadError::Refused(413, format!("the body exceeds {max} bytes"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Length(u64),
    Chunked,
}

/// An answer: status, extra headers, body. `Content-Length` and `Connection: close` are added
/// when it is written.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_owned())],
            body,
        }
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }
}

/// One client connection: the stream and what was read from it but not yet consumed.
pub struct Connection {
    stream: TcpStream,
    pending: Vec<u8>,
}

impl Connection {
    pub fn new(stream: TcpStream) -> Self {
        Connection {
            stream,
            pending: Vec::new(),
        }
    }

    /// One read into `buf`, waiting at most until `deadline`.
    fn read_some(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, ReadError> {
        loop {
            let left = deadline
                .checked_duration_since(Instant::now())
                .filter(|d| !d.is_zero())
                .ok_or(ReadError::Timeout)?;
            self.stream
                .set_read_timeout(Some(left))
                .map_err(|_| ReadError::Gone)?;
            match self.stream.read(buf) {
                Ok(0) => return Err(ReadError::Gone),
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return Err(ReadError::Timeout)
                }
                Err(_) => return Err(ReadError::Gone),
            }
        }
    }

    fn fill(&mut self, deadline: Instant) -> Result<(), ReadError> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.read_some(&mut chunk, deadline)?;
        self.pending.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    /// The request line and headers, which must arrive by `deadline`.
    pub fn read_head(&mut self, deadline: Instant) -> Result<Head, ReadError> {
        let end = loop {
            if let Some(at) = find(&self.pending, b"\r\n\r\n") {
                break at;
            }
            if self.pending.len() > MAX_HEAD_BYTES {
                return Err(ReadError::Refused(
                    431,
                    format!("the request head exceeds {MAX_HEAD_BYTES} bytes"),
                ));
            }
            self.fill(deadline)?;
        };
        if end > MAX_HEAD_BYTES {
            return Err(ReadError::Refused(
                431,
                format!("the request head exceeds {MAX_HEAD_BYTES} bytes"),
            ));
        }
        let head: Vec<u8> = self.pending.drain(..end + 4).collect();
        parse_head(&String::from_utf8_lossy(&head[..end]))
    }

    /// Exactly `n` more bytes appended to `out`.
    fn read_exact_into(
        &mut self,
        out: &mut Vec<u8>,
        n: u64,
        deadline: Instant,
    ) -> Result<(), ReadError> {
        let mut left = usize::try_from(n).map_err(|_| too_large(n))?;
        let buffered = left.min(self.pending.len());
        out.extend(self.pending.drain(..buffered));
        left -= buffered;
        let mut chunk = vec![0u8; 64 * 1024];
        while left > 0 {
            let want = left.min(chunk.len());
            let got = self.read_some(&mut chunk[..want], deadline)?;
            out.extend_from_slice(&chunk[..got]);
            left -= got;
        }
        Ok(())
    }

    fn read_line(&mut self, deadline: Instant) -> Result<Vec<u8>, ReadError> {
        loop {
            if let Some(at) = find(&self.pending, b"\r\n") {
                let mut line: Vec<u8> = self.pending.drain(..at + 2).collect();
                line.truncate(at);
                return Ok(line);
            }
            if self.pending.len() > MAX_FRAMING_LINE {
                return Err(ReadError::Refused(400, "a chunk line is too long".into()));
            }
            self.fill(deadline)?;
        }
    }

    /// The body as framed, at most `max` bytes (413 beyond), by `deadline` (408 after).
    pub fn read_body(
        &mut self,
        framing: Framing,
        max: u64,
        deadline: Instant,
    ) -> Result<Vec<u8>, ReadError> {
        match framing {
            Framing::Length(n) => {
                let mut body = Vec::with_capacity(usize::try_from(n.min(1 << 20)).unwrap_or(0));
                self.read_exact_into(&mut body, n, deadline)?;
                Ok(body)
            }
            Framing::Chunked => {
                let mut body = Vec::new();
                loop {
                    let line = self.read_line(deadline)?;
                    let text = String::from_utf8_lossy(&line);
                    let size_text = text.split(';').next().unwrap_or("").trim();
                    let size = u64::from_str_radix(size_text, 16).map_err(|_| {
                        ReadError::Refused(400, format!("bad chunk size {size_text:?}"))
                    })?;
                    if size == 0 {
                        // Trailers, up to the empty line.
                        while !self.read_line(deadline)?.is_empty() {}
                        return Ok(body);
                    }
                    if (body.len() as u64).saturating_add(size) > max {
                        return Err(too_large(max));
                    }
                    self.read_exact_into(&mut body, size, deadline)?;
                    if !self.read_line(deadline)?.is_empty() {
                        return Err(ReadError::Refused(400, "a chunk overruns its size".into()));
                    }
                }
            }
        }
    }

    /// Tells a client that waits for it (`Expect: 100-continue`) to send the body.
    pub fn send_continue(&mut self) {
        let _ = self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }

    /// Writes the answer and closes. With `unread_body`, what the client is still sending is
    /// read and dropped for a bounded time first, so that the close does not reset the
    /// connection before the client has read the answer.
    pub fn finish(mut self, response: &Response, head_only: bool, unread_body: bool) {
        let mut out = format!(
            "HTTP/1.1 {} {}\r\n",
            response.status,
            reason(response.status)
        );
        for (name, value) in &response.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            response.body.len()
        ));
        let mut bytes = out.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&response.body);
        }
        if self.stream.write_all(&bytes).is_err() {
            return;
        }
        let _ = self.stream.flush();
        let _ = self.stream.shutdown(Shutdown::Write);
        if unread_body {
            self.drain();
        }
    }

    fn drain(&mut self) {
        let deadline = Instant::now() + DRAIN_TIME;
        let mut total = 0u64;
        let mut chunk = vec![0u8; 64 * 1024];
        while total < DRAIN_BYTES {
            match self.read_some(&mut chunk, deadline) {
                Ok(n) => total += n as u64,
                Err(_) => return,
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn parse_head(text: &str) -> Result<Head, ReadError> {
    let bad = |what: &str| ReadError::Refused(400, what.to_owned());
    let mut lines = text.split("\r\n");
    let request_line = lines.next().unwrap_or("");
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("malformed request line"));
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(bad("malformed method"));
    }
    if !target.starts_with('/') {
        return Err(bad("the request target must be a path"));
    }
    if !version.starts_with("HTTP/1.") {
        return Err(ReadError::Refused(505, "HTTP/1.x only".into()));
    }
    let mut headers = Vec::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(bad("malformed header line"));
        };
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(bad("malformed header name"));
        }
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    let head = Head {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
    };
    for unique in ["Host", "Content-Length", "Transfer-Encoding"] {
        if head.count(unique) > 1 {
            return Err(bad(&format!("more than one {unique} header")));
        }
    }
    Ok(head)
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Content Too Large",
        421 => "Misdirected Request",
        423 => "Locked",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_parse_and_refuse_what_they_must() {
        let head =
            parse_head("POST /api/x?token=1 HTTP/1.1\r\nHost: 127.0.0.1:9\r\nContent-Length: 12")
                .expect("parses");
        assert_eq!(head.method, "POST");
        assert_eq!(head.path(), "/api/x");
        assert_eq!(head.header("host"), Some("127.0.0.1:9"));
        assert_eq!(head.body_framing(100).ok(), Some(Framing::Length(12)));
        assert!(matches!(
            head.body_framing(11),
            Err(ReadError::Refused(413, _))
        ));
        for bad in [
            "GET / HTTP/1.1 extra",
            "get / HTTP/1.1",
            "GET http://x/ HTTP/1.1",
            "GET / HTTP/1.1\r\nno colon",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b",
            "POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked",
        ] {
            let refused = parse_head(bad).and_then(|h| h.body_framing(100).map(|_| ()));
            assert!(
                matches!(refused, Err(ReadError::Refused(400, _))),
                "{bad:?}"
            );
        }
        assert!(matches!(
            parse_head("GET / HTTP/2.0"),
            Err(ReadError::Refused(505, _))
        ));
        let head = parse_head("POST / HTTP/1.1\r\nContent-Length: -1").expect("parses");
        assert!(matches!(
            head.body_framing(100),
            Err(ReadError::Refused(400, _))
        ));
    }
}
