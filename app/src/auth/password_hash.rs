//! argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). Hashing takes tens of
//! milliseconds of CPU, so it runs on tokio's blocking threads, never on the async ones, at
//! most one per core, each in memory that is kept and reused.

use argon2::{
    Algorithm, Argon2, Block, Params, PasswordHash, Version,
    password_hash::{self, Output, ParamsString, Salt, SaltString, rand_core::OsRng},
};
use std::sync::{LazyLock, Mutex};
use tokio::sync::Semaphore;

const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Hash(#[from] password_hash::Error),
    #[error("password hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// At most one hash per core at a time. Unbounded, a burst of sign-ins ran one per blocking
/// thread and the process grew past 2 GB. Queueing costs no throughput: hashing is CPU-bound.
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
});

/// The hashes' memory, one buffer per slot, reused. A fresh 19 MiB for every hash left
/// glibc's heap fragmented: ten seconds of sign-ins still grew the process to 490 MB.
static MEMORY: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Runs `work` on a blocking thread, with a reused buffer of `blocks` blocks, once a slot is
/// free.
async fn hashing<T: Send + 'static>(
    blocks: usize,
    work: impl FnOnce(&mut [Block]) -> Result<T, password_hash::Error> + Send + 'static,
) -> Result<T, HashError> {
    let _slot = HASHING
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let result = tokio::task::spawn_blocking(move || {
        let mut memory = MEMORY.lock().map(|mut m| m.pop()).ok().flatten();
        let memory = memory.get_or_insert_default();
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        let result = work(&mut memory[..blocks]);
        if let Ok(mut pool) = MEMORY.lock() {
            pool.push(std::mem::take(memory));
        }
        result
    });
    Ok(result.await??)
}

fn params() -> Params {
    Params::new(MEMORY_KIB, PASSES, LANES, None).expect("constant parameters are valid")
}

/// The raw hash of `password` with `salt`, as `argon2` would compute it for the PHC string.
fn compute(
    argon2: &Argon2,
    password: &[u8],
    salt: Salt,
    output_len: usize,
    memory: &mut [Block],
) -> Result<Output, password_hash::Error> {
    let mut salt_bytes = [0; Salt::MAX_LENGTH];
    let salt = salt.decode_b64(&mut salt_bytes)?;
    Output::init_with(output_len, |out| {
        Ok(argon2.hash_password_into_with_memory(password, salt, out, &mut *memory)?)
    })
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with a fresh random salt.
pub async fn hash(password: String) -> Result<String, HashError> {
    let params = params();
    hashing(params.block_count(), move |memory| {
        let salt = SaltString::generate(&mut OsRng);
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let output = compute(
            &argon2,
            password.as_bytes(),
            salt.as_salt(),
            Params::DEFAULT_OUTPUT_LEN,
            memory,
        )?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params)?,
            salt: Some(salt.as_salt()),
            hash: Some(output),
        };
        Ok(phc.to_string())
    })
    .await
}

/// Checks `password` against a stored hash, with the parameters stored in it. With no stored
/// hash (no such account, or one that has not set a password) a dummy hash is checked instead,
/// so the answer takes as long and reveals nothing.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, HashError> {
    let blocks = match &stored {
        Some(stored) => Params::try_from(&PasswordHash::new(stored)?)?.block_count(),
        None => params().block_count(),
    };
    hashing(blocks, move |memory| {
        let (stored, real) = match &stored {
            Some(stored) => (stored.as_str(), true),
            None => (DUMMY.as_str(), false),
        };
        let parsed = PasswordHash::new(stored)?;
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
            return Err(password_hash::Error::PhcStringField);
        };
        let version = parsed.version.map(Version::try_from).transpose()?;
        let argon2 = Argon2::new(
            Algorithm::try_from(parsed.algorithm)?,
            version.unwrap_or_default(),
            Params::try_from(&parsed)?,
        );
        let computed = compute(&argon2, password.as_bytes(), salt, expected.len(), memory)?;
        // `Output` compares in constant time.
        Ok(computed == expected && real)
    })
    .await
}

/// Made once, the way real ones are, so checking it costs the same.
static DUMMY: LazyLock<String> = LazyLock::new(|| {
    use argon2::PasswordHasher;
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
        .hash_password(
            b"no account has this password",
            &SaltString::generate(&mut OsRng),
        )
        .expect("hashing a constant succeeds")
        .to_string()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("plum tractor lantern".into()).await.unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(
            verify("plum tractor lantern".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("plum tractor lanterns".into(), Some(stored))
                .await
                .unwrap()
        );
    }

    /// Hashes stored before the memory was reused, and by any argon2 tool, still verify.
    #[tokio::test]
    async fn hashes_agree_with_the_argon2_crates_own() {
        use argon2::{PasswordHasher, PasswordVerifier};
        let theirs = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        let salt = SaltString::generate(&mut OsRng);
        let stored = theirs
            .hash_password(b"plum tractor lantern", &salt)
            .unwrap()
            .to_string();
        assert!(
            verify("plum tractor lantern".into(), Some(stored))
                .await
                .unwrap()
        );

        let ours = hash("plum tractor lantern".into()).await.unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            theirs
                .verify_password(b"plum tractor lantern", &parsed)
                .is_ok()
        );
        assert!(
            theirs
                .verify_password(b"plum tractor lanterns", &parsed)
                .is_err()
        );
    }

    /// A hash made with other parameters (older, or stronger later) is checked with its own.
    #[tokio::test]
    async fn a_hash_is_checked_with_the_parameters_stored_in_it() {
        use argon2::PasswordHasher;
        let stronger = Params::new(2 * MEMORY_KIB, 3, 1, None).unwrap();
        let stored = Argon2::new(Algorithm::Argon2id, Version::V0x13, stronger)
            .hash_password(b"plum tractor lantern", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(stored.contains("m=38912,t=3"), "{stored}");
        assert!(
            verify("plum tractor lantern".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("plum tractor lanterns".into(), Some(stored))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn the_same_password_hashes_differently_each_time() {
        let a = hash("plum tractor lantern".into()).await.unwrap();
        let b = hash("plum tractor lantern".into()).await.unwrap();
        assert_ne!(a, b, "salted");
    }

    #[tokio::test]
    async fn no_stored_hash_never_verifies() {
        assert!(
            !verify("no account has this password".into(), None)
                .await
                .unwrap()
        );
    }
}
