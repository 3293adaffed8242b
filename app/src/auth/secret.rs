//! Random secrets handed to a browser (session cookies, invitation and reset links). Only
//! their SHA-256 digest is stored, so a copy of the database cannot be used to sign in.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 128 bits: as OWASP asks of session ids.
pub const SESSION_BYTES: usize = 16;
/// 256 bits for links that sit in mailboxes.
pub const LINK_BYTES: usize = 32;

/// A new secret of `bytes` random bytes, URL-safe, from a CSPRNG seeded by the OS.
pub fn generate(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// The form a secret is stored and looked up in.
pub fn digest(secret: &str) -> String {
    let hash = Sha256::digest(secret.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_have_the_asked_length_and_differ() {
        let a = generate(SESSION_BYTES);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), SESSION_BYTES);
        assert_ne!(a, generate(SESSION_BYTES));
        assert_eq!(
            URL_SAFE_NO_PAD.decode(generate(LINK_BYTES)).unwrap().len(),
            LINK_BYTES
        );
    }

    #[test]
    fn the_digest_is_stable_hex_and_not_the_secret() {
        let secret = generate(LINK_BYTES);
        assert_eq!(digest(&secret), digest(&secret));
        assert_eq!(digest(&secret).len(), 64);
        assert_ne!(digest(&secret), secret);
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
