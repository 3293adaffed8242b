//! The site's cookies: HttpOnly, SameSite=Lax, and over https `Secure` with the `__Host-`
//! prefix (so no subdomain can set or read them). The session cookie has no Max-Age: it ends
//! when the browser closes, and the server ends it sooner after the idle or absolute timeout.

use crate::db::sessions::SessionPolicy;

/// One of the site's cookies, by its name over plain http.
#[derive(Clone, Copy, Debug)]
pub struct SiteCookie {
    name: &'static str,
    secure: bool,
}

impl SiteCookie {
    pub const fn new(name: &'static str, secure: bool) -> Self {
        Self { name, secure }
    }

    pub fn name(&self) -> String {
        if self.secure {
            format!("__Host-{}", self.name)
        } else {
            self.name.to_owned()
        }
    }

    /// `Set-Cookie` value that gives the browser `value` (for `max_age` seconds, or until it
    /// closes).
    pub fn set(&self, value: &str, max_age: Option<u32>) -> String {
        let lifetime = max_age
            .map(|s| format!("; Max-Age={s}"))
            .unwrap_or_default();
        format!("{}={value}; {}{lifetime}", self.name(), self.attributes())
    }

    /// `Set-Cookie` value that removes the cookie.
    pub fn clear(&self) -> String {
        format!("{}=; Max-Age=0; {}", self.name(), self.attributes())
    }

    fn attributes(&self) -> &'static str {
        if self.secure {
            "Path=/; HttpOnly; SameSite=Lax; Secure"
        } else {
            "Path=/; HttpOnly; SameSite=Lax"
        }
    }

    /// The cookie's value in a `Cookie` request header, if it has one.
    pub fn read<'a>(&self, cookie_header: &'a str) -> Option<&'a str> {
        let name = self.name();
        cookie_header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(n, value)| *n == name && !value.is_empty())
            .map(|(_, value)| value)
    }
}

/// What the server tells every request about sessions.
#[derive(Clone, Copy, Debug)]
pub struct SessionSettings {
    pub policy: SessionPolicy,
    /// Served over https.
    pub secure: bool,
}

impl SessionSettings {
    pub fn cookie(&self) -> SiteCookie {
        SiteCookie::new("session", self.secure)
    }

    /// `Set-Cookie` value that gives the browser `secret`.
    pub fn set(&self, secret: &str) -> String {
        self.cookie().set(secret, None)
    }

    /// `Set-Cookie` value that removes the cookie.
    pub fn clear(&self) -> String {
        self.cookie().clear()
    }

    /// The session secret in a `Cookie` request header, if there is one.
    pub fn read<'a>(&self, cookie_header: &'a str) -> Option<&'a str> {
        self.cookie().read(cookie_header)
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

    #[test]
    fn a_cookie_with_a_lifetime_says_so() {
        let form = SiteCookie::new("form", true);
        assert_eq!(
            form.set("t", Some(600)),
            "__Host-form=t; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=600"
        );
        assert_eq!(form.read("session=a; __Host-form=t"), Some("t"));
        assert_eq!(SiteCookie::new("form", false).read("__Host-form=t"), None);
    }
}
