//! The session cookie: HttpOnly, SameSite=Lax, and over https `Secure` with the `__Host-`
//! prefix (so no subdomain can set or read it). No Max-Age: it ends when the browser closes,
//! and the server ends it sooner after the idle or absolute timeout.

use crate::db::sessions::SessionPolicy;

/// What the server tells every request about sessions.
#[derive(Clone, Copy, Debug)]
pub struct SessionSettings {
    pub policy: SessionPolicy,
    /// Served over https.
    pub secure: bool,
}

impl SessionSettings {
    pub fn cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-session"
        } else {
            "session"
        }
    }

    /// `Set-Cookie` value that gives the browser `secret`.
    pub fn set(&self, secret: &str) -> String {
        format!("{}={secret}; {}", self.cookie_name(), self.attributes())
    }

    /// `Set-Cookie` value that removes the cookie.
    pub fn clear(&self) -> String {
        format!("{}=; Max-Age=0; {}", self.cookie_name(), self.attributes())
    }

    fn attributes(&self) -> &'static str {
        if self.secure {
            "Path=/; HttpOnly; SameSite=Lax; Secure"
        } else {
            "Path=/; HttpOnly; SameSite=Lax"
        }
    }

    /// The session secret in a `Cookie` request header, if there is one.
    pub fn read<'a>(&self, cookie_header: &'a str) -> Option<&'a str> {
        cookie_header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, value)| *name == self.cookie_name() && !value.is_empty())
            .map(|(_, value)| value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(secure: bool) -> SessionSettings {
        SessionSettings {
            policy: SessionPolicy::default(),
            secure,
        }
    }

    #[test]
    fn over_https_the_cookie_is_host_only_and_secure() {
        let set = settings(true).set("abc");
        assert_eq!(
            set,
            "__Host-session=abc; Path=/; HttpOnly; SameSite=Lax; Secure"
        );
        assert!(
            settings(false)
                .set("abc")
                .starts_with("session=abc; Path=/; HttpOnly; SameSite=Lax")
        );
        assert!(!settings(false).set("abc").contains("Secure"));
    }

    #[test]
    fn the_secret_is_read_from_among_other_cookies() {
        let s = settings(false);
        assert_eq!(s.read("a=1; session=xyz; b=2"), Some("xyz"));
        assert_eq!(s.read("a=1; mysession=xyz"), None);
        assert_eq!(s.read("session="), None);
        assert_eq!(
            settings(true).read("session=xyz; __Host-session=abc"),
            Some("abc")
        );
    }

    #[test]
    fn clearing_expires_the_cookie_at_once() {
        assert!(settings(false).clear().starts_with("session=; Max-Age=0;"));
    }
}
