//! `make bench` (.ci/bench): the glossary search function (`db::glossary::search`, what the
//! server function runs) on a database holding the demo glossary plus synthetic terms,
//! generated here: 10,000 and then 1,000,000 of them. Prints one line per size:
//! "terms p50_ms p99_ms" over a mix of queries (an acronym, a prefix, punctuation, words, a
//! slip in an acronym and in a word, FTS5 syntax, nothing found).

use app::db::{Db, glossary, glossary_search};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use std::time::{Duration, Instant};

const ROUNDS: usize = 30;

/// A deterministic stream of numbers (xorshift), so every run builds the same glossary.
struct Random(u64);

impl Random {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

/// About 5,000 made-up words, as many starting with each letter.
fn vocabulary() -> Vec<Vec<String>> {
    let (onsets, vowels, codas) = (
        [
            "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w",
        ],
        ["a", "e", "i", "o", "u", "ai", "ou"],
        ["", "n", "r", "s", "t", "nd", "ck", "ng"],
    );
    let mut by_letter: Vec<Vec<String>> = vec![Vec::new(); 26];
    for first in b'a'..=b'z' {
        for o in onsets {
            for v in vowels {
                for c in codas.iter().take(2) {
                    let word = format!("{}{v}{o}{c}", first as char);
                    by_letter[(first - b'a') as usize].push(word);
                }
            }
        }
    }
    by_letter
}

async fn fill(db: &Db, from: usize, to: usize, random: &mut Random, words: &[Vec<String>]) {
    let contexts = [
        "general",
        "childrens-social-care",
        "adult-mental-health",
        "education",
        "health",
        "justice",
    ];
    let now = chrono::Utc::now().to_rfc3339();
    let batch = 400;
    let mut vocabulary = std::collections::BTreeSet::new();
    let txn = db.begin_write().await.unwrap();
    for start in (from..to).step_by(batch) {
        let (mut terms, mut term_values) = (Vec::new(), Vec::<Value>::new());
        let (mut keys, mut key_values) = (Vec::new(), Vec::<Value>::new());
        for id in start..(start + batch).min(to) {
            let length = 2 + random.next(5);
            let letters: Vec<usize> = (0..length).map(|_| random.next(26)).collect();
            let term: String = letters
                .iter()
                .map(|l| (b'A' + *l as u8) as char)
                .collect::<String>()
                + &(id % 97).to_string();
            let expansion: Vec<&str> = letters
                .iter()
                .map(|l| words[*l][random.next(words[*l].len())].as_str())
                .collect();
            let expansion = expansion.join(" ");
            let definition: Vec<&str> = (0..10)
                .map(|_| {
                    let l = random.next(26);
                    words[l][random.next(words[l].len())].as_str()
                })
                .collect();
            let key = app::domain::glossary::normalise(&term);
            let definition = definition.join(" ");
            vocabulary.extend(glossary_search::words_of(&[&expansion, &definition]));
            for (k, reversed, origin) in glossary_search::names_of(&key, &[]) {
                keys.push("(?, ?, ?, ?)");
                key_values.extend([k.into(), reversed.into(), (id as i32).into(), origin.into()]);
            }
            terms.push("(?, ?, ?, ?, ?, ?, '', '', '', 'approved', ?, 1)");
            term_values.extend([
                (id as i32).into(),
                term.into(),
                key.into(),
                expansion.into(),
                definition.into(),
                contexts[id % contexts.len()].into(),
                now.clone().into(),
            ]);
        }
        let run = |sql: String, values: Vec<Value>| {
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                sql,
                values,
            ))
        };
        run(
            format!(
                "INSERT OR IGNORE INTO glossary_term (id, term, term_key, expansion, definition, context, \
                 aliases, see_also, source_url, status, updated_at, version) VALUES {}",
                terms.join(", ")
            ),
            term_values,
        )
        .await
        .unwrap();
        run(
            format!(
                "INSERT INTO glossary_key (key, key_reversed, term_id, origin) \
                 SELECT column1, column2, column3, column4 FROM (VALUES {}) \
                 WHERE column3 IN (SELECT id FROM glossary_term)",
                keys.join(", ")
            ),
            key_values,
        )
        .await
        .unwrap();
    }
    let vocabulary: Vec<String> = vocabulary.into_iter().collect();
    glossary_search::add_words(&txn, &vocabulary).await.unwrap();
    txn.commit().await.unwrap();
    let txn = db.begin_write().await.unwrap();
    txn.execute_unprepared("ANALYZE").await.unwrap();
    txn.commit().await.unwrap();
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
    samples[index].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    app::db::demo::seed(&db).await.unwrap();
    let words = vocabulary();
    let mut random = Random(0x5eed);
    let queries = [
        "cp",
        "cpa",
        "c.p.a",
        "CAMHS",
        "care programme",
        "safeguarding children",
        "cahms",
        "safegaurding",
        "\"NEAR(cp* -x:",
        "ba",
        "zzzzqq",
    ];
    let first_id = 1_000_000;
    let mut loaded = 0;
    for size in [10_000, 1_000_000] {
        fill(&db, first_id + loaded, first_id + size, &mut random, &words).await;
        loaded = size;
        let mut samples = Vec::new();
        let mut by_query = vec![Vec::new(); queries.len()];
        for round in 0..=ROUNDS {
            for (i, q) in queries.iter().enumerate() {
                let start = Instant::now();
                let found = glossary::search(db.reader(), q).await.unwrap();
                std::hint::black_box(found);
                if round > 0 {
                    samples.push(start.elapsed());
                    by_query[i].push(start.elapsed());
                }
            }
        }
        // On stderr, for looking into a slow figure: each query's median.
        for (q, mut times) in queries.iter().zip(by_query) {
            eprintln!(
                "{size} terms, {q:?}: p50 {:.2} ms",
                percentile(&mut times, 0.5)
            );
        }
        println!(
            "{size} {:.2} {:.2}",
            percentile(&mut samples, 0.5),
            percentile(&mut samples, 0.99)
        );
    }
}
