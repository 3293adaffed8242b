//! `make bench` (.ci/bench): how long one password hash and one check take with the
//! production parameters, measured alone (no HTTP, no database), one at a time.
//! Prints "hash_p50 hash_p99 verify_p50 verify_p99" in milliseconds.

use app::auth::password_hash::{hash, verify};
use std::time::{Duration, Instant};

const SAMPLES: usize = 50;

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
    samples[index].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let password = "quiet harbour lantern 42".to_owned();
    let stored = hash(password.clone()).await.expect("hashing works"); // and warms up
    let (mut hashing, mut checking) = (Vec::new(), Vec::new());
    for _ in 0..SAMPLES {
        let start = Instant::now();
        hash(password.clone()).await.expect("hashing works");
        hashing.push(start.elapsed());
        let start = Instant::now();
        assert!(
            verify(password.clone(), Some(stored.clone()))
                .await
                .expect("checking works")
        );
        checking.push(start.elapsed());
    }
    println!(
        "{:.1} {:.1} {:.1} {:.1}",
        percentile(&mut hashing, 0.5),
        percentile(&mut hashing, 0.99),
        percentile(&mut checking, 0.5),
        percentile(&mut checking, 0.99)
    );
}
