//! The password policy (NCSC / NIST SP 800-63B): long enough, not too long to hash, any
//! characters (paste allowed, no composition rules), and not one of the passwords attackers
//! try first.

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Enter a password")]
    Empty,
    #[error("Password must be {MIN_CHARS} characters or more")]
    TooShort,
    #[error("Password must be {MAX_CHARS} characters or fewer")]
    TooLong,
    #[error("This password is too common and easy to guess: choose a different one")]
    Common,
}

/// Checks a new password. The common-password list is large and only on the server, where
/// every password is checked again before it is stored.
pub fn check_new(password: &str) -> Result<(), PasswordError> {
    let length = password.chars().count();
    match length {
        0 => return Err(PasswordError::Empty),
        1..MIN_CHARS => return Err(PasswordError::TooShort),
        MIN_CHARS..=MAX_CHARS => {}
        _ => return Err(PasswordError::TooLong),
    }
    #[cfg(feature = "ssr")]
    if is_common(password) {
        return Err(PasswordError::Common);
    }
    Ok(())
}

/// Compared lower-cased: "Password1234" is as guessable as "password1234".
#[cfg(feature = "ssr")]
fn is_common(password: &str) -> bool {
    passwords::analyzer::is_common_password(password)
        || passwords::analyzer::is_common_password(password.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn length_is_counted_in_characters() {
        assert_eq!(check_new(""), Err(PasswordError::Empty));
        assert_eq!(check_new("short pass"), Err(PasswordError::TooShort));
        assert_eq!(check_new(&"é".repeat(11)), Err(PasswordError::TooShort));
        assert_eq!(
            check_new(&"é".repeat(MAX_CHARS + 1)),
            Err(PasswordError::TooLong)
        );
        assert_eq!(check_new("plum tractor lantern"), Ok(()));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert_eq!(check_new("1234567890123"), Err(PasswordError::Common));
        assert_eq!(check_new("qwertyuiop123"), Err(PasswordError::Common));
        assert_eq!(check_new("QwertyUiop123"), Err(PasswordError::Common));
    }

    proptest! {
        #[test]
        fn accepted_passwords_fit_the_length_rule(password in "(?s).{0,140}") {
            if check_new(&password).is_ok() {
                let n = password.chars().count();
                prop_assert!((MIN_CHARS..=MAX_CHARS).contains(&n));
            }
        }
    }
}
