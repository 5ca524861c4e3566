//! The checks every request passes before it reaches the API: loopback `Host`, same-origin,
//! and the per-run token.

use bureau_api::ErrorCode;

use super::http::Head;

pub struct Refusal {
    pub status: u16,
    pub code: ErrorCode,
    pub message: String,
}

impl Refusal {
    pub fn new(status: u16, code: ErrorCode, message: impl Into<String>) -> Self {
        Refusal {
            status,
            code,
            message: message.into(),
        }
    }
}

pub struct Guard {
    allowed_hosts: [String; 2],
    token: String,
}

impl Guard {
    /// Fails only without an OS random source: better not to serve than to serve with a
    /// guessable token.
    pub fn new(port: u16) -> Result<Self, getrandom::Error> {
        Ok(Guard {
            allowed_hosts: [format!("127.0.0.1:{port}"), format!("localhost:{port}")],
            token: random_token()?,
        })
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// A rebinding attack reaches us with the attacker's host name: refuse anything else.
    pub fn check_host(&self, request: &Head) -> Result<(), Refusal> {
        let host = header_value(request, "Host").unwrap_or_default();
        if self
            .allowed_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&host))
        {
            Ok(())
        } else {
            Err(Refusal::new(
                421,
                ErrorCode::BadRequest,
                format!("requests must be addressed to {}", self.allowed_hosts[0]),
            ))
        }
    }

    pub fn check_api(&self, request: &Head) -> Result<(), Refusal> {
        if let Some(origin) = header_value(request, "Origin") {
            let same = self
                .allowed_hosts
                .iter()
                .any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}")));
            if !same {
                return Err(Refusal::new(
                    403,
                    ErrorCode::BadRequest,
                    "cross-origin requests are refused",
                ));
            }
        }
        let given = header_value(request, "X-Planner-Token").unwrap_or_default();
        if !constant_time_eq(given.as_bytes(), self.token.as_bytes()) {
            return Err(Refusal::new(
                401,
                ErrorCode::BadRequest,
                "missing or wrong token: open the URL printed by `planner serve`",
            ));
        }
        Ok(())
    }
}

fn header_value(request: &Head, name: &str) -> Option<String> {
    request.header(name).map(str::to_owned)
}

/// 128 bits from the operating system's random source.
fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
